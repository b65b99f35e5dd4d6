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
  /** A new value from the search versions' sequence whenever any place's openings are rewritten. */
  openings_version: ColumnType<string, never, string>;
}

export interface PlaceOpeningsStaleTable {
  place_id: string;
}

/** Each place's openings packed for the search API's cards: 17-byte records (see the migration place-search-versions). */
export interface PlaceSearchOpeningsTable {
  place_id: string;
  openings: Uint8Array;
}
