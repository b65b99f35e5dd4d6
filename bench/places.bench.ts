// Places benchmark at national scale: 20,000 places over metropolitan France and 60,000 permanences,
// on PostgreSQL and on PGlite (in memory), served by the real application built in-process.
// Measures the public search (commune + 20 km + a service + free of charge): server time per request
// with app.inject() (median, p95) and requests per second with autocannon against app.listen(); then
// the open-data CSV export: time, size and peak memory. Figures are printed, never asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { type DatabaseHandle, openPGlite, openPostgres, PGLITE_OPTIONS } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import { toParis } from "../src/features/calendar/paris-time.ts";
import { hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { type PlaceSearch, searchPlaces } from "../src/features/places/search/search.repository.ts";
import { nextOpeningLimits, PAGE_SIZE } from "../src/features/places/search/search.ts";
import { errorMessage, type MachineFacts, machineFacts, round, seconds, table } from "./lib/format.ts";
import { type LoadFigures, type LoadOptions, loadOptionsFromEnv, measureLoad } from "./lib/load.ts";
import { freePort } from "./lib/net.ts";
import { onCleanup, type Suite, type SuiteContext } from "./lib/suite.ts";
import { type BenchCommune, type BenchData, generate, insertData, readCommunes, weightedPicker } from "./places.data.ts";

const PLACES = 20_000;
const PERMANENCES = 60_000;
const SAMPLE = 200;
const WARMUP = 30;
const LOAD_COMMUNE = "47001"; // Agen
const FILTERS = "rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1";
const CSV_PATH = "/donnees/lieux-de-mediation-numerique.csv";
const BENCH_DATABASE = "declic_bench_places";
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const TARGET_P95_MS = 50;
const SECRET = "bench-places-secret-0123456789-abcdefghijklmnop";

type Backend = "postgres" | "pglite";

interface SearchFigures {
  status: number;
  p50Ms: number;
  p95Ms: number;
  meanFound: number | null;
  loadCommuneFound: number | null;
}

/** The search's database part alone (searchPlaces), to tell SQL time from the rest of the request. */
interface QueryFigures {
  p50Ms: number;
  p95Ms: number;
}

interface CsvFigures {
  status: number;
  ms: number;
  bytes: number;
  rows: number;
  rssBaselineMb: number;
  rssPeakMb: number;
  heapPeakMb: number;
}

interface BackendResult {
  backend: Backend;
  status: "ok" | "skipped" | "failed";
  reason: string | null;
  loadMs: number | null;
  search: SearchFigures | null;
  query: QueryFigures | null;
  load: LoadFigures | null;
  csv: CsvFigures | null;
  notes: string[];
}

export interface PlacesReport {
  suite: "places";
  date: string;
  machine: MachineFacts;
  load: LoadOptions;
  rows: { communes: number; places: number; permanences: number; advisors: number };
  query: string;
  backends: BackendResult[];
}

const say = (line: string) => console.log(line);
const mb = (bytes: number) => bytes / 1024 ** 2;

async function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Where people search from: communes with a centre, weighted by population. */
function sampleOrigins(communes: BenchCommune[], count: number): BenchCommune[] {
  const rng = mulberry32(hashString("bench:origins"));
  const located = communes.filter((c) => c.latitude !== null && c.population > 0);
  const next = weightedPicker(located, (c) => c.population, rng);
  return Array.from({ length: count }, () => next());
}

const searchUrl = (commune: string) => `/api/v1/lieux?commune=${commune}&${FILTERS}`;

function foundIn(body: string): number | null {
  try {
    const total: unknown = (JSON.parse(body) as { total?: unknown }).total;
    return typeof total === "number" ? total : null;
  } catch {
    return null;
  }
}

type App = Awaited<ReturnType<typeof buildApp>>;

async function measureSearch(app: App, origins: BenchCommune[]): Promise<SearchFigures> {
  const first = await app.inject({ url: searchUrl(LOAD_COMMUNE) });
  if (first.statusCode !== 200) return { status: first.statusCode, p50Ms: Number.NaN, p95Ms: Number.NaN, meanFound: null, loadCommuneFound: null };
  for (const c of origins.slice(0, WARMUP)) await app.inject({ url: searchUrl(c.code) });
  const times: number[] = [];
  const found: number[] = [];
  for (const { code } of origins) {
    const started = performance.now();
    const response = await app.inject({ url: searchUrl(code) });
    times.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`GET ${searchUrl(code)}: HTTP ${response.statusCode} ${response.body.slice(0, 200)}`);
    const n = foundIn(response.body);
    if (n !== null) found.push(n);
  }
  times.sort((a, b) => a - b);
  return {
    status: 200,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    meanFound: found.length > 0 ? found.reduce((s, n) => s + n, 0) / found.length : null,
    loadCommuneFound: foundIn(first.body),
  };
}

async function measureQuery(db: DatabaseHandle["db"], origins: BenchCommune[]): Promise<QueryFigures> {
  const today = toParis(new Date()).date;
  const search = (c: BenchCommune): PlaceSearch => ({
    from: { kind: "point", latitude: c.latitude as number, longitude: c.longitude as number },
    radiusKm: 20,
    services: ["Aide aux démarches administratives"],
    specificSupport: [],
    publics: [],
    free: true,
    remote: false,
    permanenceModes: null,
    open: null,
    next: nextOpeningLimits(new Date()),
    today,
    departement: "47",
    page: 1,
    pageSize: PAGE_SIZE,
  });
  for (const c of origins.slice(0, WARMUP)) await searchPlaces(db, search(c));
  const times: number[] = [];
  for (const c of origins) {
    const started = performance.now();
    await searchPlaces(db, search(c));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

/** Streams the export and discards it, sampling this process's memory every 50 ms. */
async function measureCsv(baseUrl: string): Promise<CsvFigures> {
  const rssBaseline = process.memoryUsage().rss;
  let rssPeak = rssBaseline;
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${CSV_PATH}`, { signal: AbortSignal.timeout(120_000) });
    let bytes = 0;
    let rows = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
        for (const byte of chunk) if (byte === 10) rows++;
      }
    }
    const ms = performance.now() - started;
    const m = process.memoryUsage();
    return {
      status: response.status,
      ms,
      bytes,
      rows: Math.max(0, rows - 1),
      rssBaselineMb: mb(rssBaseline),
      rssPeakMb: mb(Math.max(rssPeak, m.rss)),
      heapPeakMb: mb(Math.max(heapPeak, m.heapUsed)),
    };
  } finally {
    clearInterval(sampler);
  }
}

async function measureBackend(backend: Backend, handle: DatabaseHandle, data: BenchData, origins: BenchCommune[], load: LoadOptions): Promise<BackendResult> {
  const result: BackendResult = { backend, status: "ok", reason: null, loadMs: null, search: null, query: null, load: null, csv: null, notes: [] };
  const dataDir = mkdtempSync(join(tmpdir(), "declic-bench-places-"));
  const forget = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  let app: App | null = null;
  try {
    const started = performance.now();
    await bounded("migrations", 60_000, migrateToLatest(handle.db));
    await bounded("loading the data", 240_000, insertData(handle.db, data, new Date()));
    await sql`analyze`.execute(handle.db);
    result.loadMs = performance.now() - started;
    say(`${backend}: migrated and loaded in ${seconds(result.loadMs)} s`);

    const config = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://127.0.0.1", SESSION_SECRET: SECRET, DATA_DIR: dataDir });
    if (!config.ok) throw new Error(`config: ${config.errors.join("; ")}`);
    app = await buildApp({ config: config.config, db: handle.db, dbKind: handle.kind, sessionSecret: SECRET, demo: false, mailTransport: "database" });

    result.search = await bounded("search latency", 180_000, measureSearch(app, origins));
    if (result.search.status === 404) {
      result.notes.push(`GET /api/v1/lieux answered 404: the search route does not exist yet`);
      say(`${backend}: GET /api/v1/lieux answered 404 (route not there yet): no search figures`);
    } else if (result.search.status !== 200) {
      result.notes.push(`GET ${searchUrl(LOAD_COMMUNE)} answered HTTP ${result.search.status}`);
    } else {
      say(`${backend}: search p50 ${round(result.search.p50Ms, 1)} ms, p95 ${round(result.search.p95Ms, 1)} ms over ${origins.length} communes`);
    }

    result.query = await bounded("searchPlaces latency", 120_000, measureQuery(handle.db, origins));
    say(`${backend}: searchPlaces (SQL only) p50 ${round(result.query.p50Ms, 1)} ms, p95 ${round(result.query.p95Ms, 1)} ms`);

    const port = await freePort();
    await app.listen({ port, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${port}`;
    if (result.search.status === 200) {
      result.load = await measureLoad(`${base}${searchUrl(LOAD_COMMUNE)}`, load);
      say(`${backend}: search ${round(result.load.requestsPerSecond)} req/s (p99 ${result.load.latencyMs.p99} ms)`);
      if (result.load.errors + result.load.timeouts + result.load.non2xx > 0) {
        result.notes.push(`load: ${result.load.errors} errors, ${result.load.timeouts} timeouts, ${result.load.non2xx} non-2xx`);
      }
    }
    result.csv = await bounded("CSV export", 150_000, measureCsv(base));
    if (result.csv.status === 404) {
      result.notes.push(`GET ${CSV_PATH} answered 404: the export route does not exist yet`);
      say(`${backend}: GET ${CSV_PATH} answered 404 (route not there yet): no export figures`);
    } else {
      say(`${backend}: CSV export HTTP ${result.csv.status}, ${result.csv.rows} rows, ${round(mb(result.csv.bytes), 1)} MB in ${seconds(result.csv.ms)} s`);
    }
  } catch (error) {
    result.status = "failed";
    result.reason = errorMessage(error);
    say(`${backend}: FAILED: ${result.reason}`);
  } finally {
    if (app) await app.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
    forget();
  }
  return result;
}

async function dropDatabase(client: pg.Client): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
}

async function onPostgres(data: BenchData, origins: BenchCommune[], load: LoadOptions): Promise<BackendResult> {
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_ADMIN_URL;
  const empty = (status: "skipped" | "failed", reason: string): BackendResult => ({
    backend: "postgres",
    status,
    reason,
    loadMs: null,
    search: null,
    query: null,
    load: null,
    csv: null,
    notes: [],
  });
  const admin = async (work: (client: pg.Client) => Promise<void>) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000, statement_timeout: 30_000 });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  };
  let benchUrl: string;
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    benchUrl = url.toString();
    await admin(async (client) => {
      await dropDatabase(client);
      await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
    });
  } catch (error) {
    say(`postgres: skipped: ${errorMessage(error)}`);
    return empty("skipped", errorMessage(error));
  }
  const handle = openPostgres(benchUrl);
  try {
    return await measureBackend("postgres", handle, data, origins, load);
  } finally {
    await handle.close();
    await admin(dropDatabase).catch((error: unknown) => say(`postgres: could not drop ${BENCH_DATABASE}: ${errorMessage(error)}`));
  }
}

async function onPGlite(data: BenchData, origins: BenchCommune[], load: LoadOptions): Promise<BackendResult> {
  const handle = await openPGlite(new PGlite(PGLITE_OPTIONS));
  try {
    return await measureBackend("pglite", handle, data, origins, load);
  } finally {
    await handle.close();
  }
}

function printReport(report: PlacesReport): void {
  say("");
  say(
    `### Places: ${report.rows.places} places, ${report.rows.permanences} permanences, ${report.rows.communes} communes; ` +
      `GET /api/v1/lieux?commune=<code>&${FILTERS}`,
  );
  say("");
  const ms = (n: number | null | undefined) => (n == null || Number.isNaN(n) ? "–" : n.toFixed(1));
  say(
    table(
      ["backend", "load s", "search p50 ms", "search p95 ms", "SQL p50 / p95 ms", "found (mean)", `req/s Agen (p99 ms)`, "CSV s", "CSV MB", "CSV rows", "RSS MB base → peak", "heap peak MB"],
      report.backends.map((b) => {
        const s = b.search?.status === 200 ? b.search : null;
        const c = b.csv && b.csv.status === 200 ? b.csv : null;
        return [
          b.status === "ok" ? b.backend : `${b.backend} (${b.status.toUpperCase()})`,
          seconds(b.loadMs),
          b.search && !s ? `HTTP ${b.search.status}` : ms(s?.p50Ms),
          ms(s?.p95Ms),
          b.query ? `${ms(b.query.p50Ms)} / ${ms(b.query.p95Ms)}` : "–",
          s ? `${round(s.meanFound, 1)} (Agen ${s.loadCommuneFound ?? "?"})` : "–",
          b.load ? `${round(b.load.requestsPerSecond)} (${b.load.latencyMs.p99})` : "–",
          c ? seconds(c.ms) : b.csv ? `HTTP ${b.csv.status}` : "–",
          c ? round(mb(c.bytes), 1) : "–",
          c ? String(c.rows) : "–",
          c ? `${round(c.rssBaselineMb)} → ${round(c.rssPeakMb)}` : "–",
          c ? round(c.heapPeakMb) : "–",
        ];
      }),
    ),
  );
  const pgResult = report.backends.find((b) => b.backend === "postgres");
  const p95 = pgResult?.search?.status === 200 ? pgResult.search.p95Ms : null;
  say("");
  say(
    p95 === null
      ? `Target p95 ≤ ${TARGET_P95_MS} ms on PostgreSQL: not measured.`
      : `Target p95 ≤ ${TARGET_P95_MS} ms on PostgreSQL: ${p95 <= TARGET_P95_MS ? "met" : "NOT met"} (${p95.toFixed(1)} ms).`,
  );
  for (const b of report.backends) {
    if (b.reason) say(`${b.backend}: ${b.status}: ${b.reason}`);
    for (const note of b.notes) say(`${b.backend}: ${note}`);
  }
  const m = report.machine;
  say("");
  say(`Machine: Node ${m.node}, ${m.cpuCount} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM; load average ${m.loadAverageAtStart} at start.`);
  say(
    `Notes: server time is app.inject() in-process over ${SAMPLE} origins weighted by population (after ${WARMUP} warm-up requests); ` +
      "SQL is searchPlaces() alone for the same origins (the rest of the request is mostly next-opening computation); " +
      `req/s is autocannon (${report.load.connections} connections, ${report.load.durationSeconds} s) on the Agen query against app.listen() ` +
      "in the same process; CSV memory is this whole process (app, database driver or PGlite, and the client discarding the stream).",
  );
}

export async function runPlaces(context: SuiteContext, load: LoadOptions = loadOptionsFromEnv()): Promise<string> {
  say("## places: national-scale search and CSV export, PostgreSQL and PGlite");
  const started = performance.now();
  const communes = readCommunes(context.root);
  const data = generate(communes, { places: PLACES, permanences: PERMANENCES }, toParis(new Date()).date);
  const origins = sampleOrigins(communes, SAMPLE);
  say(`data: ${communes.length} communes, ${data.places.length} places, ${data.permanences.length} permanences generated in ${seconds(performance.now() - started)} s`);
  const report: PlacesReport = {
    suite: "places",
    date: new Date().toISOString(),
    machine: machineFacts(),
    load,
    rows: { communes: communes.length, places: data.places.length, permanences: data.permanences.length, advisors: data.advisors.length },
    query: searchUrl("<code>"),
    backends: [],
  };
  report.backends.push(await onPostgres(data, origins, load));
  report.backends.push(await onPGlite(data, origins, load));
  printReport(report);
  mkdirSync(context.resultsDir, { recursive: true });
  const file = join(context.resultsDir, `places-${report.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`\nJSON: ${file}`);
  return file;
}

export const placesSuite: Suite = {
  name: "places",
  description: "search (commune + 20 km + 2 filters) p50/p95 and req/s, CSV export time and memory; 20,000 places",
  run: (context) => runPlaces(context),
};
