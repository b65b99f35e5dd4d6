// Where a filtered read from the in-memory copy spends its time (1 M reports): the copy's own update
// (refresh check + version look-up), the scan, the label look-ups and shaping, and the whole read.
// `BENCH_STATS_DB` names the database (default h_stats_mem_1m on BENCH_DATABASE_URL's server).
import { openPostgres } from "../src/db/database.ts";
import { addDays } from "../src/features/calendar/paris-time.ts";
import { computeStatistics } from "../src/features/statistics/statistics.repository.ts";
import type { StatsFilters } from "../src/features/statistics/statistics.ts";
import { StatsMemory, useStatsMemory } from "../src/features/statistics/stats-memory.repository.ts";
import { memoryFigures } from "../src/features/statistics/stats-memory-figures.ts";
import { EMPTY_FILTERS } from "../src/features/statistics/stats-query.ts";
import { FIRST_DAY } from "./activities.data.ts";

const url = new URL(process.env.BENCH_DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres");
url.pathname = `/${process.env.BENCH_STATS_DB?.trim() || "h_stats_mem_1m"}`;
const handle = openPostgres(url.toString());
const db = handle.db;
const memory = useStatsMemory(db, new StatsMemory());
const year = { ...EMPTY_FILTERS, from: FIRST_DAY, to: addDays(FIRST_DAY, 364) };
const cases: [string, Partial<StatsFilters>][] = [
  ["theme", { theme: "aide-demarches" }],
  ["gender", { gender: "feminin" }],
  ["social status", { socialStatus: "retraite" }],
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
await memory.warmUp(db);
for (const [label, filter] of cases) {
  const f = { ...year, ...filter };
  const update: number[] = [];
  const scan: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    await memory.warmUp(db);
    update.push(performance.now() - t);
    const store = (memory as unknown as { store: Parameters<typeof memoryFigures>[0] }).store;
    const cpu = process.cpuUsage();
    memoryFigures(store, f, "mois", { structureIds: null, communeCodes: null });
    const used = process.cpuUsage(cpu);
    scan.push((used.user + used.system) / 1000);
    t = performance.now();
    await computeStatistics(db, f, "mois");
    whole.push(performance.now() - t);
  }
  console.log(`${label}: update ${median(update).toFixed(1)} ms, scan ${median(scan).toFixed(1)} ms of CPU, whole read ${median(whole).toFixed(1)} ms (medians of 7)`);
}
await handle.close();
