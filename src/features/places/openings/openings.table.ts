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

/** A version per place of what the search API keeps of it (its card and openings), from one sequence, and its packed openings. */
export interface PlaceSearchVersionsTable {
  place_id: string;
  version: ColumnType<string, string | number | bigint, string | number | bigint>;
  /** The openings packed for the cards: 17-byte records (see the migration place-search-versions). */
  openings: ColumnType<Uint8Array, Uint8Array | undefined, Uint8Array>;
}
