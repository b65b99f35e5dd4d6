import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { drainOutbox } from "../../jobs/outbox-worker.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { retryDelayMs } from "../outbox/outbox.ts";
import { appointmentUid } from "./appointment-ics.ts";
import { icsValue, mimePart, type NotificationBench, startNotificationBench } from "./notifications.test-support.ts";

const HOUR = 3_600_000;

describe("SMS delivery and calendar attachments", () => {
  let bench: NotificationBench;
  before(async () => {
    bench = await startNotificationBench();
  });
  after(() => bench.close());
  beforeEach(() => bench.reset());

  const drain = (at: Date) => drainOutbox(bench.handle.db, bench.transports(), () => at);
  const row = (like: string) =>
    bench.handle.db.selectFrom("outbox").selectAll().where("idempotency_key", "like", like).executeTakeFirstOrThrow();

  test("no SMS leaves between 20:00 and 08:00: a booking at 21:30 is confirmed by SMS at 08:00", async () => {
    const bookedAt = new Date("2030-03-04T20:30:00Z"); // Monday 21:30 in Paris
    await bench.book(new Date("2030-03-08T09:00:00Z"), { phone: "0612345678", email: "marie@example.fr" }, bookedAt);
    await drain(bookedAt);
    assert.equal(bench.sms.requests.length, 0);
    assert.equal(bench.smtp.messages.length, 2, "e-mails are not held back");
    await drain(new Date("2030-03-05T06:59:00Z"));
    assert.equal(bench.sms.requests.length, 0);
    await drain(new Date("2030-03-05T07:00:00Z")); // Tuesday 08:00 in Paris
    assert.equal(bench.sms.messages.length, 1);
  });

  test("a reminder due at 21:00 waits until 08:00", async () => {
    // Thursday 7 March 21:00 in Paris: the 48 h reminder would be Tuesday 21:00.
    await bench.book(new Date("2030-03-07T20:00:00Z"), { phone: "0612345678" }, new Date("2030-03-01T09:00:00Z"));
    const reminder = await row("%:reminder-48h-sms:%");
    assert.equal(reminder.not_before.toISOString(), "2030-03-06T07:00:00.000Z");
  });

  test("an SMS that falls due at night anyway is held by the worker until 08:00, without counting an attempt", async () => {
    const nine = new Date("2030-06-10T19:00:00Z"); // 21:00 in Paris (summer time)
    await enqueueMessage(bench.handle.db, { idempotencyKey: "late", channel: "sms", recipient: "+33612345678", text: "Rappel", notBefore: nine });
    await drain(nine);
    assert.equal(bench.sms.requests.length, 0);
    const held = await row("late");
    assert.equal(held.status, "pending");
    assert.equal(held.attempts, 0);
    assert.equal(held.not_before.toISOString(), "2030-06-11T06:00:00.000Z");
    await drain(held.not_before);
    assert.equal(bench.sms.messages.length, 1);
    assert.equal((await row("late")).status, "sent");
    assert.equal((await row("late")).provider_id, "sms-1");
  });

  test("a provider error (500) is retried with growing delays until it is sent", async () => {
    const noon = new Date("2030-06-10T10:00:00Z");
    await enqueueMessage(bench.handle.db, { idempotencyKey: "retry", channel: "sms", recipient: "06 12 34 56 78", text: "Bonjour", notBefore: noon });
    bench.sms.mode = "error500";
    await drain(noon);
    let message = await row("retry");
    assert.equal(message.status, "pending");
    assert.equal(message.not_before.getTime(), noon.getTime() + retryDelayMs(1));
    assert.match(message.last_error ?? "", /500/);
    const second = message.not_before;
    await drain(second);
    message = await row("retry");
    assert.equal(message.attempts, 2);
    assert.equal(message.not_before.getTime(), second.getTime() + retryDelayMs(2));
    bench.sms.mode = "ok";
    await drain(message.not_before);
    message = await row("retry");
    assert.equal(message.status, "sent");
    assert.equal(bench.sms.requests.length, 3);
    assert.equal(bench.sms.messages.length, 1);
  });

  test("a refusal (400) is a permanent failure: no more attempts", async () => {
    const noon = new Date("2030-06-10T10:00:00Z");
    await enqueueMessage(bench.handle.db, { idempotencyKey: "refused", channel: "sms", recipient: "+33612345678", text: "Bonjour", notBefore: noon });
    bench.sms.mode = "error400";
    await drain(noon);
    await drain(new Date(noon.getTime() + 2 * HOUR));
    const message = await row("refused");
    assert.equal(message.status, "failed");
    assert.equal(bench.sms.requests.length, 1);
  });

  test("e-mails carry an .ics with the appointment's UID and times, REQUEST when booked and CANCEL when cancelled", async () => {
    const bookedAt = new Date("2030-03-04T09:00:00Z");
    const a = await bench.book(new Date("2030-03-07T13:00:00Z"), { email: "marie@example.fr" }, bookedAt);
    await drain(bookedAt);
    await bench.notify("cancelled", a, new Date(bookedAt.getTime() + HOUR));
    await drain(new Date(bookedAt.getTime() + HOUR));
    const toMarie = bench.smtp.messages.filter((m) => m.to.includes("marie@example.fr"));
    assert.equal(toMarie.length, 2);
    const [booked, cancelled] = toMarie.map((m) => mimePart(m.raw, "text/calendar"));
    assert.ok(booked && cancelled, "both e-mails have a calendar part");
    assert.equal(icsValue(booked, "METHOD"), "REQUEST");
    assert.equal(icsValue(cancelled, "METHOD"), "CANCEL");
    for (const ics of [booked, cancelled]) {
      assert.equal(icsValue(ics, "UID"), appointmentUid(a.id, "http://localhost:3000"));
      assert.equal(icsValue(ics, "DTSTART"), "20300307T130000Z");
      assert.equal(icsValue(ics, "DTEND"), "20300307T140000Z");
    }
    assert.equal(icsValue(cancelled, "STATUS"), "CANCELLED");
    assert.ok(Number(icsValue(cancelled, "SEQUENCE")) > Number(icsValue(booked, "SEQUENCE")));
  });
});
