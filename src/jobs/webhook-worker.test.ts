import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { openTestDatabase } from "../../test/support/db.ts";
import { signedWith, startWebhookReceiver, type WebhookReceiver } from "../../test/support/webhook-receiver.ts";
import type { DatabaseHandle } from "../db/database.ts";
import { publishEvent } from "../features/webhooks/publish.ts";
import { insertEndpoint, rotateEndpointSecret } from "../features/webhooks/webhooks.repository.ts";
import { newWebhookSecret } from "../features/webhooks/webhooks.ts";
import { runRetention } from "./retention.ts";
import { drainWebhooks } from "./webhook-worker.ts";

const T0 = new Date("2026-12-06T10:00:00Z");
// Generous: the first fetch of a process loads its HTTP client, slow on a loaded machine.
const SETTINGS = { timeoutMs: 15_000, maxAttempts: 3, allowLocalHttp: true };
const APPOINTMENT = {
  appointment_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  advisor_id: "16fd2706-8baf-433b-82eb-8c7fada847da",
  place_id: null,
  starts_at: "2026-12-08T09:00:00.000Z",
  ends_at: "2026-12-08T09:30:00.000Z",
  status: "planned",
};

describe("webhook delivery", () => {
  let handle: DatabaseHandle;
  let receiver: WebhookReceiver;
  const clock = { now: T0 };
  const now = () => clock.now;

  before(async () => {
    handle = await openTestDatabase("bare");
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await receiver.close();
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.deleteFrom("webhook_endpoints").execute();
    receiver.received.length = 0;
    receiver.hang(false);
    clock.now = T0;
  });

  async function subscriber(events: string[], path = "/hooks") {
    const secret = newWebhookSecret();
    const row = await insertEndpoint(handle.db, { name: "Partenaire", url: receiver.url(path), events, secret, createdByUserId: null, now: T0 });
    return { id: row.id, secret };
  }

  async function deliveries() {
    return handle.db.selectFrom("webhook_deliveries").selectAll().orderBy("id").execute();
  }

  test("a published event reaches its subscribers signed in the Standard Webhooks format", async () => {
    const a = await subscriber(["appointment.created"], "/a");
    await subscriber(["appointment.cancelled"], "/b");
    const id = await handle.db.transaction().execute((trx) => publishEvent(trx, "appointment.created", APPOINTMENT, T0));
    const result = await drainWebhooks(handle.db, SETTINGS, now);
    assert.deepEqual({ ...result, error: (await deliveries())[0]?.last_error }, { claimed: 1, delivered: 1, error: null });
    assert.equal(receiver.received.length, 1, "only the subscriber of this type");
    const [hit] = receiver.received;
    assert.equal(hit!.path, "/a");
    assert.equal(hit!.headers["webhook-id"], id);
    assert.equal(hit!.headers["webhook-timestamp"], String(T0.getTime() / 1000));
    assert.equal(hit!.headers["content-type"], "application/json");
    assert.ok(signedWith(a.secret, hit!.headers, hit!.body), "the signature verifies with the subscriber's secret");
    assert.ok(!signedWith(newWebhookSecret(), hit!.headers, hit!.body), "and not with another secret");
    assert.deepEqual(JSON.parse(hit!.body), { type: "appointment.created", timestamp: T0.toISOString(), data: APPOINTMENT });
    const [row] = await deliveries();
    assert.equal(row!.status, "delivered");
    assert.equal(row!.last_status_code, 200);
  });

  test("an event published in a transaction that rolls back is never delivered", async () => {
    await subscriber(["appointment.created"]);
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await publishEvent(trx, "appointment.created", APPOINTMENT, T0);
        throw new Error("the booking failed");
      }),
    );
    assert.equal((await deliveries()).length, 0);
  });

  test("after a 500 the delivery is retried later with the same id, then succeeds", async () => {
    const s = await subscriber(["appointment.created"]);
    await publishEvent(handle.db, "appointment.created", APPOINTMENT, T0);
    receiver.answer(500);
    await drainWebhooks(handle.db, SETTINGS, now);
    let [row] = await deliveries();
    assert.equal(row!.status, "pending");
    assert.equal(row!.last_status_code, 500);
    assert.equal(row!.not_before.getTime(), T0.getTime() + 10_000, "retried after 10 s");

    clock.now = new Date(T0.getTime() + 5_000);
    await drainWebhooks(handle.db, SETTINGS, now);
    assert.equal(receiver.received.length, 1, "not before its retry time");

    clock.now = new Date(T0.getTime() + 10_000);
    await drainWebhooks(handle.db, SETTINGS, now);
    [row] = await deliveries();
    assert.equal(row!.status, "delivered");
    assert.equal(row!.attempts, 2);
    assert.equal(receiver.received.length, 2);
    assert.equal(receiver.received[0]!.headers["webhook-id"], receiver.received[1]!.headers["webhook-id"]);
    assert.equal(receiver.received[1]!.headers["webhook-timestamp"], String((T0.getTime() + 10_000) / 1000), "each attempt signs its own time");
    assert.ok(signedWith(s.secret, receiver.received[1]!.headers, receiver.received[1]!.body));
  });

  test("a subscriber that never answers well is given up after the last attempt", async () => {
    await subscriber(["appointment.created"]);
    await publishEvent(handle.db, "appointment.created", APPOINTMENT, T0);
    receiver.answer(503, 410);
    await drainWebhooks(handle.db, SETTINGS, now);
    clock.now = new Date(T0.getTime() + 10_000);
    await drainWebhooks(handle.db, SETTINGS, now);
    receiver.hang(true);
    clock.now = new Date(T0.getTime() + 30_000);
    await drainWebhooks(handle.db, { ...SETTINGS, timeoutMs: 300 }, now);
    const [row] = await deliveries();
    assert.equal(row!.status, "failed");
    assert.equal(row!.attempts, 3);
    assert.equal(row!.last_status_code, null);
    assert.match(row!.last_error ?? "", /pas de réponse en 300 ms/);
    clock.now = new Date(T0.getTime() + 3_600_000);
    assert.deepEqual(await drainWebhooks(handle.db, SETTINGS, now), { claimed: 0, delivered: 0 });
  });

  test("in production settings an internal address is never contacted, also behind a name, and the log says why", async () => {
    const secret = newWebhookSecret();
    const byName = receiver.url("/by-name").replace("127.0.0.1", "localhost");
    await insertEndpoint(handle.db, { name: "Nom interne", url: byName, events: ["appointment.created"], secret, createdByUserId: null, now: T0 });
    await insertEndpoint(handle.db, { name: "Adresse interne", url: receiver.url("/literal"), events: ["appointment.created"], secret, createdByUserId: null, now: T0 });
    await publishEvent(handle.db, "appointment.created", APPOINTMENT, T0);
    const result = await drainWebhooks(handle.db, { ...SETTINGS, allowLocalHttp: false }, now);
    assert.deepEqual(result, { claimed: 2, delivered: 0 });
    assert.equal(receiver.received.length, 0);
    for (const row of await deliveries()) {
      assert.equal(row.status, "pending", "retried later, as any network error");
      assert.match(row.last_error ?? "", /adresse interne refusée/);
    }
  });

  test("two workers draining at once deliver each event once to each subscriber", async () => {
    await subscriber(["workshop_registration.created"], "/a");
    await subscriber(["workshop_registration.created"], "/b");
    for (let i = 0; i < 30; i++) {
      await publishEvent(
        handle.db,
        "workshop_registration.created",
        { registration_id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, workshop_id: "00000000-0000-4000-8000-000000000001", status: "registered" },
        T0,
      );
    }
    const [one, two] = await Promise.all([drainWebhooks(handle.db, SETTINGS, now), drainWebhooks(handle.db, SETTINGS, now)]);
    assert.equal(one!.delivered + two!.delivered, 60);
    const seen = receiver.received.map((r) => `${r.path} ${r.headers["webhook-id"]}`);
    assert.equal(seen.length, 60);
    assert.equal(new Set(seen).size, 60, "no event reached a subscriber twice");
    assert.ok((await deliveries()).every((d) => d.status === "delivered" && d.attempts === 1));
  });

  test("after a secret rotation both signatures are sent during the grace period, then only the new one", async () => {
    const s = await subscriber(["appointment.cancelled"]);
    const fresh = newWebhookSecret();
    await rotateEndpointSecret(handle.db, s.id, fresh, new Date(T0.getTime() + 3_600_000), T0);
    await publishEvent(handle.db, "appointment.cancelled", { ...APPOINTMENT, status: "cancelled" }, T0);
    await drainWebhooks(handle.db, SETTINGS, now);
    const during = receiver.received[0]!;
    assert.equal(String(during.headers["webhook-signature"]).split(" ").length, 2);
    assert.ok(signedWith(fresh, during.headers, during.body), "the new secret verifies");
    assert.ok(signedWith(s.secret, during.headers, during.body), "the old secret still verifies during the grace period");

    clock.now = new Date(T0.getTime() + 3_600_001);
    await publishEvent(handle.db, "appointment.cancelled", { ...APPOINTMENT, status: "cancelled" }, clock.now);
    await drainWebhooks(handle.db, SETTINGS, now);
    const later = receiver.received[1]!;
    assert.ok(signedWith(fresh, later.headers, later.body));
    assert.ok(!signedWith(s.secret, later.headers, later.body), "the old secret no longer verifies");
  });
});

describe("webhook deliveries retention", () => {
  test("the retention job purges old finished deliveries and keeps pending and recent ones", async () => {
    const handle = await openTestDatabase("bare");
    try {
      const endpoint = await insertEndpoint(handle.db, { name: "P", url: "https://p.example/h", events: ["appointment.created"], secret: newWebhookSecret(), createdByUserId: null, now: T0 });
      const old = new Date(T0.getTime() - 40 * 86_400_000);
      const recent = new Date(T0.getTime() - 5 * 86_400_000);
      const rows = [
        { event_id: "msg_old_done", status: "delivered" as const, created_at: old },
        { event_id: "msg_old_failed", status: "failed" as const, created_at: old },
        { event_id: "msg_old_pending", status: "pending" as const, created_at: old },
        { event_id: "msg_recent_done", status: "delivered" as const, created_at: recent },
      ];
      await handle.db
        .insertInto("webhook_deliveries")
        .values(rows.map((r) => ({ ...r, endpoint_id: endpoint.id, event_type: "appointment.created", body: "{}", not_before: r.created_at })))
        .execute();
      const report = await runRetention(handle.db, T0, 24, { webhookDays: 30 });
      assert.equal(report.webhookDeliveriesPurged, 2);
      const left = await handle.db.selectFrom("webhook_deliveries").select("event_id").orderBy("event_id").execute();
      assert.deepEqual(
        left.map((r) => r.event_id),
        ["msg_old_pending", "msg_recent_done"],
      );
    } finally {
      await handle.close();
    }
  });
});
