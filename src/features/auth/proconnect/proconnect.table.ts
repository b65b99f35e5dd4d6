import type { ColumnType } from "kysely";

export interface ProConnectLinksTable {
  sub: string;
  user_id: string;
  linked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProConnectSessionsTable {
  session_id_hash: string;
  id_token: string;
}
