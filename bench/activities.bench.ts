// Activity reports at national scale on PostgreSQL: 1,000,000 synthetic reports (BENCH_ACTIVITY_ROWS to
// scale) over ~2,000 advisors in ~300 structures. Measures the bulk import (multi-row INSERT … SELECT
// FROM unnest, 10,000 rows a statement, with every index of the table in place), then p50/p95 of the
// list's queries (count + first page) for an advisor + quarter + theme, a structure + quarter and the
// network + month, then full CSV exports (a structure-year, the network-month) and one XLSX export,
// with time, size and this process's peak memory. Figures are printed, never asserted.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, openPostgres } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import type { ReportScope } from "../src/features/activities/activities.policy.ts";
import { csvLines, xlsxStream } from "../src/features/activities/list/activity-export.ts";
import { type ActivityFilters, NO_FILTERS } from "../src/features/activities/list/activity-filters.ts";
import { allReports, countReports, listPage } from "../src/features/activities/list/activity-list.repository.ts";
import { PAGE_SIZE } from "../src/features/activities/list/activity-list.service.ts";
import { addDays } from "../src/features/calendar/paris-time.ts";
import { hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { FIRST_DAY, generateNetwork, insertNetwork, insertReports, type Network } from "./activities.data.ts";
import { errorMessage, machineFacts, round, seconds, table } from "./lib/format.ts";
import type { Suite, SuiteContext } from "./lib/suite.ts";
import { readCommunes } from "./places.data.ts";

const BENCH_DATABASE = "declic_bench_activities";
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const SAMPLE = 40;
const WARMUP = 5;
const say = (line: string) => console.log(line);
const mb = (bytes: number) => bytes / 1024 ** 2;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Timing {
  name: string;
  p50Ms: number;
  p95Ms: number;
  meanRows: number;
}

interface ExportFigures {
  name: string;
  runs: number;
  rows: number;
  p50Ms: number;
  p95Ms: number;
  mb: number;
  rssBaseMb: number;
  rssPeakMb: number;
}

/** Samples this process's resident memory while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; baseMb: number; peakMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, baseMb: mb(base), peakMb: mb(peak) };
  } finally {
    clearInterval(timer);
  }
}

const monthRange = (month: string): { from: string; to: string } => {
  const next = month.slice(5, 7) === "12" ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 4)}-${String(Number(month.slice(5, 7)) + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: addDays(`${next}-01`, -1) };
};

async function timeList(db: DatabaseHandle["db"], name: string, cases: { scope: ReportScope; filters: ActivityFilters }[]): Promise<Timing> {
  for (const c of cases.slice(0, WARMUP)) await countReports(db, c.scope, c.filters);
  const times: number[] = [];
  let rows = 0;
  for (const c of cases) {
    const started = performance.now();
    const total = await countReports(db, c.scope, c.filters);
    await listPage(db, c.scope, c.filters, { limit: PAGE_SIZE, offset: 0 });
    times.push(performance.now() - started);
    rows += total;
  }
  times.sort((a, b) => a - b);
  return { name, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), meanRows: rows / cases.length };
}

async function timeCsv(db: DatabaseHandle["db"], name: string, cases: { scope: ReportScope; filters: ActivityFilters }[]): Promise<ExportFigures> {
  const times: number[] = [];
  let rows = 0;
  let bytes = 0;
  const measured = await withPeakRss(async () => {
    for (const c of cases) {
      const started = performance.now();
      for await (const line of csvLines(allReports(db, c.scope, c.filters))) {
        bytes += Buffer.byteLength(line);
        rows++;
      }
      rows--; // the header
      times.push(performance.now() - started);
    }
  });
  times.sort((a, b) => a - b);
  return {
    name,
    runs: cases.length,
    rows: rows / cases.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    mb: mb(bytes / cases.length),
    rssBaseMb: measured.baseMb,
    rssPeakMb: measured.peakMb,
  };
}

async function timeXlsx(db: DatabaseHandle["db"], scope: ReportScope, filters: ActivityFilters): Promise<ExportFigures> {
  let bytes = 0;
  const started = performance.now();
  const measured = await withPeakRss(async () => {
    const stream = xlsxStream(allReports(db, scope, filters), () => {});
    for await (const chunk of stream) bytes += (chunk as Buffer).byteLength;
  });
  const ms = performance.now() - started;
  return { name: "XLSX network-month", runs: 1, rows: await countReports(db, scope, filters), p50Ms: ms, p95Ms: ms, mb: mb(bytes), rssBaseMb: measured.baseMb, rssPeakMb: measured.peakMb };
}

async function measure(handle: DatabaseHandle, context: SuiteContext, rowsWanted: number) {
  const db = handle.db;
  await migrateToLatest(db);
  const communes = readCommunes(context.root);
  const network: Network = generateNetwork(communes, { structures: 300, advisors: 2000, places: 3000 });
  await insertNetwork(db, network, communes, new Date());
  say(`network: ${network.structures.length} structures, ${network.advisors.length} advisors, ${network.places.length} places`);

  const started = performance.now();
  let lastPrint = 0;
  const written = await insertReports(db, network, rowsWanted, 10_000, (done) => {
    if (done - lastPrint >= 200_000 || done === rowsWanted) {
      lastPrint = done;
      say(`  … ${done} reports in ${seconds(performance.now() - started)} s`);
    }
  });
  const importMs = performance.now() - started;
  const analyzeStarted = performance.now();
  // What autovacuum does after a bulk insert: statistics, and the visibility map that lets counts read the index only.
  await sql`vacuum (analyze) activity_reports`.execute(db);
  const analyzeMs = performance.now() - analyzeStarted;
  say(`bulk import: ${written} reports in ${seconds(importMs)} s (${round(written / (importMs / 1000))} rows/s, indexes in place); vacuum analyze ${seconds(analyzeMs)} s`);

  const rng = mulberry32(hashString("bench:activities:queries"));
  const one = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)] as T;
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(`${FIRST_DAY}T12:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    return d.toISOString().slice(0, 7);
  });
  const quarter = () => {
    const start = Math.floor(rng() * 10);
    return { from: monthRange(months[start] as string).from, to: monthRange(months[start + 2] as string).to };
  };
  const sizes = await db.selectFrom("activity_reports").select(["structure_id", sql<number>`count(*)::int`.as("n")]).groupBy("structure_id").orderBy("n", "desc").execute();
  const themes = ["aide-demarches", "e-mail", "prise-en-main-materiel", "navigation-internet", "sante"];

  const advisorCases = Array.from({ length: SAMPLE }, () => {
    const a = one(network.advisors);
    return { scope: { kind: "advisor", advisorIds: [a.id] } as ReportScope, filters: { ...NO_FILTERS, ...quarter(), theme: one(themes) } as ActivityFilters };
  });
  const structureCases = Array.from({ length: SAMPLE }, () => {
    const s = one(network.structures);
    return { scope: { kind: "structures", structureIds: [s.id], advisorIds: [] } as ReportScope, filters: { ...NO_FILTERS, ...quarter() } };
  });
  const networkCases = Array.from({ length: SAMPLE }, () => ({ scope: { kind: "network" } as ReportScope, filters: { ...NO_FILTERS, ...monthRange(one(months)) } }));
  const lists = [
    await timeList(db, "advisor + quarter + theme", advisorCases),
    await timeList(db, "structure + quarter", structureCases),
    await timeList(db, "network + month", networkCases),
  ];
  for (const l of lists) say(`list ${l.name}: p50 ${round(l.p50Ms, 1)} ms, p95 ${round(l.p95Ms, 1)} ms (mean ${round(l.meanRows)} matching reports)`);

  const year = { from: FIRST_DAY, to: addDays(FIRST_DAY, 364) };
  // The largest structure, then random ones: a structure-year is a few hundred to tens of thousands of rows.
  const structureYear = [sizes[0], ...Array.from({ length: 4 }, () => one(sizes))].map((s) => ({
    scope: { kind: "structures", structureIds: [s?.structure_id as string], advisorIds: [] } as ReportScope,
    filters: { ...NO_FILTERS, ...year },
  }));
  const networkMonth = ["2026-03", "2026-09", "2026-08"].map((m) => ({ scope: { kind: "network" } as ReportScope, filters: { ...NO_FILTERS, ...monthRange(m) } }));
  const exports = [await timeCsv(db, "CSV structure-year", structureYear), await timeCsv(db, "CSV network-month", networkMonth)];
  exports.push(await timeXlsx(db, { kind: "network" }, { ...NO_FILTERS, ...monthRange("2026-03") }));
  for (const e of exports) {
    say(`${e.name}: ${e.runs} run(s), ${round(e.rows)} rows, ${round(e.mb, 1)} MB, p50 ${seconds(e.p50Ms)} s, p95 ${seconds(e.p95Ms)} s, RSS ${round(e.rssBaseMb)} → ${round(e.rssPeakMb)} MB`);
  }
  return { written, importMs, analyzeMs, largestStructure: sizes[0]?.n ?? 0, lists, exports };
}

export async function runActivities(context: SuiteContext): Promise<string | null> {
  say("## activities: bulk import, filtered list and exports over synthetic reports, PostgreSQL");
  const rowsWanted = Math.max(1000, Number(process.env.BENCH_ACTIVITY_ROWS ?? 1_000_000) || 1_000_000);
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_ADMIN_URL;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${BENCH_DATABASE}`);
  } catch (error) {
    say(`postgres: skipped: ${errorMessage(error)}`);
    return null;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  const handle = openPostgres(url.toString());
  try {
    const figures = await measure(handle, context, rowsWanted);
    say("");
    say(`### Activities: ${figures.written} reports, 2,000 advisors, 300 structures (largest: ${figures.largestStructure} reports)`);
    say("");
    say(`Bulk import: ${seconds(figures.importMs)} s, ${round(figures.written / (figures.importMs / 1000))} rows/s (10,000-row INSERT … SELECT FROM unnest, indexes in place); VACUUM ANALYZE ${seconds(figures.analyzeMs)} s.`);
    say("");
    say(table(["list query (count + first page of 25)", "p50 ms", "p95 ms", "matching reports (mean)"], figures.lists.map((l) => [l.name, round(l.p50Ms, 1), round(l.p95Ms, 1), round(l.meanRows)])));
    say("");
    say(
      table(
        ["export", "runs", "rows", "MB", "p50 s", "p95 s", "RSS MB base → peak"],
        figures.exports.map((e) => [e.name, String(e.runs), round(e.rows), round(e.mb, 1), seconds(e.p50Ms), seconds(e.p95Ms), `${round(e.rssBaseMb)} → ${round(e.rssPeakMb)}`]),
      ),
    );
    const m = machineFacts();
    say("");
    say(`Machine: Node ${m.node}, ${m.cpuCount} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM; load average ${m.loadAverageAtStart} at start.`);
    say(`Notes: list and export times are the repository and export code in-process (no HTTP); ${SAMPLE} samples per list query after ${WARMUP} warm-up; RSS is this whole process.`);
    mkdirSync(context.resultsDir, { recursive: true });
    const file = join(context.resultsDir, `activities-${new Date().toISOString().slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify({ suite: "activities", date: new Date().toISOString(), machine: m, ...figures }, null, 2)}\n`);
    say(`\nJSON: ${file}`);
    return file;
  } finally {
    await handle.close();
    await admin(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`).catch((error: unknown) => say(`could not drop ${BENCH_DATABASE}: ${errorMessage(error)}`));
  }
}

export const activitiesSuite: Suite = {
  name: "activities",
  description: "1 M activity reports: bulk import rows/s, filtered list p50/p95, CSV/XLSX export time and memory (BENCH_ACTIVITY_ROWS)",
  run: (context) => runActivities(context),
};
