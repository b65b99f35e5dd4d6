// Statistics at national scale on PostgreSQL: the coordinator's full dashboard (computeStatistics for
// the whole network over 12 months, by month: totals, series and every breakdown) over 1,000,000
// synthetic reports (BENCH_STATS_ROWS), p50/p95 over BENCH_STATS_RUNS (12) runs after 2 warm-ups, and
// this process's peak RSS; a structure's and an advisor's dashboard for comparison. 10,000,000 reports
// only with BENCH_STATS_10M=1 (the import alone takes ~10× the 1 M one, printed). BENCH_STATS_KEEP=1
// keeps the database and reuses it on the next run; BENCH_STATS_DB names it (default
// declic_bench_statistics_1m); BENCH_STATS_ONLY (a regular expression) times only the matching lines.
// Each dashboard filter alone is timed over the whole network. Figures are printed, never asserted.
// The filters the rollup cannot answer read the in-memory copy of the reports (BENCH_STATS_MEMORY=0: the
// base tables, as without the copy); its first load and its size are printed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, openPostgres } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { addDays } from "../src/features/calendar/paris-time.ts";
import { computeStatistics, type StatsOptions } from "../src/features/statistics/statistics.repository.ts";
import type { StatsFilters } from "../src/features/statistics/statistics.ts";
import { refreshStatsRollup } from "../src/features/statistics/statistics-rollup.repository.ts";
import { StatsMemory, useStatsMemory } from "../src/features/statistics/stats-memory.repository.ts";
import { EMPTY_FILTERS } from "../src/features/statistics/stats-query.ts";
import { FIRST_DAY, generateNetwork, insertNetwork, insertReports } from "./activities.data.ts";
import { errorMessage, machineFacts, round, seconds, table } from "./lib/format.ts";
import type { Suite, SuiteContext } from "./lib/suite.ts";
import { readCommunes } from "./places.data.ts";
import { addPeople } from "./statistics.data.ts";

const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const say = (line: string) => console.log(line);
const mb = (bytes: number) => bytes / 1024 ** 2;
const YEAR: Pick<StatsFilters, "from" | "to"> = { from: FIRST_DAY, to: addDays(FIRST_DAY, 364) };

interface Timing {
  name: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  activities: number;
  peakRssMb: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function timeDashboard(
  db: DatabaseHandle["db"],
  name: string,
  filters: () => StatsFilters,
  runs: number,
  prepare: () => Promise<void> = async () => {},
  path: StatsOptions["path"] = "auto",
): Promise<Timing> {
  for (let i = 0; i < 2; i++) await computeStatistics(db, filters(), "mois", { path });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const times: number[] = [];
  let activities = 0;
  try {
    for (let i = 0; i < runs; i++) {
      await prepare();
      const query = filters();
      const started = performance.now();
      const result = await computeStatistics(db, query, "mois", { path });
      times.push(performance.now() - started);
      activities += result.totals.activities;
    }
  } finally {
    clearInterval(timer);
  }
  times.sort((a, b) => a - b);
  return { name, runs, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times[times.length - 1] ?? 0, activities: activities / runs, peakRssMb: mb(peak) };
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function fill(handle: DatabaseHandle, context: SuiteContext, rows: number): Promise<{ importMs: number; people: number }> {
  const db = handle.db;
  const present = await sql<{ n: number }>`select count(*)::int as n from activity_reports`.execute(db).catch(() => null);
  if ((present?.rows[0]?.n ?? 0) >= rows) {
    // Migrations added since the data was imported (a rollup change marks its partitions dirty: the refresh below rebuilds them).
    await migrateToLatest(db);
    say(`reusing ${present?.rows[0]?.n} reports already in the database`);
    return { importMs: 0, people: 0 };
  }
  await migrateToLatest(db);
  const communes = readCommunes(context.root);
  const network = generateNetwork(communes, { structures: 300, advisors: 2000, places: 3000 });
  await insertNetwork(db, network, communes, new Date());
  const started = performance.now();
  let printed = 0;
  await insertReports(db, network, rows, 10_000, (done) => {
    if (done - printed >= 500_000 || done === rows) {
      printed = done;
      say(`  … ${done} reports in ${seconds(performance.now() - started)} s`);
    }
  });
  const { people, participants } = await addPeople(db);
  await sql`vacuum (analyze) activity_reports`.execute(db);
  await sql`vacuum (analyze) activity_participants`.execute(db);
  const importMs = performance.now() - started;
  say(`import: ${rows} reports, ${people} identified people, ${participants} known participants in ${seconds(importMs)} s (with vacuum analyze)`);
  return { importMs, people };
}

async function runSize(context: SuiteContext, adminUrl: string, rows: number, runs: number) {
  const name = process.env.BENCH_STATS_DB?.trim() || `declic_bench_statistics_${rows >= 10_000_000 ? "10m" : "1m"}`;
  const keep = process.env.BENCH_STATS_KEEP === "1";
  if (!keep) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(adminUrl, `CREATE DATABASE ${name}`).catch((error: unknown) => {
    if (!keep || !errorMessage(error).includes("already exists")) throw error;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString());
  try {
    const filled = await fill(handle, context, rows);
    const db = handle.db;
    const refreshStarted = performance.now();
    const partitions = await refreshStatsRollup(db);
    const refreshMs = performance.now() - refreshStarted;
    say(`rollup: first refresh of ${partitions} dirty partitions in ${seconds(refreshMs)} s`);
    // As after the import: a refresh of every partition leaves as many dead rows as live ones until autovacuum.
    await sql`vacuum (analyze) stats_dirty, stats_cells, stats_network, stats_network_cum, stats_people, stats_person_span, stats_person_groups, stats_day_dirty, stats_day`.execute(db);
    const sizes = await sql<{ cells: number; running: number; people: number; days: number; persons: number; groups: number }>`
      select (select count(*)::int from stats_cells) as cells, (select count(*)::int from stats_network_cum) as running, (select count(*)::int from stats_people) as people,
        (select count(*)::int from stats_day) as days, (select count(*)::int from stats_person_span) as persons,
        (select count(*)::int from stats_person_groups) as groups`.execute(db);
    const size = sizes.rows[0];
    say(`rollup: ${size?.cells} cells, ${size?.running} network running totals, ${size?.people} partition people, ${size?.days} network day rows, ${size?.persons} people in ${size?.groups} people groups`);
    const someReports = await db.selectFrom("activity_reports").select("id").where("deleted_at", "is", null).orderBy("id").limit(runs + 2).execute();
    let edited = 0;
    // One report edited before each run (its partition is refreshed by the read), as a saved form would.
    const editOne = async () => {
      const report = someReports[edited++ % someReports.length];
      if (report) await db.updateTable("activity_reports").set((eb) => ({ duration_minutes: sql`case when ${eb.ref("duration_minutes")} < 1440 then ${eb.ref("duration_minutes")} + 1 else 1 end` })).where("id", "=", report.id).execute();
    };
    // The same, with reports of the days the default period's first month subtracts (their day rows are rebuilt by the read).
    const firstDays = await db
      .selectFrom("activity_reports")
      .select("id")
      .where("deleted_at", "is", null)
      .where("date", "<=", addDays(FIRST_DAY, 5))
      .orderBy("id")
      .limit(runs + 2)
      .execute();
    let editedFirst = 0;
    const editFirstDays = async () => {
      const report = firstDays[editedFirst++ % firstDays.length];
      if (report) await db.updateTable("activity_reports").set((eb) => ({ duration_minutes: sql`case when ${eb.ref("duration_minutes")} < 1440 then ${eb.ref("duration_minutes")} + 1 else 1 end` })).where("id", "=", report.id).execute();
    };
    const structures = await db.selectFrom("structures").select("id").execute();
    const advisors = await db.selectFrom("advisors").select("id").execute();
    let i = 0;
    const pick = <T>(list: T[]) => list[i++ % list.length] as T;
    // The synthetic network's communes have no intercommunality: one EPCI of the 15 communes with the most places.
    await sql`insert into epcis (code, name, kind, population) values ('200000001', 'EPCI de test', 'CA', 100000) on conflict do nothing`.execute(db);
    await sql`update communes set epci_code = '200000001' where code in (
      select commune_code from places group by commune_code order by count(*) desc, commune_code limit 15)`.execute(db);
    const place = await sql<{ id: string; commune: string }>`select p.id, p.commune_code as commune from places p order by p.id limit 1`.execute(db);
    const some = { ...place.rows[0], epci: "200000001" };
    const largest = await sql<{ code: string }>`select commune_code as code from activity_reports where commune_code is not null
      group by commune_code order by count(*) desc, commune_code limit 1`.execute(db);
    const big = largest.rows[0]?.code ?? null;
    // Each dashboard filter alone over the whole network, 12 months (issue 12 item 3).
    const filtered: [string, Partial<StatsFilters>][] = [
      ["theme", { theme: "aide-demarches" }],
      ["procedure area", { procedureArea: "logement" }],
      ["place type", { placeType: "a-distance" }],
      ["place", { placeId: some?.id ?? null }],
      ["commune", { communeCode: some?.commune ?? null }],
      ["largest commune", { communeCode: big }],
      ["EPCI", { epciCode: some?.epci ?? null }],
      ["gender (profile)", { gender: "feminin" }],
      ["age band (profile)", { ageBand: "60-69" }],
      ["social status (profile)", { socialStatus: "retraite" }],
      ["residence commune (profile)", { residenceCommuneCode: some?.commune ?? null }],
      ["largest residence commune (profile)", { residenceCommuneCode: big }],
    ];
    const only = process.env.BENCH_STATS_ONLY?.trim();
    const wanted = (line: string) => only === undefined || only === "" || new RegExp(only, "i").test(line);
    const withMemory = process.env.BENCH_STATS_MEMORY !== "0";
    const themeYear = () => ({ ...YEAR, ...EMPTY_FILTERS, theme: "aide-demarches" });
    // The first filtered read of an instance loads every report (a fresh copy each run).
    const firstLoad = async (): Promise<Timing> => {
      const times: number[] = [];
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      let activities = 0;
      for (let run = 0; run < Math.max(1, Number(process.env.BENCH_STATS_LOADS ?? 1) || 1); run++) {
        const memory = useStatsMemory(db, new StatsMemory());
        const started = performance.now();
        activities = (await computeStatistics(db, themeYear(), "mois")).totals.activities;
        times.push(performance.now() - started);
        peak = Math.max(peak, process.memoryUsage().rss);
        const size = memory.size();
        say(`memory copy: ${size.reports} reports in ${round(mb(size.bytes), 1)} MB of typed arrays; RSS ${round(mb(rssBefore))} → ${round(mb(process.memoryUsage().rss))} MB`);
      }
      times.sort((a, b) => a - b);
      return { name: "coordinator: first filtered read (load of the memory copy)", runs: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times[times.length - 1] ?? 0, activities, peakRssMb: mb(peak) };
    };
    if (withMemory) useStatsMemory(db, new StatsMemory());
    const lines: [string, () => Promise<Timing>][] = [
      ...(withMemory ? [["coordinator: first filtered read (load of the memory copy)", firstLoad] as [string, () => Promise<Timing>]] : []),
      ["coordinator: network + theme filter, one report edited before each read", () => timeDashboard(db, "coordinator: network + theme filter, one report edited before each read", themeYear, runs, editOne)],
      ["coordinator: whole network, 12 months, by month", () => timeDashboard(db, "coordinator: whole network, 12 months, by month", () => ({ ...YEAR, ...EMPTY_FILTERS }), runs)],
      ["coordinator: the same, one report edited before each read", () => timeDashboard(db, "coordinator: the same, one report edited before each read", () => ({ ...YEAR, ...EMPTY_FILTERS }), runs, editOne)],
      ["coordinator: 12 months ending mid-month (partial ends)", () => timeDashboard(db, "coordinator: 12 months ending mid-month (partial ends)", () => ({ ...EMPTY_FILTERS, from: addDays(FIRST_DAY, 14), to: addDays(FIRST_DAY, 364 + 14) }), runs)],
      ["coordinator: 12 months from the 7th (partial ends)", () => timeDashboard(db, "coordinator: 12 months from the 7th (partial ends)", () => ({ ...EMPTY_FILTERS, from: addDays(FIRST_DAY, 6), to: addDays(FIRST_DAY, 364 + 6) }), runs)],
      [
        "coordinator: 12 months from the 7th, one report of its first days edited before each read",
        () =>
          timeDashboard(
            db,
            "coordinator: 12 months from the 7th, one report of its first days edited before each read",
            () => ({ ...EMPTY_FILTERS, from: addDays(FIRST_DAY, 6), to: addDays(FIRST_DAY, 364 + 6) }),
            runs,
            editFirstDays,
          ),
      ],
      ["coordinator: whole network, base tables (no rollup)", () => timeDashboard(db, "coordinator: whole network, base tables (no rollup)", () => ({ ...YEAR, ...EMPTY_FILTERS }), Math.min(runs, 5), undefined, "base")],
      ["coordinator: network + employer kind", () => timeDashboard(db, "coordinator: network + employer kind", () => ({ ...YEAR, ...EMPTY_FILTERS, employerKind: "association" }), runs)],
      ["structure manager: one structure, 12 months", () => timeDashboard(db, "structure manager: one structure, 12 months", () => ({ ...YEAR, ...EMPTY_FILTERS, structureId: pick(structures).id }), runs)],
      ["advisor: own activity, 12 months", () => timeDashboard(db, "advisor: own activity, 12 months", () => ({ ...YEAR, ...EMPTY_FILTERS, advisorId: pick(advisors).id }), runs)],
      ...filtered.map(([label, filter]): [string, () => Promise<Timing>] => {
        const line = `coordinator: network + ${label} filter`;
        return [line, () => timeDashboard(db, line, () => ({ ...YEAR, ...EMPTY_FILTERS, ...filter }), runs)];
      }),
    ];
    const timings: Timing[] = [];
    for (const [line, time] of lines) if (wanted(line)) timings.push(await time());
    return { rows, importMs: filled.importMs, refreshMs, timings };
  } finally {
    await handle.close();
    if (!keep) await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) => say(`could not drop ${name}: ${errorMessage(error)}`));
  }
}

export async function runStatistics(context: SuiteContext): Promise<string | null> {
  say("## statistics: the coordinator's dashboard over synthetic reports, PostgreSQL");
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_ADMIN_URL;
  const rows = Math.max(1000, Number(process.env.BENCH_STATS_ROWS ?? 1_000_000) || 1_000_000);
  const runs = Math.max(10, Number(process.env.BENCH_STATS_RUNS ?? 12) || 12);
  const sizes = [];
  try {
    sizes.push(await runSize(context, adminUrl, rows, runs));
  } catch (error) {
    say(`postgres: skipped: ${errorMessage(error)}`);
    return null;
  }
  const first = sizes[0];
  if (process.env.BENCH_STATS_10M === "1") sizes.push(await runSize(context, adminUrl, 10_000_000, runs));
  else say(`10 M reports: skipped (the ${first?.rows} import took ${seconds(first?.importMs)} s; set BENCH_STATS_10M=1 to run it, ~10× longer)`);
  for (const size of sizes) {
    say("");
    say(`### Statistics: ${size.rows} reports, 2,000 advisors, 300 structures`);
    say(
      table(
        ["dashboard (computeStatistics, in-process)", "runs", "p50 ms", "p95 ms", "max ms", "activities", "peak RSS MB"],
        size.timings.map((t) => [t.name, String(t.runs), round(t.p50Ms, 1), round(t.p95Ms, 1), round(t.maxMs, 1), round(t.activities), round(t.peakRssMb)]),
      ),
    );
  }
  const m = machineFacts();
  say(`\nMachine: Node ${m.node}, ${m.cpuCount} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM; load average ${m.loadAverageAtStart} at start. Target: coordinator p95 ≤ 300 ms at 1 M.`);
  mkdirSync(context.resultsDir, { recursive: true });
  const file = join(context.resultsDir, `statistics-${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify({ suite: "statistics", date: new Date().toISOString(), machine: m, sizes }, null, 2)}\n`);
  say(`\nJSON: ${file}`);
  return file;
}

export const statisticsSuite: Suite = {
  name: "statistics",
  description: "coordinator dashboard over 1 M reports: p50/p95, peak RSS (BENCH_STATS_ROWS, BENCH_STATS_RUNS, BENCH_STATS_10M=1, BENCH_STATS_KEEP=1)",
  run: (context) => runStatistics(context),
};
