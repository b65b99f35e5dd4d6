// One report → the cells of one export row, in the national tool's columns (NATIONAL_EXPORT_COLUMNS),
// then two columns of our own that coordinators need to reconcile per advisor. The same cells feed the
// CSV and the XLSX file, so both always hold the same content. Pure: no I/O.
// One row per report (the national « ID CRA »); multiple values in a cell are separated by line breaks,
// as the national tool does. No identifying field of a person is ever written.
import {
  ACTIVITY_TYPES,
  AGE_BANDS,
  AUTONOMY_LEVELS,
  COLLECTIVE_LEVELS,
  EQUIPMENT,
  GENDERS,
  NATIONAL_EXPORT_COLUMNS,
  type NationalExportField,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  REFERRAL_STRUCTURES,
  SOCIAL_STATUSES,
  type TaxonomyOption,
  THEMES,
} from "../taxonomy.ts";

export type Cell = string | number;

/** What the mapping reads of a report (the export query's row). */
export interface ExportReport {
  id: string;
  date: string;
  type: string;
  place_type: string;
  commune_code: string | null;
  duration_minutes: number;
  equipment: string[];
  themes: string[];
  procedure_areas: string[];
  autonomy: string | null;
  oriented: boolean | null;
  referral_structure: string | null;
  beneficiary_gender: string | null;
  beneficiary_age_band: string | null;
  beneficiary_social_status: string | null;
  beneficiary_commune_code: string | null;
  title: string | null;
  level: string | null;
  participants_total: number;
  place_name: string | null;
  place_address: string | null;
  place_postcode: string | null;
  commune_name: string | null;
  commune_postcodes: string[] | null;
  person_commune_name: string | null;
  person_commune_postcodes: string[] | null;
  advisor_first_name: string;
  advisor_last_name: string;
  structure_name: string;
}

/** Our columns after the national ones: who wrote the report, for whom they work. */
export const EXTRA_EXPORT_COLUMNS = [
  { field: "advisor", column: "Médiateur" },
  { field: "structure", column: "Structure employeuse" },
] as const;

export const EXPORT_HEADERS: string[] = [...NATIONAL_EXPORT_COLUMNS.map((c) => c.column), ...EXTRA_EXPORT_COLUMNS.map((c) => c.column)];

/** The national value of a stored code; an unknown code (older data) is written as stored, never dropped. */
function national(table: readonly TaxonomyOption[], code: string | null): string {
  if (code === null) return "";
  return table.find((o) => o.code === code)?.national ?? code;
}

function nationals(table: readonly TaxonomyOption[], codes: readonly string[]): string[] {
  return codes.map((code) => national(table, code));
}

/** "2026-03-05" → "05/03/2026", as French spreadsheets read a date. */
export function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function nationalCells(r: ExportReport): Cell[] {
  const individual = r.type === "individuel";
  const atPlace = r.place_type === "lieu-activite";
  const values: Record<NationalExportField, Cell> = {
    date: frenchDate(r.date),
    type: national(ACTIVITY_TYPES, r.type),
    participants: r.participants_total,
    placeType: national(PLACE_TYPES, r.place_type),
    placeName: atPlace ? (r.place_name ?? "") : "",
    placeAddress: atPlace ? (r.place_address ?? "") : "",
    placeCommune: r.commune_name ?? "",
    placePostcode: (atPlace ? r.place_postcode : null) ?? r.commune_postcodes?.[0] ?? "",
    placeInseeCode: r.commune_code ?? "",
    durationMinutes: r.duration_minutes,
    title: r.title ?? "",
    equipment: nationals(EQUIPMENT, r.equipment).join("\n"),
    themesAndProcedureAreas: [...nationals(THEMES, r.themes), ...nationals(PROCEDURE_AREAS, r.procedure_areas)].join("\n"),
    autonomyOrLevel: individual ? national(AUTONOMY_LEVELS, r.autonomy) : national(COLLECTIVE_LEVELS, r.level),
    oriented: r.oriented === null ? "" : r.oriented ? "Oui" : "Non",
    referralStructure: national(REFERRAL_STRUCTURES, r.referral_structure),
    beneficiaryCommune: individual ? (r.person_commune_name ?? "") : "",
    beneficiaryPostcode: individual ? (r.person_commune_postcodes?.[0] ?? "") : "",
    beneficiaryInseeCode: individual ? (r.beneficiary_commune_code ?? "") : "",
    gender: national(GENDERS, r.beneficiary_gender),
    ageBand: national(AGE_BANDS, r.beneficiary_age_band),
    socialStatus: national(SOCIAL_STATUSES, r.beneficiary_social_status),
    id: r.id,
  };
  return [...NATIONAL_EXPORT_COLUMNS.map((c) => values[c.field]), `${r.advisor_first_name} ${r.advisor_last_name}`, r.structure_name];
}
