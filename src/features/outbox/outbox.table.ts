import type { ColumnType, Generated, Selectable } from "kysely";

export type OutboxChannel = "email" | "sms";
export type OutboxStatus = "pending" | "sent" | "stored" | "failed" | "cancelled";

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: string;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  attachments: ColumnType<OutboxAttachment[], string | undefined, string>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  not_before: Timestamp;
  last_error: string | null;
  provider_id: string | null;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type OutboxRow = Selectable<OutboxTable>;
