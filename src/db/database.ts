// Opens the database: PGlite in the data folder (embedded default) or a PostgreSQL server.
// Both speak the same SQL and are configured to return the same JavaScript types.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { withPreparedStatements } from "./prepared.ts";
import type { Database, Db } from "./schema.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** True when the embedded data folder was created by this open. */
  created: boolean;
  close(): Promise<void>;
}

// bigint and numeric as numbers, dates as 'YYYY-MM-DD' strings: identical on both backends.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

export const PGLITE_PARSERS = { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: keepText };

/** How every embedded database is opened: same parsers, and btree_gist for exclusion constraints. */
export const PGLITE_OPTIONS = { parsers: PGLITE_PARSERS, extensions: { btree_gist } } satisfies PGliteOptions;

function pgTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === INT8 || oid === NUMERIC) return parseNumber;
  if (oid === DATE) return keepText;
  return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
}

export function openPostgres(connectionString: string, max = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max, types: { getTypeParser: pgTypeParser } as pg.CustomTypesConfig });
  // An idle connection that the server ends (restart, failover, a dropped test database) must not crash
  // the process: the pool discards it and opens a new one on the next query.
  pool.on("error", (error) => process.emitWarning(`PostgreSQL idle connection closed: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
  return { db, kind: "postgres", created: false, close: () => db.destroy() };
}

export async function openPGlite(client: PGlite, onClose?: () => void): Promise<DatabaseHandle> {
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: "pglite",
    created: false,
    close: async () => {
      await db.destroy();
      // Kysely only destroys a driver it has used: a database never queried must be closed here.
      if (!client.closed) await client.close();
      onClose?.();
    },
  };
}

/** Opens the embedded database in dataDir, holding the folder's lock until close. */
export async function openEmbedded(dataDir: string, command: string): Promise<DatabaseHandle> {
  const release = lockDataDir(dataDir, command);
  try {
    const pgdata = join(dataDir, "pgdata");
    const created = !existsSync(join(pgdata, "PG_VERSION"));
    const client = new PGlite(pgdata, PGLITE_OPTIONS);
    const handle = await openPGlite(client, release);
    return { ...handle, created };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openDatabase(
  config: { databaseUrl: string | null; dataDir: string },
  command: string,
): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openEmbedded(config.dataDir, command);
}
