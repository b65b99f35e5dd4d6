// EXPLAIN (ANALYZE, BUFFERS) of the search statement as the app runs it (named, generic plan after warm-up),
// on the search-profile dataset (run bench/search-profile.ts once first): the bench's search (Agen, 20 km,
// a service, free), the API's statement, or the page's with EXPLAIN_STATEMENT=page.
// Usage: PROFILE_DATABASE=... npx tsx bench/search-explain.ts
import pg from "pg";
import { apiSearchStatement } from "../src/features/places/search/search-api-statement.ts";
import { searchStatement } from "../src/features/places/search/search-statement.ts";
import { BENCH_SEARCH_SHAPE, benchSearchValues } from "./lib/bench-search.ts";

const NAME = process.env.PROFILE_DATABASE ?? "declic_profile_search";
const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${NAME}` });
await client.connect();
const now = new Date();
const statement = process.env.EXPLAIN_STATEMENT === "page" ? searchStatement(BENCH_SEARCH_SHAPE) : apiSearchStatement(BENCH_SEARCH_SHAPE);
const values = benchSearchValues(statement, now, process.env.EXPLAIN_COMMUNE ?? "47001");
const lit = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? `array[${v.map(lit).join(",")}]::text[]` : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
await client.query(`prepare s as ${statement.text}`);
const args = values.map(lit).join(", ");
for (let i = 0; i < 8; i++) await client.query(`execute s(${args})`);
const { rows } = await client.query(`explain (analyze, buffers) execute s(${args})`);
console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
const t0 = performance.now();
for (let i = 0; i < 200; i++) await client.query(`execute s(${args})`);
console.log(`200 executions: ${((performance.now() - t0) / 200).toFixed(3)} ms each (wall, one connection)`);
await client.end();
