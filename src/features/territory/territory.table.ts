import type { ColumnType, Selectable } from "kysely";

export interface EpcisTable {
  code: string;
  name: string;
  kind: string;
  population: number;
}

export type CentreSource = "file" | "api" | "former_codes";

export interface CommunesTable {
  code: string;
  name: string;
  search_name: string;
  departement: string;
  postcodes: string[];
  population: number;
  epci_code: string | null;
  latitude: number | null;
  longitude: number | null;
  centre_source: CentreSource | null;
  boundary: ColumnType<unknown | null, string | null, string | null>;
  synced_at: ColumnType<Date, Date | string, Date | string>;
}

export type CommuneRow = Selectable<CommunesTable>;
export type EpciRow = Selectable<EpcisTable>;
