// Public search speed at national scale (20,000 places, 60,000 permanences) on PostgreSQL: the real
// GET /api/v1/lieux next to a bare Fastify + pg route answering one query (the 20 nearest places of a
// point), both listening in this process and measured side by side, in alternation, in the same run.
// Prints req/s under load (autocannon), their ratio, and p95 latency of sequential requests over 200
// communes (search with two filters, and with « ouvert=maintenant »). Figures are printed, never asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openPostgres } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { toParis } from "../src/features/calendar/paris-time.ts";
import { hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { ensurePlaceOpenings } from "../src/features/places/openings/openings.service.ts";
import { bareServer } from "./lib/bare-search.ts";
import { errorMessage, machineFacts, round, seconds, table } from "./lib/format.ts";
import { type LoadFigures, loadOptionsFromEnv, measureLoad } from "./lib/load.ts";
import { freePort } from "./lib/net.ts";
import type { Suite, SuiteContext } from "./lib/suite.ts";
import { type BenchCommune, generate, insertData, readCommunes, weightedPicker } from "./places.data.ts";

const PLACES = 20_000;
const PERMANENCES = 60_000;
const SAMPLE = 200;
const ROUNDS = 2;
const AGEN = "47001";
const FILTERS = "rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1";
const OPEN_NOW = "rayon_km=20&ouvert=maintenant";
/** Its own database, rebuilt by each run (SEARCH_BENCH_DATABASE names another; SEARCH_BENCH_KEEP=1 keeps it after the run). */
const BENCH_DATABASE = process.env.SEARCH_BENCH_DATABASE?.trim() || "declic_bench_search_speed";
const KEEP_DATABASE = process.env.SEARCH_BENCH_KEEP === "1";
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const SECRET = "bench-search-speed-secret-0123456789-abcdefghijkl";
const TARGETS = { ratio: 0.5, p95Ms: 15 };

const say = (line: string) => console.log(line);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Sequential requests, one at a time: latency as one person sees it, measured by the client. */
async function latencies(urls: string[]): Promise<{ p50: number; p95: number }> {
  for (const url of urls.slice(0, 20)) await (await fetch(url)).arrayBuffer();
  const times: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function runSearchSpeed(context: SuiteContext): Promise<string | null> {
  say("## search-speed: the public search next to a bare Fastify + pg route, PostgreSQL, 20,000 places");
  const load = loadOptionsFromEnv();
  const communes = readCommunes(context.root);
  const data = generate(communes, { places: PLACES, permanences: PERMANENCES }, toParis(new Date()).date);
  const rng = mulberry32(hashString("bench:search-speed"));
  const located = communes.filter((c) => c.latitude !== null && c.population > 0);
  const pick = weightedPicker(located, (c) => c.population, rng);
  const origins: BenchCommune[] = Array.from({ length: SAMPLE }, () => pick());
  const agen = communes.find((c) => c.code === AGEN) as BenchCommune;

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
    await admin(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin(`create database ${BENCH_DATABASE}`);
  } catch (error) {
    say(`search-speed: skipped, no PostgreSQL: ${errorMessage(error)}`);
    return null;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  const handle = openPostgres(url.toString());
  const dataDir = mkdtempSync(join(tmpdir(), "declic-bench-search-speed-"));
  const servers: { close: () => Promise<unknown> }[] = [];
  try {
    await migrateToLatest(handle.db);
    await insertData(handle.db, data, new Date());
    await sql`analyze`.execute(handle.db);
    const parsed = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://127.0.0.1", SESSION_SECRET: SECRET, DATA_DIR: dataDir });
    if (!parsed.ok) throw new Error(`config: ${parsed.errors.join("; ")}`);
    const config = parsed.config;

    const computeStarted = performance.now();
    await ensurePlaceOpenings(handle.db, new Date(), config.departement.code);
    const computeMs = performance.now() - computeStarted;
    const openings = Number((await sql<{ n: string }>`select count(*) as n from place_openings`.execute(handle.db)).rows[0]?.n);
    // What autovacuum does on a production server after such a build (it is off on this machine's server):
    // statistics, the visibility map (index-only scans) and the dead rows of place_openings_stale, which the
    // search's « anything stale? » check would otherwise read on every request.
    await sql`vacuum analyze`.execute(handle.db);
    say(`openings of ${data.places.length} places computed in ${seconds(computeMs)} s: ${openings} rows (then vacuum analyze)`);

    const app = await buildApp({ config, db: handle.db, dbKind: handle.kind, sessionSecret: SECRET, demo: false, mailTransport: "database" });
    servers.push(app);
    const appPort = await freePort();
    await app.listen({ port: appPort, host: "127.0.0.1" });
    const bare = await bareServer(url.toString());
    servers.push(bare);
    const barePort = await freePort();
    await bare.app.listen({ port: barePort, host: "127.0.0.1" });
    const searchUrl = (code: string, filters: string) => `http://127.0.0.1:${appPort}/api/v1/lieux?commune=${code}&${filters}`;
    const bareUrl = (c: BenchCommune) => `http://127.0.0.1:${barePort}/bare?lat=${c.latitude}&lon=${c.longitude}`;

    const latency = {
      search: await latencies(origins.map((c) => searchUrl(c.code, FILTERS))),
      searchOpenNow: await latencies(origins.map((c) => searchUrl(c.code, OPEN_NOW))),
      bare: await latencies(origins.map(bareUrl)),
    };
    const runs: { search: LoadFigures[]; bare: LoadFigures[] } = { search: [], bare: [] };
    for (let i = 0; i < ROUNDS; i++) {
      runs.search.push(await measureLoad(searchUrl(AGEN, FILTERS), load));
      runs.bare.push(await measureLoad(bareUrl(agen), load));
    }
    const mean = (list: LoadFigures[]) => list.reduce((s, f) => s + f.requestsPerSecond, 0) / list.length;
    const rps = { search: mean(runs.search), bare: mean(runs.bare) };
    const ratio = rps.search / rps.bare;
    const failures = [...runs.search, ...runs.bare].reduce((n, f) => n + f.errors + f.timeouts + f.non2xx, 0);

    say("");
    say(
      table(
        ["route", "req/s (mean of 2)", "p99 under load ms", "p50 ms (sequential)", "p95 ms (sequential)"],
        [
          ["GET /api/v1/lieux (commune, 20 km, 2 filters)", round(rps.search), String(runs.search[0]?.latencyMs.p99), round(latency.search.p50, 1), round(latency.search.p95, 1)],
          ["GET /api/v1/lieux (commune, 20 km, ouvert=maintenant)", "–", "–", round(latency.searchOpenNow.p50, 1), round(latency.searchOpenNow.p95, 1)],
          ["bare Fastify + pg, one query", round(rps.bare), String(runs.bare[0]?.latencyMs.p99), round(latency.bare.p50, 1), round(latency.bare.p95, 1)],
        ],
      ),
    );
    say("");
    say(`ratio search / bare: ${ratio.toFixed(2)} (target ≥ ${TARGETS.ratio}); search p95 ${round(latency.search.p95, 1)} ms (target ≤ ${TARGETS.p95Ms} ms)`);
    if (failures > 0) say(`load: ${failures} errors, timeouts or non-2xx answers`);
    say(`load: autocannon, ${load.connections} connections, ${load.durationSeconds} s per run, search and bare alternated ${ROUNDS} times`);

    const report = {
      suite: "search-speed",
      date: new Date().toISOString(),
      machine: machineFacts(),
      load,
      rows: { places: data.places.length, permanences: data.permanences.length, openings },
      openingsComputeMs: computeMs,
      requestsPerSecond: rps,
      ratio,
      latency,
      runs,
      targets: TARGETS,
    };
    mkdirSync(context.resultsDir, { recursive: true });
    const file = join(context.resultsDir, `search-speed-${report.date.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say(`\nJSON: ${file}`);
    return file;
  } finally {
    for (const s of servers) await s.close().catch(() => {});
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (!KEEP_DATABASE) await admin(`drop database if exists ${BENCH_DATABASE} with (force)`).catch(() => {});
  }
}

export const searchSpeedSuite: Suite = {
  name: "search-speed",
  description: "public search req/s next to a bare Fastify + pg route (ratio), p95 latency; 20,000 places on PostgreSQL",
  run: (context) => runSearchSpeed(context),
};
