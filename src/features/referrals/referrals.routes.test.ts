// The referral journey over HTTP: a CAF agent refers a person; the receiving advisor books on their
// behalf; the CAF agent sees « rendez-vous fixé », then « accompagnement réalisé » once the report is
// written, and never the report's content nor anyone else's referral.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { BOOKING_NOW, postPairs as postForm, signInAs } from "../booking/booking.test-support.ts";
import { referralStatistics } from "./referral-statistics.repository.ts";
import { CAF_AGENT, createReceivingWorld, FRANCE_TRAVAIL_AGENT, firstSlotLink, hiddenFields, type ReceivingWorld, referralFields, referralIdFrom } from "./referrals.test-support.ts";

describe("referrals: a partner refers, the network books and reports, the partner follows", () => {
  let t: TestApp;
  let world: ReceivingWorld;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createReceivingWorld(t);
  });
  after(() => t.close());

  const mailsTo = (recipient: string) =>
    t.handle.db.selectFrom("outbox").select(["subject", "body_text"]).where("recipient", "=", recipient).where("idempotency_key", "like", "referral:%").orderBy("id").execute();

  test("a refused form comes back with the input and French messages next to the fields", async () => {
    const caf = await signInAs(t, CAF_AGENT);
    assert.equal((await caf.get("/orientations/nouvelle")).statusCode, 200);
    const refused = await postForm(t, caf, "/orientations/nouvelle", referralFields(world.placeId, { consentement: "", mode_consentement: "", besoin: [], telephone: "12" }));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /L&#39;accord de la personne est obligatoire|L'accord de la personne est obligatoire/);
    assert.match(refused.body, /Indiquez comment la personne a donné son accord/);
    assert.match(refused.body, /Cochez au moins un besoin/);
    assert.match(refused.body, /numéro de téléphone français/);
    assert.match(refused.body, /value="Marcelle"/);
    assert.equal(await t.handle.db.selectFrom("referrals").select("id").where("first_name", "=", "Marcelle").executeTakeFirst(), undefined);
  });

  test("the CAF agent refers; the advisor books; the CAF agent sees each step but never the report", async () => {
    const caf = await signInAs(t, CAF_AGENT);
    await caf.get("/orientations/nouvelle");
    const sent = await postForm(t, caf, "/orientations/nouvelle", referralFields(world.placeId));
    assert.equal(sent.statusCode, 303, sent.body);
    const id = referralIdFrom(sent.headers.location);
    const row = await t.handle.db.selectFrom("referrals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.status, "received");
    assert.equal(row.consent_mode, "oral");
    assert.ok(row.consent_by_user_id, "who recorded the consent is kept");
    assert.equal(row.phone, "+33645678901");
    const told = await mailsTo(world.advisorEmail);
    assert.equal(told.length, 1);
    assert.match(told[0]!.subject ?? "", /Nouvelle orientation/);
    assert.doesNotMatch(told[0]!.body_text, /Marcelle|Dubosc|06 45/, "the e-mail names no one");

    const advisor = await signInAs(t, world.advisorEmail);
    const list = await advisor.get("/orientations");
    assert.match(list.body, /Orientations reçues/);
    assert.match(list.body, /Marcelle Dubosc/);
    const page = await advisor.get(`/orientations/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /06 45 67 89 01/);
    assert.match(page.body, /espace personnel en ligne/);
    const bookHref = /href="(\/gestion\/rendez-vous\/nouveau\?[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(bookHref, "the advisor is offered to book for the person");
    const motif = await advisor.get(bookHref.replace("/nouveau?", "/nouveau/creneaux?") + `&motif=${world.kindId}`);
    assert.equal(motif.statusCode, 200, motif.body.slice(0, 500));
    const form = await advisor.get(firstSlotLink(motif.body));
    assert.match(form.body, /value="Marcelle"/, "the person's details are filled in");
    const fields = [...hiddenFields(form.body), ["prenom", "Marcelle"], ["nom", "Dubosc"], ["telephone", "06 45 67 89 01"], ["courriel", ""], ["annee_naissance", ""], ["commune", "Agen"], ["besoins", ""], ["consentement", "oui"]] as [string, string][];
    assert.ok(fields.some(([n]) => n === "orientation"), "the referral travels with the booking");
    const booked = await postForm(t, advisor, "/gestion/rendez-vous/nouveau/coordonnees", fields);
    assert.equal(booked.statusCode, 303, booked.body.slice(0, 2000));
    const afterBooking = await t.handle.db.selectFrom("referrals").select(["status", "appointment_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(afterBooking.status, "booked");
    assert.ok(afterBooking.appointment_id);

    const followed = await caf.get(`/orientations/${id}`);
    assert.match(followed.body, /Rendez-vous fixé/);
    assert.match((await mailsTo(CAF_AGENT)).at(-1)?.subject ?? "", /rendez-vous fixé/);
    const slip = await caf.get(`/orientations/${id}/fiche`);
    assert.equal(slip.statusCode, 200);
    assert.match(slip.body, /Espace numérique test/);
    assert.match(slip.body, /<svg class="qr-code"/);
    assert.match(slip.body, /Votre rendez-vous/);

    // The next day the advisor writes the report of the appointment: « accompagnement réalisé ».
    t.clock.now = new Date(BOOKING_NOW.getTime() + 86_400_000);
    const appointment = await t.handle.db.selectFrom("appointments").select(["starts_at"]).where("id", "=", afterBooking.appointment_id).executeTakeFirstOrThrow();
    const day = appointment.starts_at.toISOString().slice(0, 10);
    await advisor.get(`/activites/nouveau?rendez-vous=${afterBooking.appointment_id}`);
    const report = await postForm(t, advisor, `/activites/nouveau?rendez-vous=${afterBooking.appointment_id}`, [
      ["type", "individuel"],
      ["date", day],
      ["placeType", "lieu-activite"],
      ["placeId", world.placeId],
      ["durationPreset", "60"],
      ["themes", "e-mail"],
      ["notes", "Compte retraite retrouvé, mot de passe changé"],
    ]);
    assert.equal(report.statusCode, 303, report.body.slice(0, 3000));
    const done = await caf.get(`/orientations/${id}`);
    assert.match(done.body, /Accompagnement réalisé/);
    assert.doesNotMatch(done.body, /retraite|mot de passe|\/activites\//, "the referrer never sees the report");
    const statuses = (await t.handle.db.selectFrom("referral_events").select("to_status").where("referral_id", "=", id).orderBy("seq").execute()).map((e) => e.to_status);
    assert.deepEqual(statuses, ["received", "booked", "done"]);
    for (const mail of await mailsTo(CAF_AGENT)) assert.doesNotMatch(mail.body_text, /retraite|Marcelle/);
    t.clock.now = BOOKING_NOW;
  });

  test("the receiving advisor declines with a reason; the referrer reads it; another partner gets 404", async () => {
    const caf = await signInAs(t, CAF_AGENT);
    await caf.get("/orientations/nouvelle");
    const id = referralIdFrom((await postForm(t, caf, "/orientations/nouvelle", referralFields(world.placeId, { prenom: "Jules" }))).headers.location);
    const advisor = await signInAs(t, world.advisorEmail);
    await advisor.get(`/orientations/${id}`);
    const noReason = await postForm(t, advisor, `/orientations/${id}/statut`, [["statut", "refusee"], ["motif", ""]]);
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Indiquez le motif/);
    const declined = await postForm(t, advisor, `/orientations/${id}/statut`, [["statut", "refusee"], ["motif", "Un lieu plus proche de chez elle convient mieux."]]);
    assert.equal(declined.statusCode, 303);
    assert.match((await caf.get(`/orientations/${id}`)).body, /Refusée[\s\S]*Un lieu plus proche/);
    const cafPost = await postForm(t, caf, `/orientations/${id}/statut`, [["statut", "prise-en-charge"]]);
    assert.equal(cafPost.statusCode, 403, "the referrer does not answer its own referral");
    const figures = await referralStatistics(t.handle.db, { all: true }, { from: "2026-03-01", to: "2026-03-31" });
    assert.equal(figures.total, 2);
    assert.deepEqual(figures.byStatus.map((s) => [s.status, s.n]), [["declined", 1], ["done", 1]]);
    assert.deepEqual(figures.bySource, [{ name: "CAF de Lot-et-Garonne", n: 2 }]);
    assert.equal(figures.withFeedback, 2);
    assert.equal(figures.booked, 1);
    assert.ok(figures.medianDaysToAppointment !== null && figures.medianDaysToAppointment > 0 && figures.medianDaysToAppointment < 1);
    assert.match((await caf.get("/orientations")).body, /Vos orientations en chiffres[\s\S]*2 orientations sur la période : 100 % avec un retour/);
    const other = await signInAs(t, FRANCE_TRAVAIL_AGENT);
    assert.equal((await other.get(`/orientations/${id}`)).statusCode, 404);
    assert.equal((await other.get(`/orientations/${id}/fiche`)).statusCode, 404);
  });
});
