// PostgreSQL's CPU per execution of the API's search statement, alone (no HTTP, no Fastify): two connections
// run the bench's search (Agen, 20 km, a service, free) as a named prepared statement, as the app does, and
// the backends' CPU (/proc/<pid>/stat) is divided by the executions. Run it from two checkouts in turn to
// compare statements on the same database (the search-profile dataset: run bench/search-profile.ts first).
// Usage: PROFILE_DATABASE=... npx tsx bench/search-pg-cpu.ts
import { readFileSync } from "node:fs";
import pg from "pg";
import { apiSearchStatement } from "../src/features/places/search/search-api-statement.ts";
import { BENCH_SEARCH_SHAPE, benchSearchValues } from "./lib/bench-search.ts";

const NAME = process.env.PROFILE_DATABASE ?? "declic_profile_search";
const EXECUTIONS = Number(process.env.PG_EXECUTIONS ?? 2000);
const TICK_MS = 10; // USER_HZ = 100 on Linux
const url = `postgres://postgres@127.0.0.1:5432/${NAME}`;
const now = new Date();
const statement = apiSearchStatement(BENCH_SEARCH_SHAPE);
const values = benchSearchValues(statement, now);

const ticksOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return Number(fields[11]) + Number(fields[12]);
};

const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
const pids: number[] = [];
for (const c of clients) {
  await c.connect();
  pids.push((await c.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid as number);
}
const run = (c: pg.Client, n: number) =>
  (async () => {
    for (let i = 0; i < n; i++) await c.query({ name: "search", text: statement.text, values });
  })();
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
for (const c of clients) await run(c, 50);
for (let round = 0; round < 3; round++) {
  const ticks0 = pids.reduce((s, p) => s + ticksOf(p), 0);
  const t0 = performance.now();
  await Promise.all(clients.map((c) => run(c, EXECUTIONS / 2)));
  const wall = performance.now() - t0;
  const cpu = (pids.reduce((s, p) => s + ticksOf(p), 0) - ticks0) * TICK_MS;
  console.log(
    `round ${round}: postgres ${(cpu / EXECUTIONS).toFixed(3)} ms CPU / execution, ${((EXECUTIONS / wall) * 1000).toFixed(0)} executions/s (2 connections), load ${load()}`,
  );
}
const plans = await clients[0]?.query("select generic_plans, custom_plans from pg_prepared_statements where name = 'search'");
console.log(`plans on one connection: ${JSON.stringify(plans?.rows[0])}`);
for (const c of clients) await c.end();
