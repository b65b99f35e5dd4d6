// Where a public search request spends its time, at the search-speed bench's scale (20,000 places,
// 60,000 permanences, PostgreSQL): statements per request (counted by a Kysely log hook) with their
// durations, and the whole request through app.inject. Keeps its database between runs
// (PROFILE_DATABASE names it, default declic_profile_search on the local server; PROFILE_REBUILD=1 rebuilds).
// Usage: npx tsx bench/search-profile.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openPostgres } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { withPreparedStatements } from "../src/db/prepared.ts";
import type { Database } from "../src/db/schema.ts";
import { toParis } from "../src/features/calendar/paris-time.ts";
import { hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { ensurePlaceOpenings } from "../src/features/places/openings/openings.service.ts";
import { generate, insertData, readCommunes, weightedPicker } from "./places.data.ts";

const ADMIN = process.env.PROFILE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = process.env.PROFILE_DATABASE ?? "declic_profile_search";
const SECRET = "bench-search-profile-secret-0123456789-abcdefgh";

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

const url = new URL(ADMIN);
url.pathname = `/${NAME}`;
const exists = (await admin(`select 1 from pg_database where datname = '${NAME}'`)).rowCount === 1;
const communes = readCommunes(process.cwd());
if (!exists || process.env.PROFILE_REBUILD === "1") {
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
  const h = openPostgres(url.toString());
  await migrateToLatest(h.db);
  await insertData(h.db, generate(communes, { places: 20_000, permanences: 60_000 }, toParis(new Date()).date), new Date());
  await sql`analyze`.execute(h.db);
  await h.close();
} else {
  const h = openPostgres(url.toString());
  await migrateToLatest(h.db);
  await h.close();
}

// A Kysely over its own pool (preparing marked statements, as the app's) whose log hook records every statement and its duration.
const statements: { sql: string; ms: number }[] = [];
const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
  log: (event) => {
    statements.push({ sql: event.query.sql.replace(/\s+/g, " ").slice(0, 90), ms: event.queryDurationMillis });
  },
});
const started = performance.now();
await ensurePlaceOpenings(db, new Date(), "47");
await sql`analyze place_openings`.execute(db);
console.log(`openings ready in ${Math.round(performance.now() - started)} ms`);

const dataDir = mkdtempSync(join(tmpdir(), "declic-profile-"));
const parsed = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://127.0.0.1", SESSION_SECRET: SECRET, DATA_DIR: dataDir });
if (!parsed.ok) throw new Error(parsed.errors.join("; "));
const app = await buildApp({ config: parsed.config, db, dbKind: "postgres", sessionSecret: SECRET, demo: false, mailTransport: "database" });
const rng = mulberry32(hashString("bench:search-speed"));
const located = communes.filter((c) => c.latitude !== null && c.population > 0);
const pick = weightedPicker(located, (c) => c.population, rng);
const origins = Array.from({ length: 200 }, () => pick());

for (const [label, filters] of [
  ["2 filters", "rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1"],
  ["ouvert=maintenant", "rayon_km=20&ouvert=maintenant"],
] as const) {
  for (const c of origins.slice(0, 20)) await app.inject({ url: `/api/v1/lieux?commune=${c.code}&${filters}` });
  statements.length = 0;
  const times: number[] = [];
  let nearby = 0;
  for (const c of origins) {
    const t0 = performance.now();
    const r = await app.inject({ url: `/api/v1/lieux?commune=${c.code}&${filters}` });
    times.push(performance.now() - t0);
    if ((r.json() as { total: number }).total === 0) nearby++;
  }
  times.sort((a, b) => a - b);
  const bySql = new Map<string, { n: number; ms: number[] }>();
  for (const s of statements) {
    const e = bySql.get(s.sql) ?? { n: 0, ms: [] };
    e.n++;
    e.ms.push(s.ms);
    bySql.set(s.sql, e);
  }
  const sum = statements.reduce((a, s) => a + s.ms, 0);
  console.log(`\n## ${label}: ${origins.length} requests, ${nearby} with no result; request p50 ${times[100]?.toFixed(2)} ms, p95 ${times[190]?.toFixed(2)} ms`);
  console.log(`statements per request: ${(statements.length / origins.length).toFixed(2)}; SQL time per request (sum of statement durations, as the app sees them): ${(sum / origins.length).toFixed(2)} ms`);
  for (const [text, e] of [...bySql].sort((a, b) => b[1].ms.reduce((x, y) => x + y, 0) - a[1].ms.reduce((x, y) => x + y, 0))) {
    e.ms.sort((a, b) => a - b);
    const total = e.ms.reduce((x, y) => x + y, 0);
    console.log(`  ${String(e.n).padStart(4)} × p50 ${e.ms[Math.floor(e.n / 2)]?.toFixed(2)} ms, total ${total.toFixed(0)} ms  ${text}`);
  }
}
await app.close();
await db.destroy();
rmSync(dataDir, { recursive: true, force: true });
