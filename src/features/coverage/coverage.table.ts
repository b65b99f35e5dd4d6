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

/** One row per place the coverage may count, kept by the change marks' triggers (see 2026-12-07T1130-coverage-places). */
export interface CoveragePlacesTable {
  place_id: string;
  name: string;
  latitude: number;
  longitude: number;
  services: string[];
  structure_kind: string;
  /** The span of days over which the same permanences are valid: the sums hold on each of them. */
  valid_since: ColumnType<string, string, string>;
  valid_until: ColumnType<string, string, string>;
  active: boolean;
  weekly_units: number;
  drop_in: boolean;
}
