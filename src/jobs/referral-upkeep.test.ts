// Unanswered referrals: reminded once after 10 days, expired after 30 (the referrer told), with a fixed
// clock; closed referrals past retention lose the person's identity but keep their steps.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { BOOKING_NOW, postPairs as postForm, signInAs } from "../features/booking/booking.test-support.ts";
import { CAF_AGENT, createReceivingWorld, type ReceivingWorld, referralFields, referralIdFrom } from "../features/referrals/referrals.test-support.ts";
import { runReferralUpkeep } from "./referral-upkeep.ts";

const DAY = 86_400_000;
const DEPS = { brandName: "déClic47", publicUrl: "http://localhost:3000", retentionMonths: 24 };

describe("referral upkeep: reminders, expiry, anonymisation", () => {
  let t: TestApp;
  let world: ReceivingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createReceivingWorld(t);
  });
  after(() => t.close());

  async function refer(first: string): Promise<string> {
    const caf = await signInAs(t, CAF_AGENT);
    await caf.get("/orientations/nouvelle");
    return referralIdFrom((await postForm(t, caf, "/orientations/nouvelle", referralFields(world.placeId, { prenom: first }))).headers.location);
  }

  const statusOf = async (id: string) => (await t.handle.db.selectFrom("referrals").select(["status", "reminded_at"]).where("id", "=", id).executeTakeFirstOrThrow());
  const reminders = () => t.handle.db.selectFrom("outbox").select("subject").where("recipient", "=", world.advisorEmail).where("subject", "like", "%Rappel%").execute();

  test("nothing at 9 days; one reminder at 10 days, never twice; expiry at 30 days tells the referrer", async () => {
    const waiting = await refer("Aline");
    const answered = await refer("Bruno");
    const advisor = await signInAs(t, world.advisorEmail);
    await advisor.get(`/orientations/${answered}`);
    assert.equal((await postForm(t, advisor, `/orientations/${answered}/statut`, [["statut", "prise-en-charge"]])).statusCode, 303);

    const at9 = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 9 * DAY), DEPS);
    assert.deepEqual([at9.reminded, at9.expired], [0, 0]);
    const at10 = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 10 * DAY), DEPS);
    assert.equal(at10.reminded, 1);
    assert.ok((await statusOf(waiting)).reminded_at);
    assert.equal((await statusOf(answered)).reminded_at, null, "an answered referral is not reminded");
    assert.equal((await reminders()).length, 1);
    const again = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 11 * DAY), DEPS);
    assert.equal(again.reminded, 0);
    assert.equal((await reminders()).length, 1, "a retry never reminds twice");

    const at29 = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 29 * DAY), DEPS);
    assert.equal(at29.expired, 0);
    const at30 = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 30 * DAY), DEPS);
    assert.equal(at30.expired, 1);
    assert.equal((await statusOf(waiting)).status, "expired");
    assert.equal((await statusOf(answered)).status, "accepted", "an answered referral does not expire");
    const told = await t.handle.db.selectFrom("outbox").select("subject").where("recipient", "=", CAF_AGENT).where("subject", "like", "%expirée%").execute();
    assert.equal(told.length, 1);
    assert.equal((await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 31 * DAY), DEPS)).expired, 0);
  });

  test("a referral closed longer than the retention period keeps its steps, not the person", async () => {
    const id = await refer("Chantal");
    const advisor = await signInAs(t, world.advisorEmail);
    await advisor.get(`/orientations/${id}`);
    await postForm(t, advisor, `/orientations/${id}/statut`, [["statut", "refusee"], ["motif", "Déjà accompagnée ailleurs."]]);
    const soon = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 300 * DAY), DEPS);
    assert.equal(soon.anonymised, 0);
    const late = await runReferralUpkeep(t.handle.db, new Date(BOOKING_NOW.getTime() + 25 * 31 * DAY), DEPS);
    assert.ok(late.anonymised >= 1);
    const row = await t.handle.db.selectFrom("referrals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual([row.first_name, row.last_name, row.phone, row.needs], [null, null, null, null]);
    assert.equal(row.status, "declined");
    const caf = await signInAs(t, CAF_AGENT);
    const page = await caf.get(`/orientations/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /effacées/);
  });
});
