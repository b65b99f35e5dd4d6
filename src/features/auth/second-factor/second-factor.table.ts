import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UserSecondFactorsTable {
  user_id: string;
  secret_enc: string;
  created_at: Timestamp;
  enrolled_at: NullableTimestamp;
  failed_count: ColumnType<number, number | undefined, number>;
  locked_until: NullableTimestamp;
  /** The TOTP step of the last accepted code: a code of this step or an earlier one is never accepted again. */
  last_step: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}
