// Test databases start from templates built once per code version: migrated (bare), or migrated with
// the Lot-et-Garonne territory and the demo network (demo). PGlite templates are data-dir dumps on disk;
// PostgreSQL templates are template databases. Building is idempotent and guarded by a lock.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openPGlite, openPostgres, PGLITE_OPTIONS } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrator.ts";
import type { Db } from "../../src/db/schema.ts";
import { putSetting } from "../../src/db/settings.repository.ts";
import { loadDemoNetwork } from "../../src/features/demo/demo.seed.ts";
import { syncTerritory } from "../../src/features/territory/territory.service.ts";
import { fileTerritorySource } from "../../src/features/territory/territory.sources.ts";

export type TemplateName = "bare" | "demo";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = join(ROOT, "fixtures/territory");
const CACHE_DIR = join(ROOT, ".cache/test-templates");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Changes whenever code that shapes a template's content changes. */
export function templateKey(): string {
  const hash = createHash("sha256");
  const files = [...filesUnder(join(ROOT, "src")), ...filesUnder(FIXTURES)]
    .filter((f) => !f.endsWith(".test.ts") && !f.endsWith(".test.tsx"))
    .sort();
  for (const file of files) hash.update(relative(ROOT, file)).update(readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}

export const DEMO_NOW = new Date("2026-11-02T09:00:00Z");

export async function fillTemplate(db: Db, name: TemplateName): Promise<void> {
  await migrateToLatest(db);
  if (name === "bare") return;
  const source = fileTerritorySource(join(FIXTURES, "communes-centres-2018.csv"), join(FIXTURES, "communes-47.geojson"));
  await syncTerritory(db, "47", source, DEMO_NOW);
  await loadDemoNetwork(db, { departement: "47", now: DEMO_NOW });
  await putSetting(db, "demo", true, DEMO_NOW);
}

function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const lock = join(CACHE_DIR, `${name}.lock`);
  const started = Date.now();
  const attempt = async (): Promise<T> => {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - started > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
      return attempt();
    }
    try {
      return await fn();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  };
  return attempt();
}

export function pgliteTemplatePath(name: TemplateName, key = templateKey()): string {
  return join(CACHE_DIR, `pglite-${key}-${name}.tar.gz`);
}

export async function ensurePGliteTemplate(name: TemplateName, key = templateKey()): Promise<string> {
  const path = pgliteTemplatePath(name, key);
  if (existsSync(path)) return path;
  return withLock(`pglite-${name}`, async () => {
    if (existsSync(path)) return path;
    const client = new PGlite(PGLITE_OPTIONS);
    const handle = await openPGlite(client);
    await fillTemplate(handle.db, name);
    const dump = await client.dumpDataDir("gzip");
    writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    rmSync(path, { force: true });
    writeFileSync(path, readFileSync(`${path}.tmp`));
    rmSync(`${path}.tmp`, { force: true });
    // Dumps of older code versions are dropped so the cache does not grow.
    for (const old of readdirSync(CACHE_DIR)) {
      if (old.startsWith("pglite-") && old.endsWith(`-${name}.tar.gz`) && !old.includes(key)) rmSync(join(CACHE_DIR, old), { force: true });
    }
    return path;
  });
}

export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function postgresTemplateName(name: TemplateName, key = templateKey()): string {
  return `declic_tpl_${key}_${name}`;
}

export async function ensurePostgresTemplate(serverUrl: string, name: TemplateName, key = templateKey()): Promise<string> {
  const database = postgresTemplateName(name, key);
  return withLock(`pg-${name}`, async () => {
    const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
    admin.on("error", () => {}); // a server-ended admin connection must not crash the run
    await admin.connect();
    try {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
      if (exists.rowCount) return database;
      // Templates of other code versions are dropped once a day old, so they do not pile up while several
      // checkouts of different versions (worktrees, CI beside a developer) share one server. Each template
      // carries its creation time as the database's comment.
      const old = await admin.query(
        `select d.datname from pg_database d
          left join pg_shdescription c on c.objoid = d.oid and c.classoid = 'pg_database'::regclass
          where d.datname like $1 and d.datname <> $2
            and coalesce(c.description, '') < $3`,
        [`declic_tpl_%_${name}`, database, new Date(Date.now() - 86_400_000).toISOString()],
      );
      for (const row of old.rows as { datname: string }[]) {
        await admin.query(`alter database "${row.datname}" is_template false`).catch(() => {});
        await admin.query(`drop database if exists "${row.datname}"`).catch(() => {});
      }
      // Built under a name of its own, so two checkouts of the same version building at once do not clash:
      // the first rename wins, the other copy is dropped.
      const building = `${database}_b${randomBytes(3).toString("hex")}`;
      await admin.query(`create database "${building}"`);
      const handle = openPostgres(databaseUrl(serverUrl, building), 2);
      try {
        await fillTemplate(handle.db, name);
      } finally {
        await handle.close();
      }
      try {
        await admin.query(`alter database "${building}" rename to "${database}"`);
      } catch (error) {
        await admin.query(`drop database if exists "${building}"`);
        if (!(await admin.query("select 1 from pg_database where datname = $1", [database])).rowCount) throw error;
        return database;
      }
      await admin.query(`alter database "${database}" is_template true`);
      await admin.query(`comment on database "${database}" is '${new Date().toISOString()}'`);
      return database;
    } finally {
      await admin.end();
    }
  });
}
