import type { ColumnType } from "kysely";

/** One mark per write statement that may change the active places (written by triggers, never by the app). */
export interface CoverageChangesTable {
  changed_at: ColumnType<Date, never, never>;
}

/** A single row: how many marks were folded away (their count is kept, so the version never goes back). */
export interface CoverageChangesFoldedTable {
  id: ColumnType<boolean, never, never>;
  count: number;
}
