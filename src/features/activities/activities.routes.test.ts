// The report form over HTTP: each national rule refused through the form with the input kept, defaults,
// prefill from an appointment and a workshop, scoping (404 for others' reports), edit, copy, soft delete.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { clearActivityData } from "../beneficiaries/beneficiaries.test-support.ts";
import {
  advisorByEmail,
  insertAppointmentFor,
  insertBeneficiary,
  insertWorkshopFor,
  placeOfAdvisor,
  postForm,
  signIn,
} from "./report-form.test-support.ts";

const JUSTINE = "justine.sabathier@declic47.example";
const ISABELLE = "isabelle.petit@declic47.example";
const COORDINATION = "coordination@declic47.example";
/** Wednesday 12 June 2030, noon in Paris: no demo appointment is that far ahead. */
const NOW = new Date("2030-06-12T10:00:00Z");
const YESTERDAY = "2030-06-11";

type Fields = [string, string][];

describe("the activity report form", () => {
  let t: TestApp;
  let justine: { id: string; structure_id: string };
  let isabelle: { id: string; structure_id: string };
  let place: { id: string; commune_code: string };

  function individual(overrides: Record<string, string | string[]> = {}): Fields {
    const base: Record<string, string | string[]> = {
      type: "individuel",
      date: YESTERDAY,
      placeType: "lieu-activite",
      placeId: place.id,
      durationPreset: "30",
      themes: ["e-mail"],
      ...overrides,
    };
    return Object.entries(base).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value]]));
  }

  function collective(overrides: Record<string, string | string[]> = {}): Fields {
    return individual({ type: "collectif", title: "Découvrir la messagerie", "anonymousParticipants.total": "6", ...overrides });
  }

  async function post(email: string, fields: Fields, url = "/activites/nouveau") {
    const visitor = await signIn(t, email);
    await visitor.get("/activites/nouveau");
    return postForm(t, visitor, url, fields);
  }

  async function created(fields: Fields): Promise<string> {
    const response = await post(JUSTINE, fields);
    assert.equal(response.statusCode, 303, response.body);
    const id = /^\/activites\/([0-9a-f-]{36})\?message=enregistre$/.exec(String(response.headers.location))?.[1];
    assert.ok(id, String(response.headers.location));
    return id;
  }

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    // The demo's year of reports would set the defaults (last place, usual duration): start from none.
    await clearActivityData(t.handle.db);
    justine = await advisorByEmail(t, JUSTINE);
    isabelle = await advisorByEmail(t, ISABELLE);
    place = await placeOfAdvisor(t, justine.id);
  });
  after(() => t.close());

  test("an individual report is saved with the advisor's structure and the place's commune, audited, then confirmed", async () => {
    const advisor = await signIn(t, JUSTINE);
    const form = await advisor.get("/activites/nouveau");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="2030-06-12"/, "today by default");
    assert.match(form.body, /<input type="radio" id="durationPreset-2" name="durationPreset" value="30" checked>/, "30 minutes by default");
    const id = await created(individual({ notes: "Création d'une adresse" }));
    const row = await t.handle.db.selectFrom("activity_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.advisor_id, justine.id);
    assert.equal(row.structure_id, justine.structure_id);
    assert.equal(row.commune_code, place.commune_code);
    assert.equal(row.beneficiary_id, null);
    assert.equal(row.beneficiary_age_band, "non-communique");
    assert.deepEqual(row.themes, ["e-mail"]);
    const audit = await t.handle.db.selectFrom("audit_log").selectAll().where("subject_id", "=", id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ["activity_report.created"],
    );
    const page = await advisor.get(`/activites/${id}?message=enregistre`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Le compte rendu est enregistré/);
    assert.match(page.body, /Saisir un autre compte rendu/);
    assert.match(page.body, /href="\/activites">Voir mes comptes rendus/);
    assert.match(page.body, /Personne anonyme/);
  });

  test("the next form starts at the last place and the usual duration", async () => {
    await created(individual({ durationPreset: "45" }));
    await created(individual({ durationPreset: "45" }));
    const form = await (await signIn(t, JUSTINE)).get("/activites/nouveau");
    assert.match(form.body, new RegExp(`<option value="${place.id}" selected>`));
    assert.match(form.body, /name="placeType" value="lieu-activite" checked/);
    assert.match(form.body, /name="durationPreset" value="45" checked/);
  });

  test("at least one theme: refused with the input kept and an error summary", async () => {
    const response = await post(JUSTINE, individual({ themes: [], notes: "Texte gardé", equipment: ["telephone"] }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Il y a une erreur/);
    assert.match(response.body, /Choisissez au moins une thématique/);
    assert.match(response.body, /Texte gardé/);
    assert.match(response.body, /value="2030-06-11"/);
    assert.match(response.body, /name="equipment" value="telephone" checked/);
    assert.match(response.body, new RegExp(`<option value="${place.id}" selected>`));
  });

  test("procedure areas: refused without « aide aux démarches », required with it", async () => {
    const without = await post(JUSTINE, individual({ procedureAreas: ["logement"] }));
    assert.equal(without.statusCode, 400);
    assert.match(without.body, /Les domaines de démarche ne se choisissent qu&#39;avec la thématique/);
    assert.match(without.body, /name="procedureAreas" value="logement" checked/);
    const missing = await post(JUSTINE, individual({ themes: ["aide-demarches"] }));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Choisissez au moins un domaine de démarche administrative/);
    const id = await created(individual({ themes: ["aide-demarches", "e-mail"], procedureAreas: ["logement", "argent-impots"] }));
    const row = await t.handle.db.selectFrom("activity_reports").select("procedure_areas").where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual(row.procedure_areas, ["logement", "argent-impots"]);
  });

  test("individual-only fields are refused on a workshop, and workshop fields on an individual report", async () => {
    const onWorkshop = await post(JUSTINE, collective({ autonomy: "autonome" }));
    assert.equal(onWorkshop.statusCode, 400);
    assert.match(onWorkshop.body, /Ce champ ne concerne que les accompagnements individuels/);
    assert.match(onWorkshop.body, /value="Découvrir la messagerie"/);
    const onIndividual = await post(JUSTINE, individual({ title: "Un titre" }));
    assert.equal(onIndividual.statusCode, 400);
    assert.match(onIndividual.body, /Ce champ ne concerne que les ateliers collectifs/);
    const noOne = await post(JUSTINE, collective({ "anonymousParticipants.total": "0" }));
    assert.equal(noOne.statusCode, 400);
    assert.match(noOne.body, /Indiquez au moins un participant/);
    const id = await created(collective({ level: "debutant", "anonymousParticipants.genders.feminin": "4" }));
    const row = await t.handle.db.selectFrom("activity_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.participants_total, 6);
    assert.equal(row.anonymous_participants?.genders.feminin, 4);
    assert.equal(row.anonymous_participants?.genders["non-communique"], 2);
  });

  test("a commune is required at home and in another place; a name or « Nom (code) » is understood", async () => {
    const home = await post(JUSTINE, individual({ placeType: "domicile", placeId: "" }));
    assert.equal(home.statusCode, 400);
    assert.match(home.body, /Indiquez la commune où s&#39;est déroulée l&#39;activité/);
    const other = await post(JUSTINE, individual({ placeType: "autre-lieu", communeCode: "Atlantide" }));
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /Choisissez une commune de la liste/);
    assert.match(other.body, /value="Atlantide"/);
    const agen = await created(individual({ placeType: "domicile", placeId: "", communeCode: "Agen (47001)" }));
    const nerac = await created(individual({ placeType: "autre-lieu", placeId: "", communeCode: "nerac" }));
    const rows = await t.handle.db.selectFrom("activity_reports").select(["id", "commune_code", "place_id"]).where("id", "in", [agen, nerac]).execute();
    assert.deepEqual(new Set(rows.map((r) => r.commune_code)), new Set(["47001", "47195"]));
    assert.ok(rows.every((r) => r.place_id === null));
  });

  test("a custom duration lies between 1 and 1440 minutes", async () => {
    for (const minutes of ["0", "1441", "douze"]) {
      const response = await post(JUSTINE, individual({ durationPreset: "autre", durationMinutes: minutes }));
      assert.equal(response.statusCode, 400, minutes);
      assert.match(response.body, /La durée doit être un nombre entier de minutes, entre 1 et 1440/);
      assert.match(response.body, new RegExp(`name="durationMinutes" type="number" value="${minutes}"`));
    }
    const id = await created(individual({ durationPreset: "autre", durationMinutes: "50" }));
    const row = await t.handle.db.selectFrom("activity_reports").select("duration_minutes").where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.duration_minutes, 50);
  });

  test("a date in the future is refused", async () => {
    const response = await post(JUSTINE, individual({ date: "2030-06-13" }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /La date ne peut pas être dans le futur/);
  });

  test("a place that is not one of the advisor's is refused", async () => {
    const other = await t.handle.db
      .selectFrom("places")
      .select("id")
      .where("structure_id", "<>", justine.structure_id)
      .where("id", "not in", t.handle.db.selectFrom("permanences").select("place_id").where("advisor_id", "=", justine.id))
      .executeTakeFirstOrThrow();
    const response = await post(JUSTINE, individual({ placeId: other.id }));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Choisissez un de vos lieux d&#39;activité/);
  });

  test("only advisors write reports; others' reports answer 404 on view, edit and delete", async () => {
    const id = await created(individual());
    const coordination = await signIn(t, COORDINATION);
    assert.equal((await coordination.get("/activites/nouveau")).statusCode, 403);
    assert.equal((await coordination.get(`/activites/${id}`)).statusCode, 200, "the network reads anonymised reports");
    assert.equal((await coordination.get(`/activites/${id}/modifier`)).statusCode, 404);
    const other = await signIn(t, ISABELLE);
    assert.equal((await other.get(`/activites/${id}`)).statusCode, 404);
    assert.equal((await other.get(`/activites/${id}/modifier`)).statusCode, 404);
    assert.equal((await other.get(`/activites/${id}/supprimer`)).statusCode, 404);
    await other.get("/activites/nouveau");
    assert.equal((await postForm(t, other, `/activites/${id}/supprimer`, [])).statusCode, 404);
    assert.equal((await postForm(t, other, `/activites/${id}/modifier`, individual())).statusCode, 404);
    assert.equal((await other.get("/activites/00000000-0000-4000-8000-000000000000")).statusCode, 404);
    assert.equal((await other.get(`/activites/nouveau?copie=${id}`)).statusCode, 404);
    const row = await t.handle.db.selectFrom("activity_reports").select("deleted_at").where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.deleted_at, null);
  });

  test("« Compléter le compte rendu » from an appointment: prefilled, linked, and the appointment marked honoured", async () => {
    const appointmentId = await insertAppointmentFor(t, justine, {
      date: "2030-06-10",
      time: "10:00",
      minutes: 45,
      placeId: place.id,
      themes: ["sante", "e-mail"],
      birthYear: 1950,
      communeCode: "47001",
    });
    assert.equal((await (await signIn(t, ISABELLE)).get(`/activites/nouveau?rendez-vous=${appointmentId}`)).statusCode, 404);
    const advisor = await signIn(t, JUSTINE);
    const appointmentPage = await advisor.get(`/agenda/rendez-vous/${appointmentId}`);
    assert.match(appointmentPage.body, new RegExp(`href="/activites/nouveau\\?rendez-vous=${appointmentId}"[^>]*>Compléter le compte rendu`));
    const form = await advisor.get(`/activites/nouveau?rendez-vous=${appointmentId}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="2030-06-10"/);
    assert.match(form.body, new RegExp(`<option value="${place.id}" selected>`));
    assert.match(form.body, /name="durationPreset" value="45" checked/);
    assert.match(form.body, /name="themes" value="e-mail" checked/);
    assert.match(form.body, /name="themes" value="sante" checked/);
    assert.match(form.body, /<option value="70-et-plus" selected>/);
    assert.match(form.body, /value="Agen \(47001\)"/);
    const saved = await postForm(t, advisor, `/activites/nouveau?rendez-vous=${appointmentId}`, [
      ...individual({ date: "2030-06-10", durationPreset: "45", themes: ["e-mail", "sante"] }),
      ["ageBand", "70-et-plus"],
      ["residenceCommuneCode", "Agen (47001)"],
    ]);
    assert.equal(saved.statusCode, 303, saved.body);
    const report = await t.handle.db.selectFrom("activity_reports").selectAll().where("appointment_id", "=", appointmentId).executeTakeFirstOrThrow();
    assert.equal(report.beneficiary_age_band, "70-et-plus");
    assert.equal(report.beneficiary_commune_code, "47001");
    const appointment = await t.handle.db.selectFrom("appointments").select("status").where("id", "=", appointmentId).executeTakeFirstOrThrow();
    assert.equal(appointment.status, "attended");
    const future = await insertAppointmentFor(t, justine, { date: "2030-06-20", time: "10:00", minutes: 30, placeId: place.id, themes: [] });
    assert.doesNotMatch((await advisor.get(`/agenda/rendez-vous/${future}`)).body, /Compléter le compte rendu/, "nothing to report yet");
    const again = await advisor.get(`/activites/nouveau?rendez-vous=${appointmentId}`);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/activites/${report.id}`);
    const linked = await advisor.get(`/agenda/rendez-vous/${appointmentId}`);
    assert.match(linked.body, new RegExp(`href="/activites/${report.id}"[^>]*>Voir le compte rendu`));
  });

  test("« Compléter le compte rendu » from a workshop: a collective report with the people present", async () => {
    const workshopId = await insertWorkshopFor(t, justine, { date: "2030-06-05", placeId: place.id, attended: 3, absent: 1 });
    assert.equal((await (await signIn(t, ISABELLE)).get(`/activites/nouveau?atelier=${workshopId}`)).statusCode, 404);
    const advisor = await signIn(t, JUSTINE);
    const sheet = await advisor.get(`/gestion/ateliers/${workshopId}/presences`);
    assert.match(sheet.body, new RegExp(`href="/activites/nouveau\\?atelier=${workshopId}"[^>]*>Compléter le compte rendu`));
    const form = await advisor.get(`/activites/nouveau?atelier=${workshopId}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="type" value="collectif"/);
    assert.match(form.body, /value="Bien utiliser sa messagerie"/);
    assert.match(form.body, /value="2030-06-05"/);
    assert.match(form.body, /name="durationPreset" value="120" checked/);
    assert.match(form.body, /name="level" value="debutant" checked/);
    assert.match(form.body, /name="themes" value="securite-numerique" checked/);
    assert.match(form.body, /id="anonymousParticipants.total" name="anonymousParticipants.total" type="number" value="3"/);
    const saved = await postForm(
      t,
      advisor,
      `/activites/nouveau?atelier=${workshopId}`,
      collective({
        date: "2030-06-05",
        durationPreset: "120",
        themes: ["e-mail", "securite-numerique"],
        title: "Bien utiliser sa messagerie",
        level: "debutant",
        "anonymousParticipants.total": "3",
      }),
    );
    assert.equal(saved.statusCode, 303, saved.body);
    const report = await t.handle.db.selectFrom("activity_reports").selectAll().where("workshop_id", "=", workshopId).executeTakeFirstOrThrow();
    assert.equal(report.participants_total, 3);
    assert.equal(report.type, "collectif");
    assert.equal((await advisor.get(`/activites/nouveau?atelier=${workshopId}`)).headers.location, `/activites/${report.id}`);
  });

  test("a known person: chosen from the advisor's people, the profile snapshot from the record, the name hidden from the network", async () => {
    const personId = await insertBeneficiary(t, justine, "Lucienne", "Garrigues");
    assert.equal((await (await signIn(t, ISABELLE)).get(`/activites/nouveau?beneficiaire=${personId}`)).statusCode, 404);
    const advisor = await signIn(t, JUSTINE);
    const form = await advisor.get(`/activites/nouveau?beneficiaire=${personId}`);
    assert.match(form.body, new RegExp(`<option value="${personId}" selected>Garrigues Lucienne</option>`));
    const profileTyped = await post(JUSTINE, individual({ beneficiaryId: personId, gender: "masculin" }));
    assert.equal(profileTyped.statusCode, 400);
    assert.match(profileTyped.body, /Le profil d&#39;une personne connue vient de sa fiche/);
    const id = await created(individual({ beneficiaryId: personId }));
    const row = await t.handle.db.selectFrom("activity_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual(
      [row.beneficiary_id, row.beneficiary_gender, row.beneficiary_age_band, row.beneficiary_social_status, row.beneficiary_commune_code],
      [personId, "feminin", "60-69", "retraite", "47001"],
    );
    assert.match((await advisor.get(`/activites/${id}`)).body, /Lucienne Garrigues/);
    const reads = await t.handle.db.selectFrom("audit_log").select("details").where("action", "=", "beneficiary.read").where("subject_id", "=", personId).execute();
    assert.deepEqual(
      reads.map((r) => r.details),
      [{ what: "compte-rendu" }],
      "showing the name on a report is logged as a read of the record",
    );
    const network = await (await signIn(t, COORDINATION)).get(`/activites/${id}`);
    assert.doesNotMatch(network.body, /Garrigues/);
    assert.match(network.body, /Personne anonyme/);
    // Erased later: an edit keeps the person as the report snapshotted them, without a name.
    await t.handle.db
      .updateTable("beneficiaries")
      .set({ first_name: null, last_name: null, search_name: null, erased_at: NOW, erased_reason: "demande" })
      .where("id", "=", personId)
      .execute();
    const edit = await advisor.get(`/activites/${id}/modifier`);
    assert.match(edit.body, new RegExp(`<option value="${personId}" selected>Personne suivie \\(nom non affiché\\)</option>`));
    const edited = await postForm(t, advisor, `/activites/${id}/modifier`, individual({ beneficiaryId: personId, durationPreset: "60" }));
    assert.equal(edited.statusCode, 303, edited.body);
    const after = await t.handle.db.selectFrom("activity_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.deepEqual([after.beneficiary_id, after.beneficiary_age_band, after.duration_minutes], [personId, "60-69", 60]);
    assert.match((await advisor.get(`/activites/${id}`)).body, /Personne anonyme/);
    const stranger = await post(ISABELLE, individual({ beneficiaryId: personId, placeId: (await placeOfAdvisor(t, isabelle.id)).id }));
    assert.equal(stranger.statusCode, 400);
    assert.match(stranger.body, /Cette personne est introuvable/);
  });

  test("edit (author only, audited) and duplicate (today, no link)", async () => {
    const id = await created(individual({ themes: ["bureautique"], durationPreset: "60" }));
    const advisor = await signIn(t, JUSTINE);
    const form = await advisor.get(`/activites/${id}/modifier`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="themes" value="bureautique" checked/);
    const wrong = await postForm(t, advisor, `/activites/${id}/modifier`, individual({ themes: [] }));
    assert.equal(wrong.statusCode, 400);
    const saved = await postForm(t, advisor, `/activites/${id}/modifier`, individual({ themes: ["bureautique"], durationPreset: "90" }));
    assert.equal(saved.statusCode, 303);
    const row = await t.handle.db.selectFrom("activity_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.duration_minutes, 90);
    assert.equal(row.advisor_id, justine.id);
    const audit = await t.handle.db.selectFrom("audit_log").select("action").where("subject_id", "=", id).orderBy("id").execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ["activity_report.created", "activity_report.updated"],
    );
    const copy = await advisor.get(`/activites/nouveau?copie=${id}`);
    assert.equal(copy.statusCode, 200);
    assert.match(copy.body, /value="2030-06-12"/);
    assert.match(copy.body, /name="themes" value="bureautique" checked/);
    assert.match(copy.body, /name="durationPreset" value="90" checked/);
    assert.match(copy.body, /action="\/activites\/nouveau"/);
  });

  test("a soft delete asks first, hides the report and is audited", async () => {
    const id = await created(individual());
    const advisor = await signIn(t, JUSTINE);
    const ask = await advisor.get(`/activites/${id}/supprimer`);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /Supprimer ce compte rendu/);
    const done = await postForm(t, advisor, `/activites/${id}/supprimer`, []);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, "/activites?supprime=1");
    assert.match((await advisor.get("/activites?supprime=1")).body, /Le compte rendu a été supprimé/);
    const row = await t.handle.db.selectFrom("activity_reports").select(["deleted_at", "deleted_by_user_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    assert.ok(row.deleted_at);
    assert.ok(row.deleted_by_user_id);
    assert.equal((await advisor.get(`/activites/${id}`)).statusCode, 404);
    assert.equal((await advisor.get(`/activites/${id}/modifier`)).statusCode, 404);
    const audit = await t.handle.db.selectFrom("audit_log").select("action").where("subject_id", "=", id).where("action", "=", "activity_report.deleted").execute();
    assert.equal(audit.length, 1);
    assert.match((await advisor.get(String(done.headers.location))).body, /Le compte rendu a été supprimé/);
  });
});
