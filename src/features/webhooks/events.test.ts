// The events the services publish, end to end: the change is made the way the product makes it, the
// worker delivers, and the subscriber's system receives ids, states and dates, never a person's details.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../test/support/app.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/support/webhook-receiver.ts";
import { drainWebhooks } from "../../jobs/webhook-worker.ts";
import { findAppointmentDetail } from "../agenda/appointment.repository.ts";
import { changeStatus } from "../agenda/appointment.service.ts";
import { BOOKING_NOW, type BookingWorld, createBookingWorld, postPairs, signInAs } from "../booking/booking.test-support.ts";
import { CAF_AGENT, createReceivingWorld, referralFields, referralIdFrom } from "../referrals/referrals.test-support.ts";
import { recordRequestStatus } from "../requests/request-status.service.ts";
import { insertRequestRow } from "../requests/requests.test-support.ts";
import { register } from "../workshops/registration.service.ts";
import { insertWorkshop, prepareWorkshops } from "../workshops/workshops.fixtures.ts";
import { insertEndpoint } from "./webhooks.repository.ts";
import { newWebhookSecret, WEBHOOK_EVENT_CODES } from "./webhooks.ts";

describe("events published by the services", () => {
  let t: TestApp;
  let world: BookingWorld;
  let receiver: WebhookReceiver;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createBookingWorld(t.handle.db);
    receiver = await startWebhookReceiver();
    await insertEndpoint(t.handle.db, { name: "Tout", url: receiver.url(), events: WEBHOOK_EVENT_CODES, secret: newWebhookSecret(), createdByUserId: null, now: BOOKING_NOW });
  });
  after(async () => {
    await receiver.close();
    await t.close();
  });

  /** Delivers what is due and returns the events received since the last call. */
  let seen = 0;
  async function received(): Promise<{ type: string; data: Record<string, unknown>; raw: string }[]> {
    await drainWebhooks(t.handle.db, { timeoutMs: 15_000, maxAttempts: 3, allowLocalHttp: true }, () => t.clock.now);
    const fresh = receiver.received.slice(seen);
    seen = receiver.received.length;
    return fresh.map((r) => ({ ...JSON.parse(r.body), raw: r.body }));
  }

  async function book(date: string) {
    const slots = await t.app.inject({ url: `/api/v1/creneaux?lieu=${world.placeId}&du=${date}&au=${date}` });
    const slot = slots.json().creneaux[0];
    const booked = await t.app.inject({
      method: "POST",
      url: "/api/v1/rendez-vous",
      payload: { creneau: slot.id, prenom: "Léonie", nom: "Bastide", courriel: "leonie.bastide@exemple.fr", telephone: "0612345678", consentement: true },
    });
    assert.equal(booked.statusCode, 201);
    return { id: booked.json().id as string, token: new URL(booked.json().lien_gestion).searchParams.get("jeton")! };
  }

  test("a booking, then its cancellation through the personal link, each send one event without personal data", async () => {
    const { id, token } = await book("2026-03-11");
    const [created, ...others] = await received();
    assert.equal(others.length, 0);
    assert.equal(created!.type, "appointment.created");
    assert.deepEqual(created!.data, {
      appointment_id: id,
      advisor_id: world.advisorId,
      place_id: world.placeId,
      starts_at: "2026-03-11T08:00:00.000Z",
      ends_at: "2026-03-11T09:00:00.000Z",
      status: "planned",
    });
    assert.doesNotMatch(created!.raw, /Léonie|Bastide|leonie|0612345678/);

    const visitor = new Visitor(t.app, "10.9.0.1");
    await visitor.get(`/rendez-vous/gerer/annuler?jeton=${token}`);
    const confirmed = await postPairs(t, visitor, "/rendez-vous/gerer/annuler", [
      ["jeton", token],
      ["confirme", "oui"],
    ]);
    assert.equal(confirmed.statusCode, 303);
    const [cancelled] = await received();
    assert.equal(cancelled!.type, "appointment.cancelled");
    assert.equal(cancelled!.data.appointment_id, id);
    assert.equal(cancelled!.data.status, "cancelled");
  });

  test("the agenda marking an appointment honoured or cancelled publishes it; a note does not", async () => {
    const { id } = await book("2026-03-12");
    await received();
    const deps = { db: t.handle.db, now: () => t.clock.now, afterCommit: () => {}, brandName: "déClic47", publicUrl: "http://localhost:3000", smsEnabled: false };
    await changeStatus(deps, (await findAppointmentDetail(t.handle.db, id))!, "attended");
    const [honoured] = await received();
    assert.equal(honoured!.type, "appointment.honoured");
    assert.equal(honoured!.data.status, "attended");
    await changeStatus(deps, (await findAppointmentDetail(t.handle.db, id))!, "cancelled");
    assert.deepEqual(
      (await received()).map((e) => e.type),
      ["appointment.cancelled"],
    );
  });

  test("a commune request changing status publishes its number and both states", async () => {
    const requestId = await insertRequestRow(t, { communeCode: "47001", structureSlug: null });
    const row = await t.handle.db.selectFrom("commune_requests").select("number").where("id", "=", requestId).executeTakeFirstOrThrow();
    const coordinator = await t.handle.db.selectFrom("users").select("id").where("email", "=", "coordination@declic47.example").executeTakeFirstOrThrow();
    const result = await t.handle.db.transaction().execute((trx) =>
      recordRequestStatus(
        trx,
        {
          request: {
            id: requestId,
            number: row.number,
            kind: "permanence",
            status: "new",
            structure_id: null,
            assigned_user_id: null,
            answered_at: null,
            contact_email: "contact@mairie.example",
            commune_name: "Agen",
            permanence_id: null,
            workshop_id: null,
            workshop_series_id: null,
          },
          to: "in_review",
          side: "coordination",
          actor: { userId: coordinator.id, name: "Coordination", email: "coordination@declic47.example" },
          reason: null,
          at: t.clock.now,
        },
        { brandName: "déClic47", publicUrl: "http://localhost:3000" },
      ),
    );
    assert.equal(result.ok, true);
    const [changed] = await received();
    assert.equal(changed!.type, "commune_request.status_changed");
    assert.deepEqual(changed!.data, {
      request_id: requestId,
      number: row.number,
      kind: "permanence",
      from_status: "new",
      to_status: "in_review",
      changed_at: t.clock.now.toISOString(),
    });
  });

  test("a referral declined by the receiving advisor publishes both states, never the person nor the reason", async () => {
    const receiving = await createReceivingWorld(t);
    const caf = await signInAs(t, CAF_AGENT);
    await caf.get("/orientations/nouvelle");
    const id = referralIdFrom((await postPairs(t, caf, "/orientations/nouvelle", referralFields(receiving.placeId, { prenom: "Odette" }))).headers.location);
    await received();
    const advisor = await signInAs(t, receiving.advisorEmail);
    await advisor.get(`/orientations/${id}`);
    const declined = await postPairs(t, advisor, `/orientations/${id}/statut`, [
      ["statut", "refusee"],
      ["motif", "Un lieu plus proche convient mieux."],
    ]);
    assert.equal(declined.statusCode, 303);
    const events = (await received()).filter((e) => e.type === "referral.status_changed");
    assert.equal(events.length, 1);
    assert.deepEqual(Object.keys(events[0]!.data).sort(), ["changed_at", "from_status", "referral_id", "to_status"]);
    assert.equal(events[0]!.data.referral_id, id);
    assert.equal(events[0]!.data.to_status, "declined");
    assert.doesNotMatch(events[0]!.raw, /Odette|Dubosc|plus proche/);
  });

  test("a workshop registration publishes the registration's status", async () => {
    const f = await prepareWorkshops(t);
    const workshopId = await insertWorkshop(t, f, { title: "Atelier test", startsAt: new Date("2026-03-20T09:00:00Z"), capacity: 1 });
    const deps = { db: t.handle.db, now: () => t.clock.now, afterCommit: () => {}, secret: "s3cret", publicUrl: "http://localhost:3000", brandName: "déClic47" };
    await register(deps, workshopId, { firstName: "Ana", lastName: "T", phone: null, email: "ana@exemple.fr" });
    await register(deps, workshopId, { firstName: "Bob", lastName: "T", phone: null, email: "bob@exemple.fr" });
    const events = await received();
    assert.deepEqual(
      events.map((e) => [e.type, e.data.workshop_id, e.data.status]),
      [
        ["workshop_registration.created", workshopId, "registered"],
        ["workshop_registration.created", workshopId, "waiting"],
      ],
    );
    assert.doesNotMatch(events.map((e) => e.raw).join(""), /Ana|Bob|exemple/);
  });
});
