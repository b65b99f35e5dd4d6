// Foundation benchmark: cold start (empty data → serving), warm restart, and requests per second for
// /healthz and the commune search on PGlite and on PostgreSQL, next to a bare Fastify route measured
// in the same run. The ratio to the bare route is the figure that travels between machines.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type ServerProcess, StartError, startServer } from "./lib/children.ts";
import { errorMessage, type MachineFacts, machineFacts, round, seconds, table } from "./lib/format.ts";
import { type LoadFigures, type LoadOptions, loadOptionsFromEnv, measureLoad } from "./lib/load.ts";
import { freePort } from "./lib/net.ts";
import { problems, type StartupPhases, startupPhases } from "./lib/server-log.ts";
import { onCleanup, type Suite, type SuiteContext } from "./lib/suite.ts";

const COMMUNE_QUERY = "villeneuve";
const COMMUNES_PATH = `/api/v1/communes?q=${encodeURIComponent(COMMUNE_QUERY)}`;
const BENCH_DATABASE = "declic_bench";
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const READY_TIMEOUT_MS = 120_000;
const SERVER_ARGS = ["--import", "tsx", "src/main.ts"];

type Backend = "pglite" | "postgres";

interface StartRecord {
  kind: "cold" | "warm" | "warm (load run)";
  logLevel: string;
  readyMs: number;
  phases: StartupPhases;
  stopMs: number;
  stopKilled: boolean;
  exitCode: number | null;
}

interface BackendResult {
  backend: Backend;
  status: "ok" | "skipped" | "failed";
  reason: string | null;
  coldStartMs: number | null;
  warmRestartMs: number | null;
  starts: StartRecord[];
  healthzResponse: unknown;
  communesFound: number | null;
  healthz: LoadFigures | null;
  communes: LoadFigures | null;
  rssMbAfterLoad: number | null;
  problems: string[];
}

interface BareResult {
  startMs: number | null;
  load: LoadFigures | null;
  rssMbAfterLoad: number | null;
  error: string | null;
}

export interface FoundationReport {
  suite: "foundation";
  date: string;
  machine: MachineFacts;
  load: LoadOptions;
  communeQuery: string;
  bare: BareResult;
  backends: BackendResult[];
}

/** Only what a process needs from the caller's environment: no stray DATABASE_URL, DEMO, PORT… */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "USER"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

const say = (line: string) => console.log(line);

/** autocannon measures latency in whole milliseconds: 0 means under 1 ms. */
const ms = (value: number): string => (value === 0 ? "<1" : String(value));

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return body;
}

function countCommunes(body: unknown): number | null {
  if (typeof body !== "object" || body === null || !("communes" in body)) return null;
  const list: unknown = body.communes;
  return Array.isArray(list) ? list.length : null;
}

// ---------------------------------------------------------------------------------------------------
// Bare Fastify

async function measureBare(root: string, load: LoadOptions): Promise<BareResult> {
  const port = await freePort();
  let server: ServerProcess | null = null;
  try {
    server = await startServer({
      name: "bare Fastify",
      args: ["--import", "tsx", "bench/lib/bare-server.ts"],
      cwd: root,
      env: { ...baseEnv(), PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/`,
      readyTimeoutMs: 60_000,
    });
    const figures = await measureLoad(`http://127.0.0.1:${port}/`, load);
    const rss = await server.rssMb();
    say(`bare Fastify: started in ${seconds(server.readyMs)} s, ${round(figures.requestsPerSecond)} req/s (p99 ${ms(figures.latencyMs.p99)} ms)`);
    return { startMs: server.readyMs, load: figures, rssMbAfterLoad: rss, error: null };
  } catch (error) {
    say(`bare Fastify: FAILED: ${errorMessage(error)}`);
    return { startMs: null, load: null, rssMbAfterLoad: null, error: errorMessage(error) };
  } finally {
    await server?.stop();
  }
}

// ---------------------------------------------------------------------------------------------------
// The product on one backend

async function startProduct(
  backend: Backend,
  root: string,
  env: NodeJS.ProcessEnv,
  kind: StartRecord["kind"],
  logLevel: string,
): Promise<{ server: ServerProcess; port: number }> {
  const port = await freePort();
  const server = await startServer({
    name: `${backend} ${kind}`,
    args: SERVER_ARGS,
    cwd: root,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: logLevel },
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
  return { server, port };
}

async function stopAndRecord(
  server: ServerProcess,
  kind: StartRecord["kind"],
  logLevel: string,
  result: BackendResult,
): Promise<StartRecord> {
  const stopped = await server.stop();
  const output = server.output();
  const record: StartRecord = {
    kind,
    logLevel,
    readyMs: server.readyMs,
    phases: startupPhases(output, server.spawnedAt),
    stopMs: stopped.ms,
    stopKilled: stopped.killed,
    exitCode: stopped.code,
  };
  result.starts.push(record);
  for (const line of problems(output)) result.problems.push(`[${kind}] ${line}`);
  if (stopped.killed) result.problems.push(`[${kind}] did not exit within 10 s of SIGTERM: killed`);
  else if (stopped.code !== 0) result.problems.push(`[${kind}] exited with code ${stopped.code} (signal ${stopped.signal})`);
  return record;
}

/**
 * Cold start and warm restart with LOG_LEVEL=info (the product's default, and the level at which it
 * logs its start-up phases), then a third start with LOG_LEVEL=warn for the load, so that per-request
 * logging is not what is measured.
 */
async function measureProduct(backend: Backend, root: string, env: NodeJS.ProcessEnv, load: LoadOptions): Promise<BackendResult> {
  const result: BackendResult = {
    backend,
    status: "ok",
    reason: null,
    coldStartMs: null,
    warmRestartMs: null,
    starts: [],
    healthzResponse: null,
    communesFound: null,
    healthz: null,
    communes: null,
    rssMbAfterLoad: null,
    problems: [],
  };
  let current: ServerProcess | null = null;
  try {
    // 1. Cold start: empty data → serving.
    const cold = await startProduct(backend, root, env, "cold", "info");
    current = cold.server;
    result.coldStartMs = cold.server.readyMs;
    result.healthzResponse = await getJson(`http://127.0.0.1:${cold.port}/healthz`);
    result.communesFound = countCommunes(await getJson(`http://127.0.0.1:${cold.port}${COMMUNES_PATH}`));
    current = null;
    await stopAndRecord(cold.server, "cold", "info", result);
    say(`${backend}: cold start ${seconds(result.coldStartMs)} s (search "${COMMUNE_QUERY}" finds ${result.communesFound ?? "?"} communes)`);

    // 2. Warm restart on the same data.
    const warm = await startProduct(backend, root, env, "warm", "info");
    current = warm.server;
    result.warmRestartMs = warm.server.readyMs;
    current = null;
    await stopAndRecord(warm.server, "warm", "info", result);
    say(`${backend}: warm restart ${seconds(result.warmRestartMs)} s`);

    // 3. Load, on a server started at LOG_LEVEL=warn.
    const loaded = await startProduct(backend, root, env, "warm (load run)", "warn");
    current = loaded.server;
    result.healthz = await measureLoad(`http://127.0.0.1:${loaded.port}/healthz`, load);
    say(`${backend}: /healthz ${round(result.healthz.requestsPerSecond)} req/s (p99 ${ms(result.healthz.latencyMs.p99)} ms)`);
    result.communes = await measureLoad(`http://127.0.0.1:${loaded.port}${COMMUNES_PATH}`, load);
    say(`${backend}: communes ${round(result.communes.requestsPerSecond)} req/s (p99 ${ms(result.communes.latencyMs.p99)} ms)`);
    result.rssMbAfterLoad = await loaded.server.rssMb();
    current = null;
    await stopAndRecord(loaded.server, "warm (load run)", "warn", result);
  } catch (error) {
    result.status = "failed";
    result.reason = errorMessage(error);
    const output = error instanceof StartError ? error.output : (current?.output() ?? []);
    for (const line of output.slice(-20)) result.problems.push(`[failed run] ${line}`);
    say(`${backend}: FAILED: ${result.reason}`);
  } finally {
    if (current) await current.stop();
  }
  for (const figures of [result.healthz, result.communes]) {
    if (figures && figures.errors + figures.timeouts + figures.non2xx > 0) {
      result.problems.push(
        `load on ${figures.url}: ${figures.errors} errors, ${figures.timeouts} timeouts, ${figures.non2xx} non-2xx responses`,
      );
    }
  }
  return result;
}

function emptyResult(backend: Backend, status: "skipped" | "failed", reason: string): BackendResult {
  return {
    backend,
    status,
    reason,
    coldStartMs: null,
    warmRestartMs: null,
    starts: [],
    healthzResponse: null,
    communesFound: null,
    healthz: null,
    communes: null,
    rssMbAfterLoad: null,
    problems: [],
  };
}

async function measurePGlite(root: string, load: LoadOptions): Promise<BackendResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "declic-bench-"));
  const forget = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  try {
    // DEMO unset, as a user running `npm start` would have it: the product decides (demo on a new embedded database).
    return await measureProduct("pglite", root, { ...baseEnv(), DATA_DIR: dataDir }, load);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    forget();
  }
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000, statement_timeout: 30_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropBenchDatabase(client: pg.Client): Promise<void> {
  const version = await client.query<{ server_version_num: string }>("SHOW server_version_num");
  const force = Number(version.rows[0]?.server_version_num ?? "0") >= 130000 ? " WITH (FORCE)" : "";
  await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE}${force}`);
}

async function measurePostgres(root: string, load: LoadOptions): Promise<BackendResult> {
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_ADMIN_URL;
  let benchUrl: string;
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    benchUrl = url.toString();
  } catch {
    const reason = `BENCH_DATABASE_URL is not a URL: ${redact(adminUrl)}`;
    say(`postgres: skipped: ${reason}`);
    return emptyResult("postgres", "skipped", reason);
  }

  let serverVersion = "?";
  try {
    serverVersion = await withAdmin(adminUrl, async (client) => {
      const v = await client.query<{ server_version: string }>("SHOW server_version");
      await dropBenchDatabase(client);
      await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
      return v.rows[0]?.server_version ?? "?";
    });
  } catch (error) {
    const reason = `PostgreSQL unreachable or refused the admin step at ${redact(adminUrl)}: ${errorMessage(error)}`;
    say(`postgres: skipped: ${reason}`);
    return emptyResult("postgres", "skipped", reason);
  }
  say(`postgres: server ${serverVersion}, fresh database ${BENCH_DATABASE}`);

  try {
    const env: NodeJS.ProcessEnv = {
      ...baseEnv(),
      DATABASE_URL: benchUrl,
      SESSION_SECRET: randomBytes(36).toString("base64url"), // 48 characters
      DEMO: "true",
      // The data folder is not used for the database, but keep the product away from ./data.
      DATA_DIR: mkdtempSync(join(tmpdir(), "declic-bench-pg-")),
    };
    const dataDir = env.DATA_DIR ?? "";
    const forget = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    try {
      return await measureProduct("postgres", root, env, load);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      forget();
    }
  } finally {
    try {
      await withAdmin(adminUrl, dropBenchDatabase);
    } catch (error) {
      say(`postgres: could not drop ${BENCH_DATABASE} afterwards: ${errorMessage(error)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

function ratio(route: LoadFigures | null, bare: LoadFigures | null): number | null {
  if (!route || !bare || bare.requestsPerSecond === 0) return null;
  return route.requestsPerSecond / bare.requestsPerSecond;
}

function formatRatio(r: number | null): string {
  if (r === null) return "–";
  return r > 0 ? `${r.toFixed(3)} (1/${Math.round(1 / r)})` : "0";
}

function formatLoad(f: LoadFigures | null): string {
  return f ? `${round(f.requestsPerSecond)} (${ms(f.latencyMs.p99)})` : "–";
}

function printReport(report: FoundationReport): void {
  const bare = report.bare.load;
  say("");
  say(
    `### Foundation: ${report.load.connections} connections, ${report.load.warmupSeconds} s warm-up + ${report.load.durationSeconds} s measured per route`,
  );
  say("");
  say(
    table(
      [
        "backend",
        "cold start s",
        "warm restart s",
        "/healthz req/s (p99 ms)",
        "communes req/s (p99 ms)",
        "/healthz ratio vs bare",
        "communes ratio vs bare",
        "RSS MB",
      ],
      report.backends.map((b) =>
        b.status === "skipped"
          ? [b.backend, "skipped", "", "", "", "", "", ""]
          : [
              b.status === "failed" ? `${b.backend} (FAILED)` : b.backend,
              seconds(b.coldStartMs),
              seconds(b.warmRestartMs),
              formatLoad(b.healthz),
              formatLoad(b.communes),
              formatRatio(ratio(b.healthz, bare)),
              formatRatio(ratio(b.communes, bare)),
              round(b.rssMbAfterLoad),
            ],
      ),
    ),
  );
  say("");
  say(
    bare
      ? `Bare Fastify (GET / → {ok:true}, same run, started the same way): ${round(bare.requestsPerSecond)} req/s, ` +
          `p50 ${ms(bare.latencyMs.p50)} ms, p99 ${ms(bare.latencyMs.p99)} ms; started in ${seconds(report.bare.startMs)} s; RSS ${round(report.bare.rssMbAfterLoad)} MB`
      : `Bare Fastify: FAILED (${report.bare.error ?? "unknown"}): no ratios`,
  );

  const startRows = report.backends.flatMap((b) =>
    b.starts.map((s) => {
      // At LOG_LEVEL=warn the server does not log its phases.
      const phase = (value: number | null) => (s.logLevel === "info" ? seconds(value) : "n/a");
      return [
        b.backend,
        `${s.kind}, ${s.logLevel}`,
        seconds(s.readyMs),
        phase(s.phases.modulesMs),
        phase(s.phases.runtimeMs),
        phase(s.phases.openAndMigrateMs),
        phase(s.phases.territoryMs),
        phase(s.phases.demoMs),
        seconds(s.stopMs),
      ];
    }),
  );
  if (startRows.length > 0) {
    say("");
    say("Start-up phases (from the server's own log; '–' = the step logged nothing, e.g. nothing to do):");
    say("");
    say(
      table(
        [
          "backend",
          "start",
          "spawn→200 s",
          "tsx + modules s",
          "runtime s",
          "db open + migrations s",
          "territory s",
          "demo s",
          "SIGTERM→exit s",
        ],
        startRows,
      ),
    );
  }

  for (const b of report.backends) {
    if (b.status === "skipped") say(`\n${b.backend}: skipped: ${b.reason ?? ""}`);
    else if (b.status === "failed") say(`\n${b.backend}: FAILED: ${b.reason ?? ""}`);
    if (b.problems.length > 0) {
      say(`\n${b.backend}: ${b.problems.length} log line(s) at warn or above, or other problems:`);
      for (const line of b.problems.slice(0, 30)) say(`  ${line}`);
      if (b.problems.length > 30) say(`  … ${b.problems.length - 30} more in the JSON`);
    }
  }

  const m = report.machine;
  say("");
  say(
    `Machine: Node ${m.node}, ${m.platform}, ${m.cpuCount} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM; ` +
      `load average ${m.loadAverageAtStart} when the suite started.`,
  );
  say(
    "Notes: start times are spawn → first 200 from /healthz (polled every 50 ms) and include tsx compiling the " +
      "TypeScript (its cache in the temp folder is warm after the first run), as with `npm start`. " +
      "The load generator runs on the same machine as the server and competes with it for the CPUs.",
  );
}

export async function runFoundation(context: SuiteContext, load: LoadOptions = loadOptionsFromEnv()): Promise<string> {
  say("## foundation: start-up and request rates, PGlite and PostgreSQL, against bare Fastify");
  const report: FoundationReport = {
    suite: "foundation",
    date: new Date().toISOString(),
    machine: machineFacts(),
    load,
    communeQuery: COMMUNE_QUERY,
    bare: await measureBare(context.root, load),
    backends: [],
  };
  report.backends.push(await measurePGlite(context.root, load));
  report.backends.push(await measurePostgres(context.root, load));
  printReport(report);

  mkdirSync(context.resultsDir, { recursive: true });
  const file = join(context.resultsDir, `foundation-${report.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`\nJSON: ${file}`);
  return file;
}

export const foundationSuite: Suite = {
  name: "foundation",
  description: "cold start, warm restart, /healthz and commune search req/s on PGlite and PostgreSQL vs bare Fastify",
  run: (context) => runFoundation(context),
};
