// One migrator for start-up, the CLI and the tests: timestamped files in ./migrations, applied in order.
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FileMigrationProvider, type Kysely, Migrator } from "kysely";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

/** `allowUnordered`: run pending migrations older than the last one run (benchmark databases reused across branches only). */
export function createMigrator(db: Kysely<any>, options: { allowUnordered?: boolean } = {}): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
    allowUnorderedMigrations: options.allowUnordered === true,
  });
}

/** Applies every pending migration; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, options: { allowUnordered?: boolean } = {}): Promise<string[]> {
  const { error, results } = await createMigrator(db, options).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function hasAppliedMigrations(db: Kysely<any>): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((t) => t.name === "kysely_migration");
}
