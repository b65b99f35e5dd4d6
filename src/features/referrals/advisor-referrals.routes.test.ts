// Advisor → partner referrals over HTTP: an advisor saves a report « orienté » towards the CAF; the
// consent is required (the form comes back with the input); the CAF agent finds it in « Orientations
// reçues » and answers; the advisor follows the steps in « Orientations envoyées », and nothing else.
// Also: cancelling a referral's appointment puts the referral back to « prise en charge »; the
// statistics follow the dashboard's commune filter.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { BOOKING_NOW, postPairs as postForm, signInAs } from "../booking/booking.test-support.ts";
import { hashManageToken } from "../booking/manage-token.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import { referralStatistics } from "./referral-statistics.repository.ts";
import { CAF_AGENT, createReceivingWorld, FRANCE_TRAVAIL_AGENT, type ReceivingWorld } from "./referrals.test-support.ts";

function reportFields(world: ReceivingWorld, extra: [string, string][]): [string, string][] {
  return [
    ["type", "individuel"],
    ["date", "2026-03-01"],
    ["placeType", "lieu-activite"],
    ["placeId", world.placeId],
    ["durationPreset", "60"],
    ["themes", "e-mail"],
    ["themes", "sante"],
    ["notes", "Mot de passe du compte retraite retrouvé"],
    ["oriented", "oui"],
    ...extra,
  ];
}

describe("advisor → partner referrals from the activity report", () => {
  let t: TestApp;
  let world: ReceivingWorld;
  let cafId: string;
  before(async () => {
    t = await startTestApp({ template: "demo", now: BOOKING_NOW });
    world = await createReceivingWorld(t);
    cafId = (await t.handle.db.selectFrom("structures").select("id").where("name", "=", "CAF de Lot-et-Garonne").executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  const referralsOf = (structureId: string) => t.handle.db.selectFrom("referrals").selectAll().where("from_structure_id", "=", structureId).where("source", "=", "advisor").execute();
  const mails = (recipient: string) => t.handle.db.selectFrom("outbox").select(["subject", "body_text"]).where("recipient", "=", recipient).where("idempotency_key", "like", "referral:%").orderBy("id").execute();

  test("without the person's consent the report is refused, with the input kept and the error next to the box", async () => {
    const advisor = await signInAs(t, world.advisorEmail);
    const form = await advisor.get("/activites/nouveau");
    assert.match(form.body, /Orienter vers une structure partenaire/);
    assert.match(form.body, new RegExp(`<option value="${cafId}"[^>]*>CAF de Lot-et-Garonne`));
    const refused = await postForm(t, advisor, "/activites/nouveau", reportFields(world, [
      ["orientationPartenaire", cafId],
      ["orientationPrenom", "Lucienne"],
      ["orientationNom", "Barthe"],
      ["orientationTelephone", "06 12 34 56 78"],
    ]));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /id="orientationAccord-erreur"[\s\S]*L(&#39;|')accord de la personne est obligatoire/);
    assert.match(refused.body, /Indiquez comment la personne a donné son accord/);
    assert.match(refused.body, /value="Lucienne"/);
    assert.match(refused.body, new RegExp(`<option value="${cafId}" selected`));
    assert.equal((await referralsOf(world.structureId)).length, 0);
    assert.equal((await t.handle.db.selectFrom("activity_reports").select("id").where("advisor_id", "=", world.advisorId).execute()).length, 0, "nothing saved");
  });

  test("with consent the report writes one referral to the CAF; an edit never sends a second one", async () => {
    const advisor = await signInAs(t, world.advisorEmail);
    await advisor.get("/activites/nouveau");
    const saved = await postForm(t, advisor, "/activites/nouveau", reportFields(world, [
      ["orientationPartenaire", cafId],
      ["orientationAccord", "oui"],
      ["orientationModeAccord", "oral"],
      ["orientationPrenom", "Lucienne"],
      ["orientationNom", "Barthe"],
      ["orientationTelephone", "06 12 34 56 78"],
    ]));
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    const reportId = /\/activites\/([0-9a-f-]{36})/.exec(String(saved.headers.location))?.[1] as string;
    const [referral, ...others] = await referralsOf(world.structureId);
    assert.equal(others.length, 0);
    assert.ok(referral);
    assert.equal(referral.target_structure_id, cafId);
    assert.equal(referral.activity_report_id, reportId);
    assert.deepEqual(referral.themes, ["e-mail", "sante"]);
    assert.equal(referral.phone, "+33612345678");
    assert.equal(referral.consent_mode, "oral");
    assert.equal(referral.consent_by_user_id, world.advisorUserId);
    assert.equal(referral.needs, null, "the report's notes stay with the advisor");
    const told = await mails(CAF_AGENT);
    assert.equal(told.length, 1);
    assert.match(told[0]?.subject ?? "", /Nouvelle orientation/);
    assert.doesNotMatch(told[0]?.body_text ?? "", /Lucienne|retraite/);

    const edit = await advisor.get(`/activites/${reportId}/modifier`);
    assert.match(edit.body, /envoyée à CAF de Lot-et-Garonne/);
    const again = await postForm(t, advisor, `/activites/${reportId}/modifier`, reportFields(world, [
      ["orientationPartenaire", cafId],
      ["orientationAccord", "oui"],
      ["orientationModeAccord", "oral"],
      ["orientationPrenom", "Lucienne"],
      ["orientationNom", "Barthe"],
      ["orientationTelephone", "06 12 34 56 78"],
    ]));
    assert.equal(again.statusCode, 303);
    assert.equal((await referralsOf(world.structureId)).length, 1);
  });

  test("the CAF agent answers step by step; the advisor reads the steps and dates, never acts", async () => {
    const [referral] = await referralsOf(world.structureId);
    assert.ok(referral);
    const caf = await signInAs(t, CAF_AGENT);
    const queue = await caf.get("/orientations");
    assert.match(queue.body, /Orientations reçues[\s\S]*Lucienne Barthe/);
    const page = await caf.get(`/orientations/${referral.id}`);
    assert.match(page.body, /06 12 34 56 78/);
    assert.match(page.body, /Demande traitée/);
    assert.doesNotMatch(page.body, /Prendre rendez-vous pour la personne/, "a partner has no agenda here");
    assert.doesNotMatch(page.body, /retraite/, "the partner never reads the report");
    for (const step of ["prise-en-charge", "personne-contactee", "accompagnement-realise"]) {
      const moved = await postForm(t, caf, `/orientations/${referral.id}/statut`, [["statut", step]]);
      assert.equal(moved.statusCode, 303, `${step}: ${moved.body.slice(0, 500)}`);
      await caf.get(`/orientations/${referral.id}`);
    }
    const statuses = (await t.handle.db.selectFrom("referral_events").select("to_status").where("referral_id", "=", referral.id).orderBy("seq").execute()).map((e) => e.to_status);
    assert.deepEqual(statuses, ["received", "accepted", "contacted", "done"]);
    const subjects = (await mails(world.advisorEmail)).map((m) => m.subject ?? "");
    assert.equal(subjects.length, 3, "one e-mail to the advisor per step");
    assert.match(subjects.at(-1) ?? "", /accompagnement réalisé/);

    const advisor = await signInAs(t, world.advisorEmail);
    const sent = await advisor.get("/orientations");
    assert.match(sent.body, /Orientations envoyées[\s\S]*Lucienne Barthe[\s\S]*Accompagnement réalisé/);
    const followed = await advisor.get(`/orientations/${referral.id}`);
    assert.match(followed.body, /Prise en charge[\s\S]*Personne contactée[\s\S]*Accompagnement réalisé/);
    assert.doesNotMatch(followed.body, /name="statut"/, "the referrer is offered no action");
    assert.equal((await postForm(t, advisor, `/orientations/${referral.id}/statut`, [["statut", "refusee"], ["motif", "x"]])).statusCode, 403);
    const other = await signInAs(t, FRANCE_TRAVAIL_AGENT);
    assert.equal((await other.get(`/orientations/${referral.id}`)).statusCode, 404);

    // A colleague of the same structure follows the steps, but the person stays the author's, like the record.
    const colleagueId = await insertUser(t.handle.db, { email: "collegue.referral@exemple.fr", firstName: "Colette", lastName: "Collègue" });
    await addRole(t.handle.db, colleagueId, "structure_manager", world.structureId);
    const colleague = await signInAs(t, "collegue.referral@exemple.fr");
    const list = await colleague.get("/orientations");
    assert.match(list.body, /Orientations envoyées[\s\S]*Accompagnement réalisé/);
    assert.doesNotMatch(list.body, /Lucienne|Barthe/);
    const seen = await colleague.get(`/orientations/${referral.id}`);
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Prise en charge[\s\S]*Accompagnement réalisé/);
    assert.doesNotMatch(seen.body, /Lucienne|Barthe|06 12 34 56 78/);
  });

  test("a cancelled appointment puts its referral back to « prise en charge », by the agenda or by the person's link", async () => {
    const kind = world.kindId;
    const at = new Date("2026-03-10T09:00:00Z");
    const insertBooked = async (token: string, minutes: number) => {
      const starts = new Date(at.getTime() + minutes * 60_000);
      const appointment = await t.handle.db
        .insertInto("appointments")
        .values({ advisor_id: world.advisorId, kind_id: kind, place_id: world.placeId, starts_at: starts, ends_at: new Date(starts.getTime() + 1_800_000), first_name: "Rémi", last_name: "Faure", phone: "+33611111111", themes: ["e-mail"], consent_at: BOOKING_NOW, booked_via: "staff", manage_token_hash: hashManageToken(token) })
        .returning("id")
        .executeTakeFirstOrThrow();
      const referral = await t.handle.db
        .insertInto("referrals")
        .values({ source: "partner", from_structure_id: cafId, target_structure_id: world.structureId, target_place_id: world.placeId, status: "booked", themes: ["e-mail"], urgency: "normal", first_name: "Rémi", last_name: "Faure", phone: "+33611111111", contact_preference: "phone", consent_mode: "oral", consent_at: BOOKING_NOW, appointment_id: appointment.id, answered_at: BOOKING_NOW, created_at: BOOKING_NOW, status_changed_at: BOOKING_NOW, updated_at: BOOKING_NOW })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { appointmentId: appointment.id, referralId: referral.id };
    };
    const byAgenda = await insertBooked("a".repeat(43), 0);
    const advisor = await signInAs(t, world.advisorEmail);
    await advisor.get(`/agenda/rendez-vous/${byAgenda.appointmentId}`);
    const cancelled = await postForm(t, advisor, `/agenda/rendez-vous/${byAgenda.appointmentId}/statut`, [["statut", "cancelled"]]);
    assert.equal(cancelled.statusCode, 303, cancelled.body.slice(0, 500));
    const back = await t.handle.db.selectFrom("referrals").select(["status", "appointment_id"]).where("id", "=", byAgenda.referralId).executeTakeFirstOrThrow();
    assert.deepEqual(back, { status: "accepted", appointment_id: null });
    assert.match((await mails(CAF_AGENT)).at(-1)?.subject ?? "", /prise en charge/);

    const token = "b".repeat(43);
    const byPerson = await insertBooked(token, 60);
    const person = await signInAs(t, FRANCE_TRAVAIL_AGENT);
    await person.get(`/rendez-vous/gerer/annuler?jeton=${token}`);
    const own = await postForm(t, person, "/rendez-vous/gerer/annuler", [["jeton", token], ["confirme", "oui"]]);
    assert.equal(own.statusCode, 303, own.body.slice(0, 500));
    const afterLink = await t.handle.db.selectFrom("referrals").select(["status", "appointment_id"]).where("id", "=", byPerson.referralId).executeTakeFirstOrThrow();
    assert.deepEqual(afterLink, { status: "accepted", appointment_id: null });
    const page = await (await signInAs(t, CAF_AGENT)).get(`/orientations/${byPerson.referralId}`);
    assert.match(page.body, /<ol class="timeline">[\s\S]*Prise en charge/, "the referrer reads the step back");
    assert.doesNotMatch(page.body, /<dt>Rendez-vous<\/dt>/, "the cancelled appointment is no longer shown");
  });

  test("the statistics follow the dashboard's commune and EPCI filters", async () => {
    const period = { from: "2026-01-01", to: "2026-12-31" };
    // This world's structure only: other test files may write referrals in the same database.
    const mine = { all: false as const, fromStructureIds: [world.structureId], targetStructureIds: [world.structureId] };
    const all = await referralStatistics(t.handle.db, mine, period);
    const place = await t.handle.db.selectFrom("places").innerJoin("communes", "communes.code", "places.commune_code").select(["places.commune_code", "communes.epci_code"]).where("places.id", "=", world.placeId).executeTakeFirstOrThrow();
    const here = await referralStatistics(t.handle.db, mine, { ...period, communeCode: place.commune_code });
    assert.equal(here.total, 2, "the two referrals sent to the place's commune");
    const elsewhere = await referralStatistics(t.handle.db, mine, { ...period, communeCode: "47195" });
    assert.equal(all.total, 3);
    assert.equal(elsewhere.total, 0);
    assert.equal(elsewhere.byTarget.some((s) => s.name === "CAF de Lot-et-Garonne"), false);
    if (place.epci_code) assert.ok((await referralStatistics(t.handle.db, mine, { ...period, epciCode: place.epci_code })).total >= 2);
    const theme = await referralStatistics(t.handle.db, mine, { ...period, theme: "sante" });
    assert.equal(theme.total, 1, "only the advisor's referral names health");
  });
});
