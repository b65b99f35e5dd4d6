// Table types of webhooks: subscribers and their deliveries.
import type { ColumnType, Generated, Selectable } from "kysely";
import type { DeliveryStatus } from "./webhooks.ts";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface WebhookEndpointsTable {
  id: Generated<string>;
  name: string;
  url: string;
  events: ColumnType<string[], string[], string[]>;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: NullableTimestamp;
  created_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  not_before: Timestamp;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  last_attempt_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
}

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
