// `npm run worker`: delivers the outbox in its own process (run the server with WORKER=off).
// With the embedded database only one process may open the data folder, so this needs PostgreSQL.
import { createMailTransport } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { createSmsTransport } from "./features/outbox/sms-transport.ts";
import { startOutboxWorker } from "./jobs/outbox-worker.ts";
import { createLogger } from "./logger.ts";

const parsed = loadConfig(process.env);
if (!parsed.ok) {
  console.error(`Configuration invalide / invalid configuration:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`);
  process.exit(1);
}
const config = parsed.config;
const log = createLogger(config);

let handle: Awaited<ReturnType<typeof openDatabase>>;
try {
  handle = await openDatabase(config, "npm run worker");
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(`${error.message}\nThe server runs the worker itself by default (WORKER=inline).`);
    process.exit(1);
  }
  throw error;
}
await migrateToLatest(handle.db);
const mail = createMailTransport(config, log);
const sms = createSmsTransport(config.sms, (m) => log.info({ to: m.recipient }, "SMS kept in the database (SMS_PROVIDER=none)"));
const worker = startOutboxWorker(handle.db, { email: mail, sms, webhooks: config.webhooks }, { now: () => new Date(), onError: (err) => log.error({ err }, "outbox worker error") });
log.info({ database: handle.kind, mail: mail.kind, sms: sms.kind }, "outbox worker started");

async function stop(signal: string) {
  log.info({ signal }, "outbox worker stopping");
  await worker.stop();
  mail.close();
  await handle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
