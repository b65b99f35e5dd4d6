import type { ColumnType, Generated, Selectable } from "kysely";

type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export type CoordinatesPrecision = "address" | "commune";

export interface PlacesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  structure_id: string;
  typologie: ColumnType<string[], string[] | undefined, string[]>;
  address: string;
  postcode: string;
  commune_code: string;
  latitude: number | null;
  longitude: number | null;
  coordinates_precision: ColumnType<CoordinatesPrecision, CoordinatesPrecision | undefined, CoordinatesPrecision>;
  phone: string | null;
  email: string | null;
  website: string | null;
  is_public: Generated<boolean>;
  source: Generated<string>;
  source_id: string;
  pivot: string | null;
  address_complement: string | null;
  opening_hours: string | null;
  summary: string | null;
  description: string | null;
  parent_structure: string | null;
  accessibility_url: string | null;
  booking_url: string | null;
  updated_on: ColumnType<string, string | undefined, string>;
  emails: TextArray;
  services: TextArray;
  publics: TextArray;
  specific_support: TextArray;
  fees: TextArray;
  national_programmes: TextArray;
  labels: TextArray;
  other_labels: TextArray;
  access_modes: TextArray;
  support_modes: TextArray;
  mobility: TextArray;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** A new value from a sequence on every write of the place or of what the search API shows of it (migration place-search-versions). */
  search_version: ColumnType<string, never, string>;
}

export type PlaceRow = Selectable<PlacesTable>;

export interface PermanencesTable {
  id: Generated<string>;
  place_id: string;
  advisor_id: string;
  weekdays: number[];
  start_time: string;
  end_time: string;
  every_weeks: ColumnType<number, number | undefined, number>;
  valid_from: string;
  valid_to: string | null;
  cancelled_dates: ColumnType<string[], string[] | undefined, string[]>;
  mode: "drop_in" | "appointment" | "both";
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlaceReportsTable {
  id: Generated<string>;
  place_id: string;
  message: string;
  contact: string | null;
  ip_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resolved_by: string | null;
}

export interface PlaceChangesTable {
  id: Generated<number>;
  place_id: string;
  permanence_id: string | null;
  actor_user_id: string | null;
  at: ColumnType<Date, Date | string | undefined, never>;
  action: string;
  changes: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export type PermanenceRow = Selectable<PermanencesTable>;
