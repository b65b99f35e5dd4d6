import type { ColumnType, Generated, Selectable } from "kysely";
import type { Role, StructureKind } from "./organisation.ts";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface StructuresTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: StructureKind;
  siret: string | null;
  commune_code: string | null;
  epci_code: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  first_name: string;
  last_name: string;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  last_sign_in_at: ColumnType<Date | null, never, Date | string>;
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RoleAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  structure_id: string | null;
  created_at: CreatedAt;
}

export interface AdvisorsTable {
  id: Generated<string>;
  user_id: string | null;
  structure_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export type StructureRow = Selectable<StructuresTable>;
export type UserRow = Selectable<UsersTable>;
export type AdvisorRow = Selectable<AdvisorsTable>;
