// CPU per request of the public search and of the bare route, on the search-profile dataset (run
// bench/search-profile.ts once first): Node's own CPU (process.cpuUsage, autocannon included, as in the
// bench) and the PostgreSQL backends' CPU (/proc/<pid>/stat of the connections to the database), each
// divided by the requests served in a few seconds of autocannon. With CPU_PROFILE=1 the process is also
// expected to run under `node --cpu-prof` (the profile then covers the search runs).
// Usage: PROFILE_DATABASE=... npx tsx bench/search-cpu.ts
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openPostgres } from "../src/db/database.ts";
import { bareServer } from "./lib/bare-search.ts";
import { measureLoad } from "./lib/load.ts";
import { freePort } from "./lib/net.ts";

const NAME = process.env.PROFILE_DATABASE ?? "declic_profile_search";
const url = `postgres://postgres@127.0.0.1:5432/${NAME}`;
const SECRET = "bench-search-cpu-secret-0123456789-abcdefghijkl";
const SECONDS = Number(process.env.CPU_SECONDS ?? 5);
const TICK_MS = 10; // USER_HZ = 100 on Linux

const dataDir = mkdtempSync(join(tmpdir(), "declic-cpu-"));
const parsed = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://127.0.0.1", SESSION_SECRET: SECRET, DATA_DIR: dataDir });
if (!parsed.ok) throw new Error(parsed.errors.join("; "));
const handle = openPostgres(url);
const app = await buildApp({ config: parsed.config, db: handle.db, dbKind: "postgres", sessionSecret: SECRET, demo: false, mailTransport: "database" });
const appPort = await freePort();
await app.listen({ port: appPort, host: "127.0.0.1" });

const { app: bare, close: closeBare } = await bareServer(url);
const barePort = await freePort();
await bare.listen({ port: barePort, host: "127.0.0.1" });

const admin = new pg.Client({ connectionString: url });
await admin.connect();
async function backendTicks(): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [NAME]);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks;
}

async function measure(label: string, target: string) {
  await measureLoad(target, { connections: 10, warmupSeconds: 0, durationSeconds: 2 });
  const pg0 = await backendTicks();
  const cpu0 = process.cpuUsage();
  const figures = await measureLoad(target, { connections: 10, warmupSeconds: 0, durationSeconds: SECONDS });
  const cpu = process.cpuUsage(cpu0);
  const pgMs = ((await backendTicks()) - pg0) * TICK_MS;
  const n = figures.totalRequests;
  console.log(
    `${label.padEnd(28)} ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s  node ${(((cpu.user + cpu.system) / 1000) / n).toFixed(3)} ms/req  postgres ${(pgMs / n).toFixed(3)} ms/req  (non-2xx ${figures.non2xx})`,
  );
}

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`load ${load()}`);
/** Node's CPU per request without the HTTP layer and autocannon: sequential app.inject. */
async function inject(label: string, target: { inject: typeof app.inject }, path: string, n = 400) {
  for (let i = 0; i < 50; i++) await target.inject({ url: path });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await target.inject({ url: path });
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(28)} inject: node ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms/req, wall ${((performance.now() - t0) / n).toFixed(3)} ms/req`);
}

if (process.env.CPU_INJECT === "1") {
  for (let i = 0; i < 3; i++) {
    await inject("search (Agen, 2 filters)", app, "/api/v1/lieux?commune=47001&rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1");
    await inject("search (Agen, ouvert now)", app, "/api/v1/lieux?commune=47001&rayon_km=20&ouvert=maintenant");
    await inject("bare", bare, "/bare?lat=44.2&lon=0.62");
  }
}
const only = process.env.CPU_ONLY;
for (let i = 0; i < (only === "none" ? 0 : 2); i++) {
  if (only === "search") {
    await measure("search (Agen, 2 filters)", `http://127.0.0.1:${appPort}/api/v1/lieux?commune=47001&rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1`);
    continue;
  }
  await measure("search (Agen, 2 filters)", `http://127.0.0.1:${appPort}/api/v1/lieux?commune=47001&rayon_km=20&service=aide-aux-demarches-administratives&gratuit=1`);
  await measure("search (Agen, ouvert now)", `http://127.0.0.1:${appPort}/api/v1/lieux?commune=47001&rayon_km=20&ouvert=maintenant`);
  await measure("bare", `http://127.0.0.1:${barePort}/bare?lat=44.2&lon=0.62`);
}
console.log(`load ${load()}`);
await admin.end();
await closeBare();
await app.close();
await handle.close();
rmSync(dataDir, { recursive: true, force: true });
