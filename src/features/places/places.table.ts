import type { ColumnType, Generated, Selectable } from "kysely";

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
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type PlaceRow = Selectable<PlacesTable>;
