import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { drainOutbox, LEASE_MS } from "../../jobs/outbox-worker.ts";
import { claimDueMessages } from "../outbox/outbox.repository.ts";
import { type NotificationBench, startNotificationBench } from "./notifications.test-support.ts";

const HOUR = 3_600_000;
// Monday 4 March 2030, 10:00 in Paris; the appointment is on Thursday 7 March at 14:00.
const BOOKED_AT = new Date("2030-03-04T09:00:00Z");
const STARTS_AT = new Date("2030-03-07T13:00:00Z");
const REMINDER_AT = new Date(STARTS_AT.getTime() - 48 * HOUR);

/** The X-Declic-Message header (the outbox idempotency key) of each e-mail received. */
function mailKeys(bench: NotificationBench): string[] {
  return bench.smtp.messages.map((m) => /^X-Declic-Message: (.*)$/im.exec(m.raw.replace(/\r?\n[ \t]+/g, " "))?.[1]?.trim() ?? "");
}

function messageNames(keys: string[]): string[] {
  return keys.map((k) => k.split(":")[2] ?? "").sort();
}

describe("appointment reminders through the outbox", () => {
  let bench: NotificationBench;
  before(async () => {
    bench = await startNotificationBench();
  });
  after(() => bench.close());
  beforeEach(() => bench.reset());

  async function twoWorkers(at: Date): Promise<void> {
    await Promise.all([drainOutbox(bench.handle.db, bench.transports(), () => at), drainOutbox(bench.handle.db, bench.transports(), () => at)]);
  }

  test("an appointment booked 3 days ahead gets exactly one reminder 48 h before, even when a worker dies mid-batch", async () => {
    await bench.book(STARTS_AT, { phone: "06 12 34 56 78", email: "marie@example.fr" }, BOOKED_AT);

    await twoWorkers(BOOKED_AT);
    assert.deepEqual(messageNames(mailKeys(bench)), ["advisor-booked-email", "confirmation-email"]);
    assert.equal(bench.sms.messages.length, 1);
    assert.match(bench.sms.messages[0]!.text, /rendez-vous confirmé jeudi 7 mars à 14 h avec/);

    await twoWorkers(new Date(REMINDER_AT.getTime() - 60_000));
    assert.equal(bench.smtp.messages.length + bench.sms.messages.length, 3, "nothing before the reminder time");

    // Worker A claims the due reminders, then is killed before delivering them.
    const claimedByA = await claimDueMessages(bench.handle.db, REMINDER_AT, 20, LEASE_MS);
    assert.deepEqual(messageNames(claimedByA.map((m) => m.idempotency_key)), ["reminder-48h-email", "reminder-48h-sms"]);
    // Worker B runs during A's lease: the reminders are not its to send.
    await drainOutbox(bench.handle.db, bench.transports(), () => new Date(REMINDER_AT.getTime() + 60_000));
    assert.equal(bench.smtp.messages.length + bench.sms.messages.length, 3);
    // Once the lease has run out, B (and a restarted worker) deliver them, once.
    await twoWorkers(new Date(REMINDER_AT.getTime() + LEASE_MS));
    await twoWorkers(new Date(REMINDER_AT.getTime() + LEASE_MS + 60_000));

    assert.deepEqual(messageNames(mailKeys(bench)), ["advisor-booked-email", "confirmation-email", "reminder-48h-email"]);
    const smsTexts = bench.sms.messages.map((m) => m.text);
    assert.equal(smsTexts.filter((t) => /rappel, rendez-vous jeudi 7 mars à 14 h/.test(t)).length, 1);
    assert.ok(bench.sms.messages.every((m) => m.to === "+33612345678"));

    // The SMS 2 h before, with two workers.
    await twoWorkers(new Date(STARTS_AT.getTime() - 2 * HOUR));
    assert.equal(bench.sms.messages.length, 3);
    assert.match(bench.sms.messages[2]!.text, /rappel, rendez-vous aujourd'hui à 14 h/);
    await twoWorkers(STARTS_AT);
    assert.equal(bench.smtp.messages.length, 3);
    assert.equal(bench.sms.messages.length, 3);
  });

  test("cancelling before the reminder removes it and tells the person and the advisor", async () => {
    const a = await bench.book(STARTS_AT, { phone: "0612345678", email: "marie@example.fr" }, BOOKED_AT);
    await twoWorkers(BOOKED_AT);
    const cancelledAt = new Date(BOOKED_AT.getTime() + 3 * HOUR);
    await bench.handle.db.updateTable("appointments").set({ status: "cancelled", cancelled_at: cancelledAt }).where("id", "=", a.id).execute();
    await bench.notify("cancelled", a, cancelledAt);
    await twoWorkers(cancelledAt);
    for (const at of [REMINDER_AT, new Date(STARTS_AT.getTime() - 2 * HOUR), STARTS_AT]) await twoWorkers(at);

    assert.deepEqual(messageNames(mailKeys(bench)), ["advisor-booked-email", "advisor-cancelled-email", "cancellation-email", "confirmation-email"]);
    assert.equal(bench.sms.messages.length, 2);
    assert.match(bench.sms.messages[1]!.text, /votre rendez-vous du jeudi 7 mars à 14 h avec .* est annulé/);
    const reminders = await bench.handle.db.selectFrom("outbox").select("status").where("idempotency_key", "like", "%:reminder-%").execute();
    assert.equal(reminders.length, 3);
    assert.ok(reminders.every((r) => r.status === "cancelled"));
  });

  test("notifying the same booking twice (a retried transaction) plans each message once", async () => {
    const a = await bench.book(STARTS_AT, { phone: "0612345678", email: "marie@example.fr" }, BOOKED_AT);
    await bench.notify("booked", a, BOOKED_AT);
    const rows = await bench.handle.db.selectFrom("outbox").select("idempotency_key").execute();
    assert.equal(rows.length, 6); // confirmation SMS + e-mail, advisor e-mail, 48 h SMS + e-mail, 2 h SMS
  });

  test("moving an appointment cancels the old reminders, sends a change notice and plans new ones", async () => {
    const a = await bench.book(STARTS_AT, { phone: "0612345678", email: "marie@example.fr" }, BOOKED_AT);
    await twoWorkers(BOOKED_AT);
    const movedAt = new Date(BOOKED_AT.getTime() + HOUR);
    const moved = { ...a, startsAt: new Date(STARTS_AT.getTime() + 24 * HOUR), endsAt: new Date(STARTS_AT.getTime() + 25 * HOUR) };
    await bench.notify("moved", moved, movedAt);
    await twoWorkers(movedAt);
    assert.match(bench.sms.messages.at(-1)!.text, /déplacé au vendredi 8 mars à 14 h/);
    await twoWorkers(REMINDER_AT);
    assert.equal(bench.sms.messages.length, 2, "no reminder for the old time");
    await twoWorkers(new Date(REMINDER_AT.getTime() + 24 * HOUR));
    assert.match(bench.sms.messages.at(-1)!.text, /rappel, rendez-vous vendredi 8 mars à 14 h/);
    assert.equal(messageNames(mailKeys(bench)).filter((n) => n === "reminder-48h-email").length, 1);
  });

  test("booked less than 48 h ahead: no 48 h reminder, but the SMS 2 h before when SMS are enabled", async () => {
    const tomorrow = new Date(BOOKED_AT.getTime() + 28 * HOUR);
    await bench.book(tomorrow, { phone: "0612345678", email: "marie@example.fr" }, BOOKED_AT);
    const keys = (await bench.handle.db.selectFrom("outbox").select("idempotency_key").execute()).map((r) => r.idempotency_key);
    assert.deepEqual(messageNames(keys), ["advisor-booked-email", "confirmation-email", "confirmation-sms", "reminder-2h-sms"]);
    await bench.reset();
    await bench.book(tomorrow, { email: "marie@example.fr" }, BOOKED_AT, false);
    const noSms = (await bench.handle.db.selectFrom("outbox").select("idempotency_key").execute()).map((r) => r.idempotency_key);
    assert.deepEqual(messageNames(noSms), ["advisor-booked-email", "confirmation-email"]);
  });
});
