// Which plan PostgreSQL keeps for each prepared search statement (one text per combination of filters) on
// the search-profile dataset (20,000 places; run bench/search-profile.ts once first): after 8 executions of
// each combination, generic or custom plans (plan_cache_mode auto), and the execution time of the generic
// and of a custom plan (EXPLAIN ANALYZE of the same values). Usage: npx tsx bench/search-plans.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { preparedName, withPreparedStatements } from "../src/db/prepared.ts";
import type { Database } from "../src/db/schema.ts";
import { addDays, toParis } from "../src/features/calendar/paris-time.ts";

const URL_ = process.env.PROFILE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/declic_profile_search";
const SECRET = "bench-search-plans-secret-0123456789-abcdefghij";
const seen = new Map<string, { sql: string; parameters: readonly unknown[]; label: string }>();
let label = "";
// One connection, so that its prepared statements are the ones listed at the end.
const pool = new pg.Pool({ connectionString: URL_, max: 1 });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
  log: (e) => {
    if (e.level === "query" && e.query.sql.startsWith("/* prepared */")) seen.set(preparedName(e.query.sql), { sql: e.query.sql, parameters: e.query.parameters, label });
  },
});
const dataDir = mkdtempSync(join(tmpdir(), "declic-plans-"));
const parsed = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://127.0.0.1", SESSION_SECRET: SECRET, DATA_DIR: dataDir });
if (!parsed.ok) throw new Error(parsed.errors.join("; "));
const app = await buildApp({ config: parsed.config, db, dbKind: "postgres", sessionSecret: SECRET, demo: false, mailTransport: "database" });
const tomorrow = addDays(toParis(new Date()).date, 1);
const combos = [
  "rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1",
  "rayon_km=20",
  "rayon_km=20&ouvert=maintenant",
  `rayon_km=30&ouvert=${tomorrow}`,
  `rayon_km=100&modalite=sur-rdv&ouvert=${tomorrow}`,
  "rayon_km=50&modalite=sans-rdv&public=jeunes&accompagnement=surdite",
  "rayon_km=100&gratuit=1&distance=1&page=2",
];
const origins = ["commune=47001", "commune=33063", "commune=75056", "commune=69123", "lat=44.2&lon=0.62", "commune=13055", "commune=31555", "commune=47157"];
for (const combo of combos) {
  for (const from of ["commune", "point", "everywhere"] as const) {
    label = `${from}: ${combo}`;
    for (const origin of origins) {
      const o = from === "commune" ? origin.replace(/^lat.*/, "commune=47001") : from === "point" ? "lat=44.2&lon=0.62" : "";
      const r = await app.inject({ url: `/api/v1/lieux?${[o, combo].filter(Boolean).join("&")}` });
      if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode} ${r.body}`);
    }
  }
}
const kept = await sql<{ name: string; generic_plans: number; custom_plans: number }>`select name, generic_plans, custom_plans from pg_prepared_statements`.execute(db);
const client = new pg.Client({ connectionString: URL_ });
await client.connect();
const lit = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? `array[${v.map(lit).join(",")}]::text[]` : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
const timeOf = async (mode: string, name: string, args: string) => {
  await client.query(`set plan_cache_mode = ${mode}`);
  for (let i = 0; i < 3; i++) await client.query(`execute ${name}(${args})`);
  const { rows } = await client.query(`explain (analyze, summary on) execute ${name}(${args})`);
  const text = rows.map((r) => r["QUERY PLAN"] as string);
  const ms = (what: string) => Number(text.find((l) => l.startsWith(what))?.replace(/[^0-9.]/g, ""));
  return { plan: ms("Planning Time"), exec: ms("Execution Time") };
};
console.log("| combination (last values) | auto: generic / custom plans | generic plan: planning + execution ms | custom plan: planning + execution ms |");
console.log("|---|---|---|---|");
for (const [name, q] of seen) {
  const k = kept.rows.find((r) => r.name === name);
  await client.query(`prepare ${name} as ${q.sql}`);
  const args = q.parameters.map(lit).join(", ");
  const generic = await timeOf("force_generic_plan", name, args);
  const custom = await timeOf("force_custom_plan", name, args);
  console.log(`| ${q.label} | ${k?.generic_plans} / ${k?.custom_plans} | ${generic.plan} + ${generic.exec} | ${custom.plan} + ${custom.exec} |`);
}
await client.end();
await app.close();
await db.destroy();
rmSync(dataDir, { recursive: true, force: true });
