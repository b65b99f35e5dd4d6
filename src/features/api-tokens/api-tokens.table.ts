// Table type of API tokens: stored hashed, scoped, revocable.
import type { ColumnType, Generated, Selectable } from "kysely";

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  scopes: ColumnType<string[], string[], string[]>;
  created_by_user_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type ApiTokenRow = Selectable<ApiTokensTable>;
