// Starts the web server (and, by default, the outbox worker inside it).
import { buildApp } from "./app.ts";
import { createMailTransport, openRuntime } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { remindWaitingJoinRequests } from "./features/auth/join-requests/join-requests.service.ts";
import { createSmsTransport } from "./features/outbox/sms-transport.ts";
import { statsMemoryOf } from "./features/statistics/stats-memory.repository.ts";
import { expireOffers } from "./features/workshops/registration.service.ts";
import { materialiseSeries } from "./features/workshops/workshop-series.service.ts";
import { every, runHousekeeping } from "./jobs/housekeeping.ts";
import { startOutboxWorker } from "./jobs/outbox-worker.ts";
import { runPlaceOpeningsUpkeep } from "./jobs/place-openings.ts";
import { runReferralUpkeep } from "./jobs/referral-upkeep.ts";
import { runRetention } from "./jobs/retention.ts";
import { createLogger } from "./logger.ts";

const parsed = loadConfig(process.env);
if (!parsed.ok) {
  console.error("Configuration invalide / invalid configuration:");
  for (const error of parsed.errors) console.error(`  - ${error}`);
  process.exit(1);
}
const config = parsed.config;
const log = createLogger(config);
const startedAt = Date.now();

let runtime: Awaited<ReturnType<typeof openRuntime>>;
try {
  runtime = await openRuntime(config, "npm start (server)", log);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { handle, sessionSecret, demo } = runtime;
const mail = createMailTransport(config, log);
const sms = createSmsTransport(config.sms, (m) => log.info({ to: m.recipient }, "SMS kept in the database (SMS_PROVIDER=none)"));
const worker =
  config.worker === "inline"
    ? startOutboxWorker(handle.db, { email: mail, sms, webhooks: config.webhooks }, { now: () => new Date(), onError: (err) => log.error({ err }, "outbox worker error") })
    : null;

const stopHousekeeping = every(
  3_600_000,
  async () => log.info(await runHousekeeping(handle.db, new Date()), "housekeeping done"),
  (err) => log.error({ err }, "housekeeping failed"),
);

// Retention: people with no activity for RETENTION_MONTHS lose their identifying data, once a day.
const stopRetention = every(
  24 * 3_600_000,
  async () => {
    const { ids: _ids, ...report } = await runRetention(handle.db, new Date(), config.retentionMonths, { webhookDays: config.webhooks.retentionDays });
    log.info(report, "retention done");
  },
  (err) => log.error({ err }, "retention failed"),
);

// Referrals: reminded after 10 days without an answer, expired after 30, anonymised after retention; hourly.
const stopReferralUpkeep = every(
  3_600_000,
  async () => {
    const notify = { brandName: config.brand.name, publicUrl: config.publicUrl, retentionMonths: config.retentionMonths };
    log.info(await runReferralUpkeep(handle.db, new Date(), notify), "referral upkeep done");
    worker?.nudge();
  },
  (err) => log.error({ err }, "referral upkeep failed"),
);

// Requests to join waiting for REMIND_AFTER_DAYS days are recalled to the coordinators once; hourly.
const stopJoinRequestReminders = every(
  3_600_000,
  async () => {
    const reminded = await remindWaitingJoinRequests(handle.db, new Date(), { brandName: config.brand.name, publicUrl: config.publicUrl });
    if (reminded > 0) log.info({ reminded }, "join requests recalled");
    worker?.nudge();
  },
  (err) => log.error({ err }, "join request reminders failed"),
);

// Waiting lists: a seat offered 24 h ago and not confirmed passes to the next person.
const stopWorkshopUpkeep = every(
  5 * 60_000,
  async () => {
    const now = new Date();
    await materialiseSeries(handle.db, now, config.departement.code);
    const passed = await expireOffers(handle.db, now, { secret: sessionSecret, publicUrl: config.publicUrl, brandName: config.brand.name });
    if (passed > 0) log.info({ passed }, "workshop offers passed on");
    worker?.nudge();
  },
  (err) => log.error({ err }, "workshop upkeep failed"),
);

// Precomputed openings of places: the horizon moves with the Paris day.
const stopPlaceOpenings = every(
  3_600_000,
  async () => {
    const report = await runPlaceOpeningsUpkeep(handle.db, new Date(), config.departement.code);
    if (report) log.info(report, "place openings extended");
  },
  (err) => log.error({ err }, "place openings upkeep failed"),
);

const app = await buildApp({
  config,
  db: handle.db,
  dbKind: handle.kind,
  sessionSecret,
  demo,
  mailTransport: mail.kind,
  nudgeOutbox: worker?.nudge,
  logger: log,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  await app.close();
  stopHousekeeping();
  stopRetention();
  stopReferralUpkeep();
  stopJoinRequestReminders();
  stopWorkshopUpkeep();
  stopPlaceOpenings();
  await worker?.stop();
  mail.close();
  await handle.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ port: config.port, host: config.host });
// The first filtered statistics read would load every report: done now, without holding up requests.
const statsMemory = statsMemoryOf(handle.db);
if (statsMemory !== undefined) {
  const warmUpStarted = Date.now();
  statsMemory.warmUp(handle.db).then(
    () => log.info({ ...statsMemory.size(), ms: Date.now() - warmUpStarted }, "statistics memory copy loaded"),
    (err) => log.error({ err }, "statistics memory copy: warm-up failed (loaded at the first filtered read)"),
  );
}
log.info(
  { url: config.publicUrl, database: handle.kind, demo, worker: config.worker, startupMs: Date.now() - startedAt },
  `${config.brand.name} is ready at ${config.publicUrl}`,
);
