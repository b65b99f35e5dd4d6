import type { ColumnType, Generated } from "kysely";

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PartnerProfilesTable {
  structure_id: string;
  typology: string;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  publics: string[];
  covers_departement: Generated<boolean>;
  data_inclusion_id: string | null;
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Stamp;
  updated_at: Stamp;
}

export interface PartnerCoverageTable {
  id: Generated<string>;
  structure_id: string;
  commune_code: string | null;
  epci_code: string | null;
}

export interface PartnerServicesTable {
  id: Generated<string>;
  structure_id: string;
  data_inclusion_id: string | null;
  name: string;
  thematiques: string[];
  description: string | null;
  reception_modes: string[];
  how_to_refer: string | null;
  publics: string[];
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Stamp;
  updated_at: Stamp;
}
