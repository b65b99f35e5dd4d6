import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { openTestDatabase } from "../../test/support/db.ts";
import type { DatabaseHandle } from "../db/database.ts";
import { cancelPendingMessages, recordClaimedDelivery } from "../features/notifications/notifications.repository.ts";
import type { MailTransport } from "../features/outbox/mail-transport.ts";
import { claimDueMessages, enqueueMessage } from "../features/outbox/outbox.repository.ts";
import type { OutboxRow } from "../features/outbox/outbox.table.ts";
import { type DeliveryOutcome, MAX_ATTEMPTS, retryDelayMs } from "../features/outbox/outbox.ts";
import { drainOutbox, LEASE_MS } from "./outbox-worker.ts";

function recordingTransport(outcome: (m: OutboxRow) => DeliveryOutcome = () => ({ kind: "sent", providerId: "x" })) {
  const delivered: string[] = [];
  const transport: MailTransport = {
    kind: "smtp",
    async deliver(message) {
      await new Promise((r) => setTimeout(r, 1));
      const result = outcome(message);
      if (result.kind !== "failed") delivered.push(message.idempotency_key);
      return result;
    },
    close() {},
  };
  return { transport, delivered };
}

const T0 = new Date("2026-03-01T10:00:00Z");

describe("outbox delivery", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("bare");
  });
  after(() => handle.close());
  beforeEach(async () => {
    await handle.db.deleteFrom("outbox").execute();
  });

  async function enqueue(n: number, at = T0) {
    for (let i = 0; i < n; i++) {
      await enqueueMessage(handle.db, { idempotencyKey: `m-${i}`, channel: "email", recipient: `p${i}@example.fr`, subject: "s", text: "t", notBefore: at });
    }
  }

  test("a message enqueued twice with the same key is kept once", async () => {
    await enqueue(1);
    await enqueue(1);
    const rows = await handle.db.selectFrom("outbox").selectAll().execute();
    assert.equal(rows.length, 1);
  });

  test("two workers draining at the same time deliver each message exactly once", async () => {
    await enqueue(45);
    const a = recordingTransport();
    const b = recordingTransport();
    await Promise.all([drainOutbox(handle.db, { email: a.transport }, () => T0), drainOutbox(handle.db, { email: b.transport }, () => T0)]);
    const all = [...a.delivered, ...b.delivered].sort();
    assert.equal(all.length, 45);
    assert.equal(new Set(all).size, 45);
    const pending = await handle.db.selectFrom("outbox").select("id").where("status", "=", "pending").execute();
    assert.equal(pending.length, 0);
  });

  test("a message is not sent before its time", async () => {
    await enqueue(1, new Date(T0.getTime() + 3_600_000));
    const t = recordingTransport();
    await drainOutbox(handle.db, { email: t.transport }, () => T0);
    assert.equal(t.delivered.length, 0);
    await drainOutbox(handle.db, { email: t.transport }, () => new Date(T0.getTime() + 3_600_000));
    assert.equal(t.delivered.length, 1);
  });

  test("a temporary failure is retried later with growing delays, then succeeds", async () => {
    await enqueue(1);
    let calls = 0;
    const t = recordingTransport(() => (++calls < 3 ? { kind: "failed", error: "421 try later", permanent: false } : { kind: "sent", providerId: "ok" }));
    let now = T0;
    await drainOutbox(handle.db, { email: t.transport }, () => now);
    let row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, "pending");
    assert.equal(row.attempts, 1);
    assert.equal(row.not_before.getTime(), T0.getTime() + retryDelayMs(1));
    assert.equal(row.last_error, "421 try later");
    await drainOutbox(handle.db, { email: t.transport }, () => now);
    assert.equal(calls, 1, "not retried before its time");
    now = row.not_before;
    await drainOutbox(handle.db, { email: t.transport }, () => now);
    row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.not_before.getTime(), now.getTime() + retryDelayMs(2));
    now = row.not_before;
    await drainOutbox(handle.db, { email: t.transport }, () => now);
    row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, "sent");
    assert.equal(row.attempts, 3);
    assert.equal(row.provider_id, "ok");
  });

  test("a permanent refusal stops the retries", async () => {
    await enqueue(1);
    const t = recordingTransport(() => ({ kind: "failed", error: "550 no such user", permanent: true }));
    await drainOutbox(handle.db, { email: t.transport }, () => T0);
    const row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, "failed");
  });

  test("after the last attempt a message is marked failed", async () => {
    await enqueue(1);
    await handle.db.updateTable("outbox").set({ attempts: MAX_ATTEMPTS - 1 }).execute();
    const t = recordingTransport(() => ({ kind: "failed", error: "timeout", permanent: false }));
    await drainOutbox(handle.db, { email: t.transport }, () => T0);
    const row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, "failed");
    assert.equal(row.attempts, MAX_ATTEMPTS);
  });

  test("messages claimed by a worker that died are delivered by another once the lease ends", async () => {
    await enqueue(3);
    const claimed = await claimDueMessages(handle.db, T0, 10, 5 * 60_000);
    assert.equal(claimed.length, 3);
    const t = recordingTransport();
    await drainOutbox(handle.db, { email: t.transport }, () => new Date(T0.getTime() + 60_000));
    assert.equal(t.delivered.length, 0, "still leased to the first worker");
    await drainOutbox(handle.db, { email: t.transport }, () => new Date(T0.getTime() + 5 * 60_000));
    assert.equal(t.delivered.length, 3);
  });

  test("text messages go through the SMS transport, e-mails through the mail transport", async () => {
    await enqueue(1);
    await enqueueMessage(handle.db, { idempotencyKey: "sms-1", channel: "sms", recipient: "+33612345678", text: "t", notBefore: T0 });
    const mail = recordingTransport();
    const sms = recordingTransport();
    await drainOutbox(handle.db, { email: mail.transport, sms: sms.transport }, () => T0);
    assert.deepEqual(mail.delivered, ["m-0"]);
    assert.deepEqual(sms.delivered, ["sms-1"]);
  });

  test("a message cancelled while a worker holds it is not brought back by a failed delivery", async () => {
    await enqueue(1);
    const t = recordingTransport(() => ({ kind: "failed", error: "timeout", permanent: false }));
    const draining = drainOutbox(handle.db, { email: t.transport }, () => T0);
    await cancelPendingMessages(handle.db, "m-");
    await draining;
    const row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, "cancelled");
  });

  test("a worker whose lease ran out cannot overwrite the outcome of the worker that took over", async () => {
    await enqueue(1);
    const [stale] = await claimDueMessages(handle.db, T0, 10, LEASE_MS);
    const t = recordingTransport();
    await drainOutbox(handle.db, { email: t.transport }, () => new Date(T0.getTime() + LEASE_MS));
    assert.equal(t.delivered.length, 1);
    // The first worker wakes up and reports a failure for its old claim: ignored.
    await recordClaimedDelivery(handle.db, stale!, { status: "pending", notBefore: T0, error: "late" });
    const row = await handle.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    assert.equal(row.status, "sent");
  });

  test("retry delays double and are capped at one hour", () => {
    assert.equal(retryDelayMs(1), 30_000);
    assert.equal(retryDelayMs(2), 60_000);
    assert.equal(retryDelayMs(3), 120_000);
    assert.equal(retryDelayMs(20), 3_600_000);
  });
});
