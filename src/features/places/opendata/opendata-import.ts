// Reading a file in the national standard for import: every row checked against the official schema,
// then against what this site needs (a commune of the département, a pivot it can store, hours it can read).
// Pure: communes and options are given.

import { searchKey } from "../../territory/territory.ts";
import { openingHoursError } from "../availability.ts";
import { parseCsv } from "./csv.ts";
import type { CommuneRef } from "./opendata.repository.ts";
import { fromStandardRow, type PlaceImportValues } from "./opendata-mapping.ts";
import type { StandardRow, StandardValidator } from "./standard-validation.ts";

export interface ImportContext {
  departement: string;
  brandName: string;
  /** Source of the rows whose `source` column is empty. */
  declaredSource: string;
  communes: readonly CommuneRef[];
}

export interface CheckedRow {
  line: number;
  row: StandardRow;
  errors: string[];
}

export interface PreparedRow {
  line: number;
  source: string;
  sourceId: string;
  /** Set when the row is one of our own places, exported by this site: the place's id. */
  ownId: string | null;
  communeCode: string;
  values: PlaceImportValues;
}

export interface ReadResult {
  fileErrors: string[];
  ignoredColumns: string[];
  rows: CheckedRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// What the places table accepts: a SIRET or an RNA number (narrower than the standard, which also allows RIDET).
const STORABLE_PIVOT = /^([0-9]{14}|W[0-9A-Z]{9})$/;

/** Parses the text and checks each row against the schema; file-level problems stop everything. */
export function readStandardFile(text: string, standard: StandardValidator): ReadResult {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) return { fileErrors: ["Le fichier est vide."], ignoredColumns: [], rows: [] };
  const columns = header.fields.map((c) => c.trim());
  const fileErrors: string[] = [];
  if (columns.length === 1 && columns[0]!.includes(";")) {
    fileErrors.push("Les colonnes sont séparées par des points-virgules : le standard demande des virgules.");
    return { fileErrors, ignoredColumns: [], rows: [] };
  }
  const known = new Set(standard.fieldNames);
  const duplicates = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (duplicates.length > 0) fileErrors.push(`Colonnes en double : ${[...new Set(duplicates)].join(", ")}.`);
  const missing = standard.requiredFields.filter((f) => !columns.includes(f));
  if (missing.length > 0) fileErrors.push(`Colonnes obligatoires absentes de la première ligne : ${missing.join(", ")}.`);
  if (records.length === 1) fileErrors.push("Le fichier ne contient aucune ligne après la ligne des noms de colonnes.");
  const ignoredColumns = columns.filter((c) => !known.has(c));
  if (fileErrors.length > 0) return { fileErrors, ignoredColumns, rows: [] };

  const firstLine = new Map<string, number>();
  const rows = records.slice(1).map((record): CheckedRow => {
    const row: StandardRow = {};
    columns.forEach((column, i) => {
      if (known.has(column)) row[column] = (record.fields[i] ?? "").trim();
    });
    const errors: string[] = [];
    if (record.error) errors.push(`ligne mal formée : ${record.error}`);
    if (record.fields.length !== columns.length) {
      errors.push(`${record.fields.length} valeurs pour ${columns.length} colonnes (virgule en trop ou guillemet manquant ?)`);
    }
    errors.push(...standard.validateRow(row).map((issue) => issue.message));
    for (const field of standard.uniqueFields) {
      const value = row[field] ?? "";
      if (value === "") continue;
      const seen = firstLine.get(`${field}\u0000${value}`);
      if (seen !== undefined) errors.push(`${field} : « ${value} » est déjà utilisé ligne ${seen}`);
      else firstLine.set(`${field}\u0000${value}`, record.line);
    }
    return { line: record.line, row, errors };
  });
  return { fileErrors, ignoredColumns, rows };
}

export function resolveCommune(row: StandardRow, departement: string, communes: readonly CommuneRef[]): { code: string } | { error: string } {
  const insee = row.code_insee ?? "";
  if (insee !== "") {
    if (!insee.startsWith(departement)) return { error: `commune hors du département (code INSEE ${insee})` };
    const commune = communes.find((c) => c.code === insee);
    return commune ? { code: commune.code } : { error: `code_insee : ${insee} n'est pas une commune actuelle du département` };
  }
  const postcode = row.code_postal ?? "";
  const candidates = communes.filter((c) => c.postcodes.includes(postcode));
  if (candidates.length === 0) return { error: `commune hors du département (code postal ${postcode})` };
  const key = searchKey(row.commune ?? "");
  const match = candidates.find((c) => searchKey(c.name) === key);
  if (match) return { code: match.code };
  return { error: `commune : « ${row.commune} » n'a pas le code postal ${postcode} (${candidates.map((c) => c.name).join(", ")} l'ont)` };
}

/** This site's own rules, checked once the row follows the schema. */
function siteErrors(row: StandardRow, values: PlaceImportValues): string[] {
  const errors: string[] = [];
  if (values.pivot !== null && !STORABLE_PIVOT.test(values.pivot)) {
    errors.push("pivot : seuls un SIRET (14 chiffres) ou un numéro RNA (W suivi de 9 caractères) peuvent être enregistrés ici");
  }
  if ((values.latitude === null) !== (values.longitude === null)) errors.push("latitude et longitude : indiquez les deux ou aucune");
  if (values.opening_hours !== null && openingHoursError(values.opening_hours) !== null) {
    errors.push(`horaires : « ${row.horaires} » ne suit pas la syntaxe OpenStreetMap (exemple : Mo-Fr 09:00-12:00,14:00-17:00)`);
  }
  return errors;
}

/** Adds the site's checks and the place's identity to rows that follow the schema. */
export function prepareRows(rows: CheckedRow[], context: ImportContext): { prepared: PreparedRow[]; checked: CheckedRow[] } {
  const prepared: PreparedRow[] = [];
  const checked = rows.map((r): CheckedRow => {
    if (r.errors.length > 0) return r;
    const values = fromStandardRow(r.row);
    const errors = siteErrors(r.row, values);
    const commune = resolveCommune(r.row, context.departement, context.communes);
    if ("error" in commune) errors.push(commune.error);
    const source = r.row.source || context.declaredSource.trim();
    if (source === "") errors.push("source : vide ; remplissez la colonne source ou indiquez la source du fichier");
    if (errors.length > 0 || !("code" in commune)) return { ...r, errors };
    const sourceId = r.row.id!;
    const ownId = source === context.brandName && UUID.test(sourceId) ? sourceId.toLowerCase() : null;
    prepared.push({ line: r.line, source, sourceId, ownId, communeCode: commune.code, values });
    return r;
  });
  return { prepared, checked };
}
