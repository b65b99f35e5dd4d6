import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  second_factor_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  public_id: Generated<string>;
}

export interface SignInTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SignInRequestsTable {
  id: Generated<string>;
  email_hash: string;
  ip: string;
  created_at: Timestamp;
}
