// What every entry point (server, worker, CLI) does before working: open and migrate the database,
// find the session secret, load the territory on first start, and the demo network when asked.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrator.ts";
import type { Db } from "./db/schema.ts";
import { getSetting, putSetting } from "./db/settings.repository.ts";
import { loadDemoNetwork } from "./features/demo/demo.seed.ts";
import { countUsers } from "./features/organisation/organisation.repository.ts";
import { createDatabaseMailTransport, createSmtpTransport, type MailTransport } from "./features/outbox/mail-transport.ts";
import { getTerritoryStatus, syncTerritory } from "./features/territory/territory.service.ts";
import { fileTerritorySource, geoApiTerritorySource, type TerritorySource } from "./features/territory/territory.sources.ts";

export interface Runtime {
  handle: DatabaseHandle;
  sessionSecret: string;
  demo: boolean;
}

/** Embedded mode keeps a generated secret beside the data; a server deployment must configure one. */
export function resolveSessionSecret(config: Readonly<Config>): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = join(config.dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function territorySourceFor(config: Readonly<Config>): TerritorySource {
  return config.territory.source === "api"
    ? geoApiTerritorySource(config.territory.geoApiUrl, config.territory.timeoutMs)
    : fileTerritorySource(config.territory.centresFile, config.territory.boundariesFile);
}

export function createMailTransport(config: Readonly<Config>, log: Logger): MailTransport {
  if (config.smtpUrl) return createSmtpTransport(config.smtpUrl, config.mailFrom);
  return createDatabaseMailTransport((m) => log.info({ to: m.recipient, subject: m.subject }, "e-mail kept in the database (no SMTP_URL)"));
}

export async function ensureTerritory(db: Db, config: Readonly<Config>, log: Logger): Promise<void> {
  const status = await getTerritoryStatus(db);
  if (status?.departement === config.departement.code) return;
  const started = Date.now();
  const result = await syncTerritory(db, config.departement.code, territorySourceFor(config), new Date());
  log.info(
    { communes: result.communes, epcis: result.epcis, withoutCentre: result.withoutCentre.length, ms: Date.now() - started },
    "territory loaded",
  );
  if (result.sourceError) log.warn({ error: result.sourceError }, "commune centres unavailable: distances are degraded");
}

/** DEMO unset: load the demo on a new embedded database. The choice is remembered with the data. */
export async function ensureDemo(db: Db, config: Readonly<Config>, created: boolean, log: Logger): Promise<boolean> {
  const loaded = (await getSetting<boolean>(db, "demo")) === true;
  const wanted = config.demo ?? (created && config.databaseUrl === null);
  if (loaded || !wanted) return loaded;
  if ((await countUsers(db)) > 0) {
    log.warn("DEMO requested but the database already has accounts: demo data not loaded");
    return false;
  }
  const started = Date.now();
  const summary = await loadDemoNetwork(db, { departement: config.departement.code, now: new Date() });
  await putSetting(db, "demo", true, new Date());
  log.info({ ...summary, ms: Date.now() - started }, "demo network loaded");
  return true;
}

/** True when the embedded database has yet to be created in dataDir (the first start's slow path). */
export function isFirstEmbeddedStart(config: Readonly<Pick<Config, "databaseUrl" | "dataDir">>): boolean {
  return config.databaseUrl === null && !existsSync(join(config.dataDir, "pgdata", "PG_VERSION"));
}

export async function openRuntime(config: Readonly<Config>, command: string, log: Logger): Promise<Runtime> {
  // The first start creates the embedded database, loads the territory and the demo: measured 10–15 s on an
  // idle 2-core machine and up to 40 s on a loaded one. Say so before the silent part, not after.
  if (isFirstEmbeddedStart(config)) {
    log.info(
      { dataDir: config.dataDir },
      "first start: creating the embedded database and loading the territory and the demo (10 to 40 seconds; later starts take about 2 seconds)",
    );
  }
  const opening = Date.now();
  const handle = await openDatabase(config, command);
  try {
    const migrating = Date.now();
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) {
      log.info({ applied, openMs: migrating - opening, ms: Date.now() - migrating }, "migrations applied");
    }
    const sessionSecret = resolveSessionSecret(config);
    await ensureTerritory(handle.db, config, log);
    const demo = await ensureDemo(handle.db, config, handle.created, log);
    return { handle, sessionSecret, demo };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
