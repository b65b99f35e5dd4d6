// Importing places from a file in the national standard: a dry run that lists every invalid row, then an
// import that writes nothing while the file has errors, unless the person chose to import only the valid rows.
// Places are matched by (source, identifier) and updated in place; each created or changed place is logged.

import type { Config } from "../../../config.ts";
import type { Db, DbOrTx } from "../../../db/schema.ts";
import { slugify } from "../../organisation/organisation.ts";
import { refreshPlaceOpenings } from "../openings/openings.service.ts";
import {
  communesOf,
  type ExistingPlace,
  findExistingPlaces,
  findStructure,
  insertPlace,
  insertPlaceChange,
  slugsStartingWith,
  updatePlace,
} from "./opendata.repository.ts";
import { type CheckedRow, type PreparedRow, prepareRows, readStandardFile } from "./opendata-import.ts";
import type { PlaceImportValues } from "./opendata-mapping.ts";
import { STANDARD } from "./standard-schema.ts";

export interface ImportInput {
  text: string;
  /** Owner of the places the file creates. */
  structureId: string | null;
  /** Source of rows whose `source` column is empty. */
  declaredSource: string;
}

export interface InvalidRow {
  line: number;
  name: string;
  reasons: string[];
}

export interface ImportReport {
  fileErrors: string[];
  ignoredColumns: string[];
  total: number;
  valid: number;
  invalid: InvalidRow[];
  toCreate: number;
  toUpdate: number;
}

type ImportConfig = Pick<Config, "brand" | "departement">;

interface Checked {
  report: ImportReport;
  prepared: PreparedRow[];
  existing: Map<number, ExistingPlace>;
}

function invalidRows(rows: CheckedRow[]): InvalidRow[] {
  return rows.filter((r) => r.errors.length > 0).map((r) => ({ line: r.line, name: r.row.nom ?? "", reasons: r.errors }));
}

async function check(db: DbOrTx, config: ImportConfig, input: ImportInput): Promise<Checked> {
  const read = readStandardFile(input.text, STANDARD);
  const communes = await communesOf(db, config.departement.code);
  const { prepared, checked } = prepareRows(read.rows, {
    departement: config.departement.code,
    brandName: config.brand.name,
    declaredSource: input.declaredSource,
    communes,
  });
  const found = await findExistingPlaces(
    db,
    prepared.map((p) => ({ source: p.source, sourceId: p.sourceId })),
    prepared.flatMap((p) => (p.ownId ? [p.ownId] : [])),
  );
  const ownById = new Map(found.filter((f) => f.source === "declic").map((f) => [f.id, f]));
  const byKey = new Map(found.map((f) => [`${f.source}\u0000${f.source_id}`, f]));
  const existing = new Map<number, ExistingPlace>();
  for (const p of prepared) {
    const place = (p.ownId ? ownById.get(p.ownId) : undefined) ?? byKey.get(`${p.source}\u0000${p.sourceId}`);
    if (place) existing.set(p.line, place);
  }
  const report: ImportReport = {
    fileErrors: read.fileErrors,
    ignoredColumns: read.ignoredColumns,
    total: read.rows.length,
    valid: prepared.length,
    invalid: invalidRows(checked),
    toCreate: prepared.length - existing.size,
    toUpdate: existing.size,
  };
  return { report, prepared, existing };
}

/** The dry run: what the file would do, and every invalid row with its line and reasons. */
export async function checkImport(db: DbOrTx, config: ImportConfig, input: ImportInput): Promise<ImportReport> {
  return (await check(db, config, input)).report;
}

export type ImportOutcome =
  | { kind: "refused"; report: ImportReport; reason: "file_errors" | "row_errors" | "nothing_valid" | "structure_missing" }
  | { kind: "imported"; report: ImportReport; created: number; updated: number; unchanged: number };

const COMPARED = [
  "name", "address", "postcode", "address_complement", "latitude", "longitude", "typologie", "phone", "email", "emails",
  "website", "opening_hours", "summary", "description", "parent_structure", "pivot", "updated_on", "mobility", "services",
  "publics", "specific_support", "fees", "national_programmes", "labels", "other_labels", "access_modes", "support_modes",
  "accessibility_url", "booking_url",
] as const satisfies readonly (keyof PlaceImportValues)[];

/** A place without a pivot of its own keeps inheriting its structure's SIRET when the row gives that SIRET. */
function ownedValues(values: PlaceImportValues, ownerSiret: string | null, storedPivot: string | null): PlaceImportValues {
  return storedPivot === null && values.pivot !== null && values.pivot === ownerSiret ? { ...values, pivot: null } : values;
}

function changedFields(place: ExistingPlace, row: PreparedRow, values: PlaceImportValues): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of COMPARED) {
    if (JSON.stringify(place[key]) !== JSON.stringify(values[key])) changes[key] = { from: place[key], to: values[key] };
  }
  if (place.commune_code !== row.communeCode) changes.commune_code = { from: place.commune_code, to: row.communeCode };
  return changes;
}

async function uniqueSlug(db: DbOrTx, name: string, communeName: string, taken: Set<string>): Promise<string> {
  const base = slugify(name) || "lieu";
  const existing = await slugsStartingWith(db, base);
  const free = (slug: string) => !existing.has(slug) && !taken.has(slug);
  const withCommune = slugify(`${name} ${communeName}`);
  const candidates = [base, ...(withCommune !== base ? [withCommune] : []), ...Array.from({ length: 1000 }, (_, i) => `${withCommune}-${i + 2}`)];
  const slug = candidates.find(free) ?? `${base}-${Date.now()}`;
  taken.add(slug);
  return slug;
}

/**
 * Imports the file. Refused (nothing written) when the file has errors, unless `onlyValid` is chosen,
 * in which case the valid rows are imported and the others reported.
 */
export async function runImport(
  db: Db,
  config: ImportConfig,
  input: ImportInput,
  options: { onlyValid: boolean; actorUserId: string | null; now: Date },
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const { report, prepared, existing } = await check(trx, config, input);
    if (report.fileErrors.length > 0) return { kind: "refused", report, reason: "file_errors" };
    if (report.invalid.length > 0 && !options.onlyValid) return { kind: "refused", report, reason: "row_errors" };
    if (prepared.length === 0) return { kind: "refused", report, reason: "nothing_valid" };
    if (report.toCreate > 0 && !input.structureId) return { kind: "refused", report, reason: "structure_missing" };
    const communeNames = new Map((await communesOf(trx, config.departement.code)).map((c) => [c.code, c.name]));
    const owner = input.structureId ? await findStructure(trx, { id: input.structureId }) : undefined;
    const taken = new Set<string>();
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const written: string[] = [];
    for (const row of prepared) {
      const place = existing.get(row.line);
      const hasCoordinates = row.values.latitude !== null && row.values.longitude !== null;
      const values = place ? ownedValues(row.values, place.structure_siret, place.pivot) : ownedValues(row.values, owner?.siret ?? null, null);
      if (!place) {
        const slug = await uniqueSlug(trx, values.name, communeNames.get(row.communeCode) ?? "", taken);
        const id = await insertPlace(trx, {
          ...values,
          slug,
          source: row.source,
          source_id: row.sourceId,
          structure_id: input.structureId!,
          commune_code: row.communeCode,
          coordinates_precision: hasCoordinates ? "address" : "commune",
          is_public: true,
          created_at: options.now,
          updated_at: options.now,
        });
        await insertPlaceChange(trx, {
          placeId: id,
          actorUserId: options.actorUserId,
          at: options.now,
          changes: { created: true, source: row.source, id: row.sourceId, line: row.line },
        });
        written.push(id);
        created++;
        continue;
      }
      const fields = changedFields(place, row, values);
      if (Object.keys(fields).length === 0) {
        unchanged++;
        continue;
      }
      const moved = "latitude" in fields || "longitude" in fields;
      await updatePlace(trx, place.id, {
        ...values,
        commune_code: row.communeCode,
        ...(moved ? { coordinates_precision: hasCoordinates ? "address" : "commune" } : {}),
        updated_at: options.now,
      });
      await insertPlaceChange(trx, {
        placeId: place.id,
        actorUserId: options.actorUserId,
        at: options.now,
        changes: { source: row.source, id: row.sourceId, line: row.line, fields },
      });
      written.push(place.id);
      updated++;
    }
    await refreshPlaceOpenings(trx, written, config.departement.code);
    return { kind: "imported", report, created, updated, unchanged };
  });
}
