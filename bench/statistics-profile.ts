// Where a statistics dashboard read spends its time, on a database the statistics bench kept
// (BENCH_STATS_KEEP=1): every statement of computeStatistics with its duration and rows (a Kysely log
// hook), the whole call, the CPU time it cost this process and the database's server processes (read from
// /proc: the server must run on this machine; CPU time moves far less than wall time on a loaded machine),
// and the load average. Nothing is imported or changed.
// Usage: PROFILE_STATS_DB=h_stats_read_1m npx tsx bench/statistics-profile.ts [network|default|midmonth|employer|structure]...
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "../src/db/schema.ts";
import { addDays } from "../src/features/calendar/paris-time.ts";
import { computeStatistics } from "../src/features/statistics/statistics.repository.ts";
import type { StatsFilters } from "../src/features/statistics/statistics.ts";
import { EMPTY_FILTERS } from "../src/features/statistics/stats-query.ts";
import { FIRST_DAY } from "./activities.data.ts";

const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const url = new URL(ADMIN);
url.pathname = `/${process.env.PROFILE_STATS_DB ?? "declic_bench_statistics_1m"}`;
const RUNS = Number(process.env.PROFILE_RUNS ?? 7);

const parsers: Record<number, (value: string) => unknown> = { 20: Number, 1700: Number, 1082: (v) => v };
const pool = new pg.Pool({
  connectionString: url.toString(),
  types: { getTypeParser: (oid: number, format?: "text" | "binary") => parsers[oid] ?? pg.types.getTypeParser(oid, format ?? "text") } as pg.CustomTypesConfig,
});

interface Seen {
  sql: string;
  ms: number;
}
let seen: Seen[] = [];
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === "query" && process.env.PROFILE_DUMP === "1") console.log(`${event.query.sql};\n-- ${JSON.stringify(event.query.parameters)}`);
    if (event.level === "query") seen.push({ sql: event.query.sql.replace(/\s+/g, " ").slice(0, 110), ms: event.queryDurationMillis });
  },
});

const CASES: Record<string, () => StatsFilters> = {
  network: () => ({ ...EMPTY_FILTERS, from: FIRST_DAY, to: addDays(FIRST_DAY, 364) }),
  default: () => ({ ...EMPTY_FILTERS, from: addDays(FIRST_DAY, 6), to: addDays(FIRST_DAY, 364 + 6) }),
  midmonth: () => ({ ...EMPTY_FILTERS, from: addDays(FIRST_DAY, 14), to: addDays(FIRST_DAY, 364 + 14) }),
  employer: () => ({ ...EMPTY_FILTERS, from: FIRST_DAY, to: addDays(FIRST_DAY, 364), employerKind: "association" }),
  structure: () => ({ ...EMPTY_FILTERS, from: FIRST_DAY, to: addDays(FIRST_DAY, 364), structureId: process.env.PROFILE_STRUCTURE ?? null }),
};

/** CPU ms (user + system) of every server process connected to this database, by pid. */
async function serverCpu(): Promise<Map<number, number>> {
  const pids = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const cpu = new Map<number, number>();
  for (const { pid } of pids.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the process ended
    }
  }
  return cpu;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["network", "default"];
for (const name of names) {
  const filters = CASES[name];
  if (filters === undefined) throw new Error(`unknown case ${name}; known: ${Object.keys(CASES).join(", ")}`);
  if (name === "structure" && filters().structureId === null) {
    const one = await db.selectFrom("structures").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
    process.env.PROFILE_STRUCTURE = one.id;
  }
  const load = loadavg()[0]?.toFixed(2);
  await computeStatistics(db, filters(), "mois");
  const totals: number[] = [];
  const perStatement = new Map<string, number[]>();
  const serverBefore = await serverCpu();
  const nodeBefore = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    seen = [];
    const started = performance.now();
    await computeStatistics(db, filters(), "mois");
    totals.push(performance.now() - started);
    for (const s of seen) perStatement.set(s.sql, [...(perStatement.get(s.sql) ?? []), s.ms]);
  }
  const node = process.cpuUsage(nodeBefore);
  let server = 0;
  for (const [pid, ms] of await serverCpu()) server += ms - (serverBefore.get(pid) ?? 0);
  const sorted = [...totals].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
  console.log(
    `\n## ${name}: p50 ${median(totals).toFixed(1)} / p95 ${p95.toFixed(1)} ms over ${RUNS} runs (min ${(sorted[0] ?? Number.NaN).toFixed(1)}); load ${load} → ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(`CPU per run: node ${((node.user + node.system) / 1000 / RUNS).toFixed(1)} ms, PostgreSQL ${(server / RUNS).toFixed(1)} ms`);
  for (const [text, ms] of perStatement) console.log(`${median(ms).toFixed(1).padStart(8)} ms  ${text}`);
}
await db.destroy();
