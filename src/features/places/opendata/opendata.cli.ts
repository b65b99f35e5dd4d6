// `npm run cli -- opendata …`: export the public places to a file, or import a file in the national standard.
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import type { Config } from "../../../config.ts";
import type { Db } from "../../../db/schema.ts";
import { findStructure } from "./opendata.repository.ts";
import { emptySummary, streamPlacesCsv } from "./opendata-export.ts";
import { checkImport, type ImportReport, runImport } from "./opendata-import.service.ts";

export const OPENDATA_HELP = `  opendata export --file PATH     write the public places in the national standard (CSV)
  opendata import --file PATH --structure SLUG [--source NAME] [--only-valid] [--dry-run]
                                  import places from a CSV in the national standard; new places
                                  belong to the structure; rows with errors stop the import unless
                                  --only-valid; --dry-run only lists the rows to correct`;

export interface CliContext {
  db: Db;
  config: Readonly<Config>;
  /** Where messages go; console.log by default. */
  print?: (line: string) => void;
  now?: () => Date;
}

function describeReport(report: ImportReport): string[] {
  const lines = [...report.fileErrors.map((e) => `! ${e}`)];
  if (report.fileErrors.length > 0) return lines;
  lines.push(
    `${report.total} rows read: ${report.valid} valid, ${report.invalid.length} to correct; ${report.toUpdate} existing places to update, ${report.toCreate} to create.`,
  );
  if (report.ignoredColumns.length > 0) lines.push(`Ignored columns: ${report.ignoredColumns.join(", ")}`);
  for (const row of report.invalid) lines.push(`line ${row.line} (${row.name || "no name"}): ${row.reasons.join(" ; ")}`);
  return lines;
}

/** Runs `export` or `import`; returns the process exit code (0 success, 1 refused or wrong usage). */
export async function runOpendataCli(args: string[], ctx: CliContext): Promise<number> {
  const print = ctx.print ?? ((line: string) => console.log(line));
  const [command, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      file: { type: "string" },
      structure: { type: "string" },
      source: { type: "string" },
      "only-valid": { type: "boolean" },
      "dry-run": { type: "boolean" },
    },
  });
  if (!values.file || (command !== "export" && command !== "import")) {
    print(`Usage:\n${OPENDATA_HELP}`);
    return 1;
  }
  if (command === "export") {
    const summary = emptySummary();
    await pipeline(Readable.from(streamPlacesCsv(ctx.db, ctx.config, summary)), createWriteStream(values.file));
    print(`${summary.exported} places written to ${values.file}.`);
    for (const p of summary.excluded) print(`left out: ${p.name} (${p.slug}): ${p.reasons.join(" ; ")}`);
    return 0;
  }
  if (!values.structure) {
    print("--structure SLUG is required: the structure that owns the places the file creates.");
    return 1;
  }
  const structure = await findStructure(ctx.db, { slug: values.structure });
  if (!structure) {
    print(`No structure with slug "${values.structure}".`);
    return 1;
  }
  const input = { text: await readFile(values.file, "utf8"), structureId: structure.id, declaredSource: values.source ?? "" };
  if (values["dry-run"]) {
    const report = await checkImport(ctx.db, ctx.config, input);
    for (const line of describeReport(report)) print(line);
    return report.fileErrors.length > 0 || report.invalid.length > 0 ? 1 : 0;
  }
  const outcome = await runImport(ctx.db, ctx.config, input, {
    onlyValid: values["only-valid"] === true,
    actorUserId: null,
    now: (ctx.now ?? (() => new Date()))(),
  });
  for (const line of describeReport(outcome.report)) print(line);
  if (outcome.kind === "refused") {
    print(`Nothing imported (${outcome.reason.replace(/_/g, " ")}).${outcome.reason === "row_errors" ? " Correct the rows, or pass --only-valid." : ""}`);
    return 1;
  }
  print(`Imported: ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.report.invalid.length} skipped.`);
  return 0;
}
