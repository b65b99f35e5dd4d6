// A fresh, isolated database for one test suite: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type DatabaseHandle, openPGlite, openPostgres, PGLITE_OPTIONS } from "../../src/db/database.ts";
import { adminUrl, databaseUrl, ensurePGliteTemplate, ensurePostgresTemplate, type TemplateName } from "./templates.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

export async function openTestDatabase(template: TemplateName = "demo"): Promise<DatabaseHandle> {
  if (TEST_DATABASE_URL) return openPostgresCopy(TEST_DATABASE_URL, template);
  const dump = readFileSync(await ensurePGliteTemplate(template));
  const client = new PGlite({ ...PGLITE_OPTIONS, loadDataDir: new Blob([dump]) });
  return openPGlite(client);
}

const postgresUrls = new WeakMap<DatabaseHandle, string>();

/**
 * A second, independent handle on the database of `handle`, as another app instance would open it: its
 * own connection pool on PostgreSQL; on PGlite (one connection per process) the same handle, not closed twice.
 */
export function openSameDatabase(handle: DatabaseHandle): DatabaseHandle {
  const url = postgresUrls.get(handle);
  if (url === undefined) return { ...handle, close: async () => {} };
  return openPostgres(url, 20);
}

async function openPostgresCopy(serverUrl: string, template: TemplateName): Promise<DatabaseHandle> {
  const source = await ensurePostgresTemplate(serverUrl, template);
  const name = `declic_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  admin.on("error", () => {}); // a server-ended admin connection must not crash the run
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${source}"`);
        break;
      } catch (error) {
        // Two suites copying the same template at the same instant: wait and retry.
        if (attempt >= 20 || !String((error as Error).message).includes("being accessed")) throw error;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  const handle = openPostgres(url, 20);
  const copy: DatabaseHandle = {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl(serverUrl) });
      dropper.on("error", () => {}); // a server-ended admin connection must not crash the run
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
  postgresUrls.set(copy, url);
  return copy;
}
