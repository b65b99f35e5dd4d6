import type { ColumnType } from "kysely";

export type OpeningKind = "hours" | "permanence";

export interface PlaceOpeningsTable {
  place_id: string;
  starts_at: Date;
  ends_at: Date;
  kind: OpeningKind;
}

export interface PlaceOpeningsHorizonTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  /** Paris days, YYYY-MM-DD: the rows cover [from_day 00:00, to_day 00:00). */
  from_day: ColumnType<string, string, string>;
  to_day: ColumnType<string, string, string>;
  departement: string;
  computed_at: Date;
}

export interface PlaceOpeningsStaleTable {
  place_id: string;
}
