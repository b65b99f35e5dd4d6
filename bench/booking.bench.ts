// Booking benchmark: (a) slot computation for one place over 3 months with 10 advisors (pure computeSlots
// on synthetic data); (b) booking throughput under contention on PostgreSQL, the exclusion constraint
// refusing overlaps (23P01), with a final SQL check that no two active appointments overlap; (c) outbox
// throughput into a local SMTP server with one worker, then two workers in parallel (each message once).
// Figures are printed and written to bench/results/; nothing is asserted.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, openPostgres } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrator.ts";
import type { Db } from "../src/db/schema.ts";
import { type AdvisorAbsence, type AdvisorPermanence, computeSlots, type ExistingAppointment } from "../src/features/booking/slots.ts";
import { addDays, parisToInstant, toParis } from "../src/features/calendar/paris-time.ts";
import { hashString, mulberry32 } from "../src/features/demo/demo.data.ts";
import { createSmtpTransport } from "../src/features/outbox/mail-transport.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { startTestSmtpServer } from "../test/support/smtp.ts";
import { errorMessage, machineFacts, round, table } from "./lib/format.ts";
import type { Suite, SuiteContext } from "./lib/suite.ts";

const BENCH_DATABASE = "declic_bench_booking";
const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const ADVISORS = 10;
const SLOT_RUNS = 50;
const CLIENTS = 20;
const CONTENTION_MS = 5_000;
const MESSAGES = 2_000;
const DEFAULT_SAMPLE = 200;

const say = (line: string) => console.log(line);

async function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms / 1000} s`)), ms);
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

// ---------------------------------------------------------------------------------------------
// (a) slot computation

interface SlotFigures {
  permanences: number;
  absences: number;
  appointments: number;
  slots: number;
  p50Ms: number;
  p95Ms: number;
}

function measureSlots(): SlotFigures {
  const rng = mulberry32(hashString("bench:booking:slots"));
  const now = new Date();
  const today = toParis(now).date;
  const to = addDays(today, 91);
  const permanences: AdvisorPermanence[] = [];
  const absences: AdvisorAbsence[] = [];
  for (let a = 0; a < ADVISORS; a++) {
    const advisorId = `advisor-${a}`;
    const days = [1, 2, 3, 4, 5].sort(() => rng() - 0.5);
    for (const day of days.slice(0, 3)) {
      const morning = rng() < 0.5;
      permanences.push({
        advisorId,
        placeId: "place-1",
        mode: rng() < 0.7 ? "appointment" : "both",
        weekdays: [day],
        startTime: morning ? "09:00" : "14:00",
        endTime: morning ? "12:00" : "17:00",
        everyWeeks: 1,
        validFrom: addDays(today, -60),
        validTo: null,
        cancelledDates: [],
      });
    }
    // 20 absences: the weekly training day and a week of leave for each advisor.
    absences.push({ advisorId, type: "weekly", kind: "training", weekdays: [days[3] as number], startTime: null, endTime: null, validFrom: addDays(today, -60), validTo: null });
    const leave = addDays(today, 7 * (1 + Math.floor(rng() * 11)));
    absences.push({ advisorId, type: "once", kind: "leave", start: parisToInstant(leave, "00:00"), end: parisToInstant(addDays(leave, 5), "00:00") });
  }
  const kind = { id: "kind-1", durationMinutes: 45, earliestMinutes: 30, latestMonths: 3 };
  const input = { permanences, absences, kind, now, from: today, to, departement: "47" };
  const free = computeSlots(input);
  const appointments: ExistingAppointment[] = free
    .map((s) => ({ s, r: rng() }))
    .sort((x, y) => x.r - y.r)
    .slice(0, 200)
    .map(({ s }) => ({ advisorId: s.advisorId, start: s.start, end: s.end, status: "planned" }));
  let slots = 0;
  for (let i = 0; i < 5; i++) computeSlots({ ...input, appointments });
  const times: number[] = [];
  for (let i = 0; i < SLOT_RUNS; i++) {
    const started = performance.now();
    slots = computeSlots({ ...input, appointments }).length;
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return { permanences: permanences.length, absences: absences.length, appointments: appointments.length, slots, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}

// ---------------------------------------------------------------------------------------------
// (b) booking under contention

interface ContentionFigures {
  clients: number;
  seconds: number;
  attempts: number;
  booked: number;
  refused: number;
  otherErrors: number;
  bookingsPerSecond: number;
  attemptsPerSecond: number;
  overlaps: number;
  oneSlotRace: { attempts: number; booked: number; refused: number };
}

async function seedAdvisors(db: Db): Promise<{ advisors: string[]; kindId: string }> {
  const structure = await db
    .insertInto("structures")
    .values({ slug: "bench", name: "Structure de banc d'essai", kind: "association" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const advisors = await db
    .insertInto("advisors")
    .values(Array.from({ length: ADVISORS }, (_, i) => ({ structure_id: structure.id, first_name: `Conseiller ${i}`, last_name: "Banc" })))
    .returning("id")
    .execute();
  const kind = await db
    .insertInto("appointment_kinds")
    .values({ structure_id: structure.id, name: "Aide aux démarches en ligne", duration_minutes: 60, location: "place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { advisors: advisors.map((a) => a.id), kindId: kind.id };
}

type Outcome = "booked" | "refused" | "error";

async function book(db: Db, advisorId: string, kindId: string, start: Date): Promise<Outcome> {
  try {
    await db
      .insertInto("appointments")
      .values({
        advisor_id: advisorId,
        kind_id: kindId,
        starts_at: start,
        ends_at: new Date(start.getTime() + 3_600_000),
        first_name: "Camille",
        last_name: "B.",
        phone: "06 12 34 56 00",
        consent_at: new Date(),
        booked_via: "api",
      })
      .execute();
    return "booked";
  } catch (error) {
    return (error as { code?: unknown }).code === "23P01" ? "refused" : "error";
  }
}

async function measureContention(db: Db): Promise<ContentionFigures> {
  const { advisors, kindId } = await seedAdvisors(db);
  // Starts on a 15-minute grid, 8:00–18:00, over a year; appointments last an hour, so neighbours overlap.
  const base = parisToInstant(addDays(toParis(new Date()).date, 1), "08:00").getTime();
  const counts = { attempts: 0, booked: 0, refused: 0, error: 0 };
  const deadline = performance.now() + CONTENTION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const rng = mulberry32(hashString(`bench:booking:client:${client}`));
      while (performance.now() < deadline) {
        const start = new Date(base + Math.floor(rng() * 365) * 86_400_000 + Math.floor(rng() * 37) * 15 * 60_000);
        const outcome = await book(db, advisors[Math.floor(rng() * advisors.length)] as string, kindId, start);
        counts.attempts++;
        if (outcome === "booked") counts.booked++;
        else if (outcome === "refused") counts.refused++;
        else counts.error++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // 50 attempts at one slot at once: exactly one should get it.
  const hot = new Date(base - 86_400_000 + 2 * 3_600_000);
  const race = await Promise.all(Array.from({ length: 50 }, () => book(db, advisors[0] as string, kindId, hot)));
  const overlaps = await sql<{ n: number }>`
    select count(*)::int as n from appointments a join appointments b
      on a.advisor_id = b.advisor_id and a.id < b.id
     and a.status <> 'cancelled' and b.status <> 'cancelled'
     and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`.execute(db);
  return {
    clients: CLIENTS,
    seconds,
    attempts: counts.attempts,
    booked: counts.booked,
    refused: counts.refused,
    otherErrors: counts.error,
    bookingsPerSecond: counts.booked / seconds,
    attemptsPerSecond: counts.attempts / seconds,
    overlaps: overlaps.rows[0]?.n ?? -1,
    oneSlotRace: { attempts: race.length, booked: race.filter((o) => o === "booked").length, refused: race.filter((o) => o === "refused").length },
  };
}

// ---------------------------------------------------------------------------------------------
// (c) outbox into SMTP

interface OutboxFigures {
  /** "pooled": nodemailer keeps connections open (`?pool=true` in SMTP_URL); "default": one connection per message. */
  connection: "default" | "pooled";
  workers: number;
  messages: number;
  seconds: number;
  perSecond: number;
  received: number;
  distinctReceived: number;
  sentInDb: number;
  maxAttempts: number;
}

async function enqueue(db: Db, prefix: string, count: number): Promise<void> {
  const now = new Date(Date.now() - 1000);
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
      idempotency_key: `${prefix}:${i + k}`,
      channel: "email" as const,
      recipient: `personne${i + k}@example.org`,
      subject: "Votre rendez-vous est confirmé",
      body_text: `Bonjour,\n\nVotre rendez-vous est confirmé (message ${i + k}).`,
      not_before: now,
      created_at: now,
    }));
    await db.insertInto("outbox").values(rows).execute();
  }
}

async function measureOutbox(handles: DatabaseHandle[], prefix: string, count: number, connection: OutboxFigures["connection"]): Promise<OutboxFigures> {
  const [first] = handles as [DatabaseHandle];
  await enqueue(first.db, prefix, count);
  const smtp = await startTestSmtpServer();
  const url = connection === "pooled" ? `${smtp.url}?pool=true` : smtp.url;
  const transports = handles.map(() => createSmtpTransport(url, "déClic47 <ne-pas-repondre@bench.example>"));
  try {
    const started = performance.now();
    await Promise.all(handles.map((h, i) => drainOutbox(h.db, { email: transports[i] as ReturnType<typeof createSmtpTransport> }, () => new Date())));
    const seconds = (performance.now() - started) / 1000;
    const keys = smtp.messages.map((m) => /X-Declic-Message: (\S+)/i.exec(m.raw)?.[1] ?? "");
    const db = await first.db
      .selectFrom("outbox")
      .select([sql<number>`count(*) filter (where status = 'sent')::int`.as("sent"), sql<number>`max(attempts)::int`.as("attempts")])
      .where("idempotency_key", "like", `${prefix}:%`)
      .executeTakeFirstOrThrow();
    return {
      connection,
      workers: handles.length,
      messages: count,
      seconds,
      perSecond: count / seconds,
      received: smtp.messages.length,
      distinctReceived: new Set(keys.filter((k) => k.startsWith(prefix))).size,
      sentInDb: db.sent,
      maxAttempts: db.attempts,
    };
  } finally {
    for (const t of transports) t.close();
    await smtp.close();
  }
}

// ---------------------------------------------------------------------------------------------

interface BookingReport {
  suite: "booking";
  date: string;
  machine: ReturnType<typeof machineFacts>;
  slots: SlotFigures;
  contention: ContentionFigures | null;
  outbox: OutboxFigures[];
  problems: string[];
}

async function onPostgres(report: BookingReport): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim() || DEFAULT_ADMIN_URL;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  try {
    await admin(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${BENCH_DATABASE}`);
  } catch (error) {
    report.problems.push(`PostgreSQL skipped: ${errorMessage(error)}`);
    return;
  }
  const main = openPostgres(url.toString(), CLIENTS);
  const second = openPostgres(url.toString(), 2);
  try {
    await bounded("migrations", 60_000, migrateToLatest(main.db));
    report.contention = await bounded("contention", 60_000, measureContention(main.db));
    // The default transport opens one SMTP connection per message: a small sample is enough for its rate.
    report.outbox.push(await bounded("outbox, default transport", 120_000, measureOutbox([main], "bench:default", DEFAULT_SAMPLE, "default")));
    report.outbox.push(await bounded("outbox, one worker", 180_000, measureOutbox([main], "bench:one", MESSAGES, "pooled")));
    report.outbox.push(await bounded("outbox, two workers", 180_000, measureOutbox([main, second], "bench:two", MESSAGES, "pooled")));
  } catch (error) {
    report.problems.push(errorMessage(error));
  } finally {
    await main.close();
    await second.close();
    await admin(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`).catch((error: unknown) => report.problems.push(`could not drop ${BENCH_DATABASE}: ${errorMessage(error)}`));
  }
}

function printReport(r: BookingReport): void {
  const s = r.slots;
  say("");
  say(
    table(
      ["measure", "result"],
      [
        [`(a) computeSlots, 1 place, 3 months, ${ADVISORS} advisors (${s.permanences} permanences, ${s.absences} absences, ${s.appointments} appointments)`, `p50 ${round(s.p50Ms, 2)} ms, p95 ${round(s.p95Ms, 2)} ms over ${SLOT_RUNS} runs; ${s.slots} slots`],
        ...(r.contention
          ? [
              [`(b) PostgreSQL, ${r.contention.clients} clients, ${round(r.contention.seconds, 1)} s, random overlapping 1-h slots of ${ADVISORS} advisors`, `${r.contention.booked} booked, ${r.contention.refused} refused (23P01), ${r.contention.otherErrors} other errors`],
              ["(b) throughput", `${round(r.contention.bookingsPerSecond)} bookings/s, ${round(r.contention.attemptsPerSecond)} attempts/s`],
              ["(b) overlapping active appointments at the end (SQL check)", String(r.contention.overlaps)],
              ["(b) 50 simultaneous attempts at one slot", `${r.contention.oneSlotRace.booked} booked, ${r.contention.oneSlotRace.refused} refused`],
            ]
          : []),
        ...r.outbox.map((o) => [
          `(c) outbox → local SMTP, ${o.messages} e-mails, ${o.workers} worker${o.workers > 1 ? "s" : ""}, ${o.connection === "pooled" ? "pooled connections (?pool=true)" : "default transport (a connection per message)"}`,
          `${round(o.perSecond)} messages/s (${round(o.seconds, 1)} s); received ${o.received}, distinct ${o.distinctReceived}, sent in DB ${o.sentInDb}, max attempts ${o.maxAttempts}`,
        ]),
      ],
    ),
  );
  for (const p of r.problems) say(`problem: ${p}`);
  const m = r.machine;
  say(`\nMachine: Node ${m.node}, ${m.cpuCount} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM; load average ${m.loadAverageAtStart} at start.`);
}

export async function runBooking(context: SuiteContext): Promise<string> {
  say("## booking: slot computation, booking under contention (PostgreSQL), outbox into SMTP");
  const report: BookingReport = { suite: "booking", date: new Date().toISOString(), machine: machineFacts(), slots: measureSlots(), contention: null, outbox: [], problems: [] };
  say(`slots: p50 ${round(report.slots.p50Ms, 2)} ms, p95 ${round(report.slots.p95Ms, 2)} ms`);
  await onPostgres(report);
  printReport(report);
  mkdirSync(context.resultsDir, { recursive: true });
  const file = join(context.resultsDir, `booking-${report.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`\nJSON: ${file}`);
  return file;
}

export const bookingSuite: Suite = {
  name: "booking",
  description: "computeSlots p50/p95 (10 advisors, 3 months); bookings/s and 23P01 refusals under contention; outbox e-mails/s into SMTP",
  run: (context) => runBooking(context),
};
