import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { cancelRegistration, confirmOffer, expireOffers, type RegistrationDeps, register } from "./registration.service.ts";
import { materialiseSeries } from "./workshop-series.service.ts";
import { insertWorkshop, NOW, prepareWorkshops, type WorkshopFixture } from "./workshops.fixtures.ts";
import { registrationStates } from "./workshops.repository.ts";
import { waitingPosition } from "./workshops.ts";

const HOUR = 3_600_000;

describe("workshop registrations in the database", () => {
  let t: TestApp;
  let f: WorkshopFixture;
  let deps: RegistrationDeps;
  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    f = await prepareWorkshops(t);
    deps = { db: t.handle.db, now: () => t.clock.now, afterCommit: () => {}, secret: "s3cret", publicUrl: "http://localhost:3000", brandName: "déClic47" };
  });
  after(async () => {
    // pg-pool's end() resolves before its idle connections have closed, and the test database is then
    // dropped WITH (FORCE): after 20 parallel connections that race can surface as uncaught errors.
    await t.handle.db.destroy();
    await delay(300);
    await t.close();
  });

  const person = (i: number) => ({ firstName: `Personne${i}`, lastName: "T", phone: null, email: `p${i}@exemple.fr` });

  async function statuses(workshopId: string) {
    return registrationStates(t.handle.db, workshopId);
  }

  test("series become dated workshops for three months, once", async () => {
    const created = await materialiseSeries(t.handle.db, NOW);
    assert.ok(created >= 36, `${created} workshops created`);
    assert.equal(await materialiseSeries(t.handle.db, NOW), 0, "a second run creates nothing");
    const thursdays = await t.handle.db.selectFrom("workshops").select("starts_at").where("advisor_id", "=", f.advisorId).where("is_remote", "=", true).orderBy("starts_at").execute();
    assert.equal(thursdays[0]!.starts_at.toISOString(), "2027-01-14T13:00:00.000Z", "14:00 in Paris in winter");
    assert.ok(thursdays.every((w) => w.starts_at.getTime() > NOW.getTime()));
  });

  test("20 people registering at once for 5 seats: exactly 5 seats, 15 on the waiting list in order", async () => {
    const id = await insertWorkshop(t, f, { title: "Cinq places", startsAt: new Date(NOW.getTime() + 96 * HOUR), capacity: 5 });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => register(deps, id, person(i))));
    assert.equal(outcomes.filter((o) => o.kind === "done" && o.status === "registered").length, 5);
    assert.equal(outcomes.filter((o) => o.kind === "done" && o.status === "waiting").length, 15);
    const list = await statuses(id);
    assert.equal(list.filter((r) => r.status === "registered").length, 5);
    const positions = list.filter((r) => r.status === "waiting").map((r) => waitingPosition(list, r.id));
    assert.deepEqual(positions, Array.from({ length: 15 }, (_, i) => i + 1), "arrival order is the list order");
    // Every waiting registration arrived after every registered one.
    const lastSeat = Math.max(...list.filter((r) => r.status === "registered").map((r) => r.createdAt.getTime()));
    assert.ok(list.filter((r) => r.status === "waiting").every((r) => r.createdAt.getTime() >= lastSeat));
  });

  test("a cancelled seat goes to the first in line, who has 24 hours to confirm, then it passes on", async () => {
    const id = await insertWorkshop(t, f, { title: "Une place", startsAt: new Date(NOW.getTime() + 96 * HOUR), capacity: 1 });
    const a = await register(deps, id, person(100));
    const b = await register(deps, id, person(101));
    const c = await register(deps, id, person(102));
    assert.ok(a.kind === "done" && b.kind === "done" && c.kind === "done");
    assert.deepEqual([a.status, b.status, c.status], ["registered", "waiting", "waiting"]);

    assert.equal(await cancelRegistration(deps, a.token), "done");
    let list = await statuses(id);
    const offered = list.find((r) => r.status === "offered")!;
    assert.equal(offered.firstName, "Personne101", "the first in line gets the seat");
    assert.equal(offered.offerExpiresAt?.getTime(), NOW.getTime() + 24 * HOUR);
    const keys = await t.handle.db.selectFrom("outbox").select("idempotency_key").where("idempotency_key", "like", `workshop-registration:${offered.id}:%`).execute();
    assert.ok(keys.some((k) => k.idempotency_key === `workshop-registration:${offered.id}:offered:email`));

    t.clock.now = new Date(NOW.getTime() + 24 * HOUR);
    assert.ok((await expireOffers(t.handle.db, t.clock.now, deps)) >= 1);
    list = await statuses(id);
    assert.equal(list.find((r) => r.firstName === "Personne101")!.status, "cancelled");
    assert.equal(list.find((r) => r.firstName === "Personne102")!.status, "offered");
    assert.equal(await confirmOffer(deps, b.token), "expired", "too late for the first");
    assert.equal(await confirmOffer(deps, c.token), "done");
    assert.equal((await statuses(id)).find((r) => r.firstName === "Personne102")!.status, "registered");
    t.clock.now = NOW;
  });

  test("registration and cancellation close when the workshop starts", async () => {
    const id = await insertWorkshop(t, f, { title: "Bientôt", startsAt: new Date(NOW.getTime() + HOUR), capacity: 3 });
    const a = await register(deps, id, person(200));
    assert.ok(a.kind === "done", JSON.stringify(a));
    t.clock.now = new Date(NOW.getTime() + HOUR);
    assert.deepEqual(await register(deps, id, person(201)), { kind: "closed" });
    assert.equal(await cancelRegistration(deps, a.token), "closed");
    t.clock.now = NOW;
  });

  test("a reserved workshop refuses public registration", async () => {
    const id = await insertWorkshop(t, f, { title: "Réservé", startsAt: new Date(NOW.getTime() + 48 * HOUR), capacity: 3, isPublic: false });
    assert.deepEqual(await register(deps, id, person(300)), { kind: "not_found" });
  });
});
