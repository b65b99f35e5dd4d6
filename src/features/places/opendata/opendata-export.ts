// The public places in the national standard, read in keyset batches and written as they come:
// the whole file is never held in memory. Rows the standard would refuse are left out and counted.
import type { Config } from "../../../config.ts";
import type { DbOrTx } from "../../../db/schema.ts";
import { csvLine } from "./csv.ts";
import { publicPlacesBatch } from "./opendata.repository.ts";
import { toStandardRow } from "./opendata-mapping.ts";
import { STANDARD } from "./standard-schema.ts";
import type { StandardRow } from "./standard-validation.ts";

export const EXPORT_BATCH_SIZE = 500;

export interface ExcludedPlace {
  slug: string;
  name: string;
  reasons: string[];
}

export interface ExportSummary {
  exported: number;
  excluded: ExcludedPlace[];
  /** Places exported without some stored values the standard cannot carry. */
  trimmed: { slug: string; name: string; values: string[] }[];
}

type ExportConfig = Pick<Config, "brand">;

/** Every exportable row, in the standard's order of identifiers; `summary` is complete when the iteration ends. */
export async function* standardRows(db: DbOrTx, config: ExportConfig, summary?: ExportSummary, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<StandardRow> {
  let after: string | null = null;
  for (;;) {
    const batch = await publicPlacesBatch(db, after, batchSize);
    for (const place of batch) {
      const { row, dropped } = toStandardRow(place, config.brand.name, STANDARD.enumValues);
      const issues = STANDARD.validateRow(row);
      if (issues.length > 0) {
        summary?.excluded.push({
          slug: place.slug,
          name: place.name,
          reasons: issues.map((i) => (i.field === "pivot" && row.pivot === "" ? "pivot : ni ce lieu ni sa structure n'ont de SIRET ou de RNA" : i.message)),
        });
        continue;
      }
      if (dropped.length > 0) summary?.trimmed.push({ slug: place.slug, name: place.name, values: dropped });
      if (summary) summary.exported++;
      yield row;
    }
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.export_id;
  }
}

export function emptySummary(): ExportSummary {
  return { exported: 0, excluded: [], trimmed: [] };
}

/** The CSV file, line by line (header first), RFC 4180 with CRLF line ends. */
export async function* streamPlacesCsv(db: DbOrTx, config: ExportConfig, summary?: ExportSummary): AsyncGenerator<string> {
  const fields = STANDARD.fieldNames;
  yield csvLine(fields);
  for await (const row of standardRows(db, config, summary)) {
    yield csvLine(fields.map((f) => row[f] ?? ""));
  }
}

/**
 * The same rows as JSON, shaped like the national package's SchemaLieuMediationNumerique (what the
 * national map reads): text fields with "|"-joined values, numbers for latitude and longitude, and
 * empty fields left out.
 */
export function jsonPlace(row: StandardRow): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const field of STANDARD.fieldNames) {
    const value = row[field] ?? "";
    if (value === "") continue;
    out[field] = field === "latitude" || field === "longitude" ? Number(value) : value;
  }
  return out;
}

export async function* streamPlacesJson(db: DbOrTx, config: ExportConfig, summary?: ExportSummary): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const row of standardRows(db, config, summary)) {
    yield `${first ? "\n" : ",\n"}${JSON.stringify(jsonPlace(row))}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

/** What the export leaves out, for the administrators' page. */
export async function exportSummary(db: DbOrTx, config: ExportConfig): Promise<ExportSummary> {
  const summary = emptySummary();
  for await (const _row of standardRows(db, config, summary)) {
    // counting only
  }
  return summary;
}
