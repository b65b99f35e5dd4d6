// Table type of beneficiaries (usagers): identified people, only with recorded consent.
import type { ColumnType, Generated, Selectable } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface BeneficiariesTable {
  id: Generated<string>;
  /** Owner: the advisor who met the person. */
  advisor_id: string;
  structure_id: string;
  shared_with_structure: ColumnType<boolean, boolean | undefined, boolean>;
  // Identifying fields: all null once erased (database check).
  first_name: string | null;
  last_name: string | null;
  /** Lower-case, accent-free "first last", for search and duplicate detection. */
  search_name: string | null;
  phone: string | null;
  email: string | null;
  birth_year: number | null;
  notes: string | null;
  // Non-identifying profile, kept after erasure.
  residence_commune_code: string | null;
  gender: ColumnType<string, string | undefined, string>;
  social_status: ColumnType<string, string | undefined, string>;
  age_band: ColumnType<string, string | undefined, string>;
  consent_at: NullableTimestamp;
  consent_method: "oral" | "ecrit" | "en-ligne" | null;
  consent_by_user_id: string | null;
  /** Set when merged into another record (a duplicate); the record then holds nothing. */
  merged_into_id: string | null;
  erased_at: NullableTimestamp;
  /** "demande" (the person asked), "conservation" (retention job), "fusion". */
  erased_reason: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type BeneficiaryRow = Selectable<BeneficiariesTable>;
