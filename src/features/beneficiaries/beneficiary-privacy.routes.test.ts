import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { appointmentKeyPrefix } from "../notifications/appointment-plan.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import {
  advisorByEmail,
  createPerson,
  findAnywhere,
  ISABELLE,
  insertCollectiveReport,
  insertIndividualReport,
  JEROME,
  JUSTINE,
  LGNUM_MANAGER,
  postForm,
  reportFigures,
  signIn,
} from "./beneficiaries.test-support.ts";

type Advisor = { id: string; structure_id: string };

describe("beneficiaries: RGPD export, erasure, duplicates and the read log", () => {
  let t: TestApp;
  let isabelle: Advisor;

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-06-10T08:00:00Z") });
    isabelle = await advisorByEmail(t, ISABELLE);
  });
  after(() => t.close());

  test("the export page and the JSON download hold the record, consent, reports and read log, and each is logged", async () => {
    const id = await createPerson(t.handle.db, isabelle, { firstName: "Germaine", lastName: "Bordenave", phone: "06 70 70 70 70", birthYear: 1944 });
    const report = await insertIndividualReport(t.handle.db, isabelle, id, "2026-05-20", { notes: "Veut écrire à sa petite-fille" });
    const owner = await signIn(t, ISABELLE);
    await owner.get(`/beneficiaires/${id}`);
    const page = await owner.get(`/beneficiaires/${id}/export`);
    assert.equal(page.statusCode, 200);
    for (const text of ["Germaine Bordenave", "06 70 70 70 70", "1944", "Accord donné à l&#39;oral", `/activites/${report}`, "Veut écrire à sa petite-fille", "Consultation de la fiche", "Isabelle Petit"]) {
      assert.ok(page.body.includes(text), `export page shows ${text}`);
    }
    const json = await owner.get(`/beneficiaires/${id}/export.json`);
    assert.equal(json.statusCode, 200);
    assert.match(String(json.headers["content-disposition"]), /^attachment; filename="donnees-beneficiaire-[0-9a-f-]+\.json"$/);
    const data = json.json() as { fiche: { prenom: string; telephone: string }; consentement: { comment: string }; comptesRendus: { id: string; notes: string }[]; consultations: { quoi: string }[] };
    assert.equal(data.fiche.prenom, "Germaine");
    assert.equal(data.fiche.telephone, "06 70 70 70 70");
    assert.equal(data.consentement.comment, "oral");
    assert.deepEqual(data.comptesRendus.map((r) => [r.id, r.notes]), [[report, "Veut écrire à sa petite-fille"]]);
    assert.deepEqual(data.consultations.map((c) => c.quoi), ["Téléchargement des données", "Consultation de l'export des données", "Consultation de la fiche"]);
    const reads = await t.handle.db.selectFrom("audit_log").select("details").where("action", "=", "beneficiary.read").where("subject_id", "=", id).orderBy("id").execute();
    assert.deepEqual(reads.map((r) => r.details.what), ["fiche", "export", "export-json"]);
  });

  test("after an erasure no identifying value of the person remains anywhere in the database, and no figure changes", async () => {
    const db = t.handle.db;
    const needles = ["Zéphyrine", "Zephyrine", "Quintavalle-Brouchard", "quintavalle", "06 98 76 54 32", "0698765432", "33698765432", "zephyrine.qb@exemple.test"];
    const owner = await signIn(t, ISABELLE);
    await owner.get("/beneficiaires/nouveau");
    const created = await postForm(t, owner, "/beneficiaires/nouveau", [
      ["first_name", "Zéphyrine"],
      ["last_name", "Quintavalle-Brouchard"],
      ["phone", "06 98 76 54 32"],
      ["email", "zephyrine.qb@exemple.test"],
      ["birth_year", "1937"],
      ["residence_commune", "47001"],
      ["gender", "feminin"],
      ["social_status", "retraite"],
      ["notes", "Zéphyrine préfère le matin"],
      ["shared", "1"],
      ["consent", "1"],
      ["consent_method", "oral"],
    ]);
    assert.equal(created.statusCode, 303);
    const id = (created.headers.location as string).split("/")[2]!.split("?")[0]!;
    const kind = await db.insertInto("appointment_kinds").values({ structure_id: isabelle.structure_id, name: "Démarches", duration_minutes: 45, location: "phone" }).returning("id").executeTakeFirstOrThrow();
    const appointment = await db
      .insertInto("appointments")
      .values({
        advisor_id: isabelle.id,
        kind_id: kind.id,
        starts_at: new Date("2026-05-12T08:00:00Z"),
        ends_at: new Date("2026-05-12T08:45:00Z"),
        first_name: "Zéphyrine",
        last_name: "Quintavalle-Brouchard",
        phone: "06 98 76 54 32",
        email: "zephyrine.qb@exemple.test",
        birth_year: 1937,
        needs: "Zéphyrine veut déclarer ses impôts",
        consent_at: new Date("2026-05-01T08:00:00Z"),
        booked_via: "staff",
        status: "attended",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueMessage(db, {
      idempotencyKey: `${appointmentKeyPrefix(appointment.id)}confirmation-sms:x`,
      channel: "sms",
      recipient: "+33698765432",
      text: "Bonjour Zéphyrine, votre rendez-vous est confirmé.",
      notBefore: new Date("2026-05-01T08:00:00Z"),
    });
    await insertIndividualReport(db, isabelle, id, "2026-05-12", { appointmentId: appointment.id, notes: "Avec Zéphyrine : impots.gouv" });
    const other = await createPerson(db, isabelle, { firstName: "Roger", lastName: "Ducos", gender: "masculin" });
    const workshop = await db
      .insertInto("workshops")
      .values({
        structure_id: isabelle.structure_id,
        advisor_id: isabelle.id,
        title: "Se protéger des arnaques",
        themes: ["securite-numerique"],
        level: "debutant",
        is_remote: true,
        capacity: 10,
        starts_at: new Date("2026-05-20T08:00:00Z"),
        ends_at: new Date("2026-05-20T09:30:00Z"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const registrations = await db
      .insertInto("workshop_registrations")
      .values([
        { workshop_id: workshop.id, first_name: "Zéphyrine", last_name: "Q.", email: "zephyrine.qb@exemple.test", status: "attended", consent_at: new Date("2026-05-01T08:00:00Z") },
        { workshop_id: workshop.id, first_name: "Roger", last_name: "Ducos", phone: "06 00 00 00 09", status: "attended", consent_at: new Date("2026-05-01T08:00:00Z") },
      ])
      .returning("id")
      .execute();
    await enqueueMessage(db, {
      idempotencyKey: `workshop-registration:${registrations[0]!.id}:registered:email`,
      channel: "email",
      recipient: "zephyrine.qb@exemple.test",
      subject: "Inscription",
      text: "Bonjour Zéphyrine",
      notBefore: new Date("2026-05-01T08:00:00Z"),
    });
    const workshopReport = await insertCollectiveReport(db, isabelle, [id, other], "2026-05-20");
    await db.updateTable("activity_reports").set({ workshop_id: workshop.id }).where("id", "=", workshopReport).execute();
    await insertIndividualReport(db, isabelle, null, "2026-05-21");
    await owner.get(`/beneficiaires/${id}`);
    const exported = (await owner.get(`/beneficiaires/${id}/export.json`)).json() as { rendezVous: { besoin: string }[] };
    assert.deepEqual(exported.rendezVous.map((r) => r.besoin), ["Zéphyrine veut déclarer ses impôts"], "the export shows the linked appointment");
    assert.ok((await findAnywhere(db, needles)).length > 5, "the needles are found before erasure");
    const figures = await reportFigures(db);

    const confirm = await owner.get(`/beneficiaires/${id}/effacer`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Les 2 comptes rendus restent/);
    const erased = await postForm(t, owner, `/beneficiaires/${id}/effacer`, []);
    assert.equal(erased.statusCode, 303);

    assert.deepEqual(await findAnywhere(db, needles), []);
    assert.deepEqual(await reportFigures(db), figures);
    const row = await db.selectFrom("beneficiaries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.erased_reason, "demande");
    assert.equal(row.gender, "feminin", "the non-identifying profile stays");
    const appointmentAfter = await db.selectFrom("appointments").selectAll().where("id", "=", appointment.id).executeTakeFirstOrThrow();
    assert.equal(`${appointmentAfter.first_name} ${appointmentAfter.last_name}`, "Personne effacée");
    assert.ok(appointmentAfter.anonymised_at);
    const kept = await db.selectFrom("workshop_registrations").select(["first_name", "phone"]).where("workshop_id", "=", workshop.id).orderBy("first_name").execute();
    assert.deepEqual(kept, [{ first_name: "Personne", phone: null }, { first_name: "Roger", phone: "06 00 00 00 09" }], "only her registration is blanked");
    assert.equal(await db.selectFrom("audit_log").select("id").where("action", "=", "beneficiary.erased").where("subject_id", "=", id).execute().then((r) => r.length), 1);
    const page = await owner.get(`/beneficiaires/${id}`);
    assert.match(page.body, /Personne effacée le/);
    assert.doesNotMatch((await owner.get("/beneficiaires")).body, new RegExp(id));
    assert.equal((await owner.get(`/beneficiaires/${id}/export`)).statusCode, 404);
  });

  test("likely duplicates are listed and merging moves reports and attendance to the kept record, then blanks the other", async () => {
    const db = t.handle.db;
    const keep = await createPerson(db, isabelle, { firstName: "Josiane", lastName: "Labarthe", phone: "06 31 31 31 31", shared: true });
    const dup = await createPerson(db, isabelle, { firstName: "Josianne", lastName: "Labarthe", phone: "+33 6 31 31 31 31", birthYear: 1949, gender: "feminin" });
    await createPerson(db, isabelle, { firstName: "Josiane", lastName: "Labarthe", phone: "07 00 00 00 01" });
    const keptReport = await insertIndividualReport(db, isabelle, keep, "2026-02-01");
    const dupReport = await insertIndividualReport(db, isabelle, dup, "2026-03-01");
    const both = await insertCollectiveReport(db, isabelle, [keep, dup], "2026-03-10");
    const dupOnly = await insertCollectiveReport(db, isabelle, [dup], "2026-03-20");
    const figures = await reportFigures(db);

    const owner = await signIn(t, ISABELLE);
    const list = await owner.get("/beneficiaires/doublons");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Josiann?e Labarthe et Josiann?e Labarthe/);
    assert.equal((list.body.match(/Labarthe et/g) ?? []).length, 1, "the third Josiane shares neither phone nor birth year");
    const compare = await owner.get(`/beneficiaires/doublons/fusion?a=${keep}&b=${dup}`);
    assert.equal(compare.statusCode, 200);
    assert.match(compare.body, /Fiche 2 : Josianne Labarthe/);
    const outsider = await signIn(t, JUSTINE);
    assert.equal((await outsider.get(`/beneficiaires/doublons/fusion?a=${keep}&b=${dup}`)).statusCode, 404);

    const merged = await postForm(t, owner, "/beneficiaires/doublons/fusion", [["a", keep], ["b", dup], ["keep", keep]]);
    assert.equal(merged.statusCode, 303);
    const reports = await db.selectFrom("activity_reports").select(["id", "beneficiary_id"]).where("id", "in", [keptReport, dupReport]).execute();
    assert.ok(reports.every((r) => r.beneficiary_id === keep));
    const attendance = await db.selectFrom("activity_participants").select(["report_id", "beneficiary_id"]).where("report_id", "in", [both, dupOnly]).execute();
    assert.deepEqual(attendance.map((a) => a.beneficiary_id).sort(), [keep, keep]);
    const kept = await db.selectFrom("beneficiaries").selectAll().where("id", "=", keep).executeTakeFirstOrThrow();
    assert.equal(kept.birth_year, 1949, "empty fields are filled from the other record");
    assert.equal(kept.gender, "feminin");
    assert.equal(kept.phone, "06 31 31 31 31", "filled fields stay");
    const redirect = await owner.get(`/beneficiaires/${dup}`);
    assert.equal(redirect.statusCode, 301, "the merged record's address leads to the kept one");
    assert.equal(redirect.headers.location, `/beneficiaires/${keep}`);
    const blank = await db.selectFrom("beneficiaries").selectAll().where("id", "=", dup).executeTakeFirstOrThrow();
    assert.equal(blank.merged_into_id, keep);
    assert.equal(blank.erased_reason, "fusion");
    assert.equal(blank.first_name, null);
    assert.equal(blank.phone, null);
    const figuresAfter = await reportFigures(db);
    assert.deepEqual(figuresAfter.individual.map((f) => ({ ...f, people: 0 })), figures.individual.map((f) => ({ ...f, people: 0 })), "reports keep their profile snapshot");
    const participants = await db.selectFrom("activity_reports").select(["id", "participants_total"]).where("id", "in", [both, dupOnly]).execute();
    assert.deepEqual(Object.fromEntries(participants.map((r) => [r.id, r.participants_total])), { [both]: 3, [dupOnly]: 3 }, "the person is counted once where both attended");
    assert.equal(merged.headers.location, `/beneficiaires/${keep}?message=fusion`);
    const page = await owner.get(merged.headers.location as string);
    assert.match(page.body, /70 ans et plus/, "the age band follows the birth year taken from the other record");
    assert.match(page.body, /Les deux fiches ont été fusionnées/);
    assert.equal([...page.body.matchAll(/href="\/activites\/[0-9a-f-]{36}"/g)].length, 4);
    assert.equal(await db.selectFrom("audit_log").select("id").where("action", "=", "beneficiary.merged").where("subject_id", "=", keep).execute().then((r) => r.length), 1);
  });

  test("the structure manager's journal lists who read which record, newest first; advisors cannot open it", async () => {
    const db = t.handle.db;
    const shared = await createPerson(db, isabelle, { firstName: "Léonie", lastName: "Sarrabère", shared: true });
    const colleague = await signIn(t, JEROME);
    await colleague.get(`/beneficiaires/${shared}`);
    const manager = await signIn(t, LGNUM_MANAGER);
    const journal = await manager.get("/beneficiaires/journal");
    assert.equal(journal.statusCode, 200);
    assert.match(journal.body, /<caption>Consultations, les plus récentes d&#39;abord<\/caption>/);
    const firstRow = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(journal.body)?.[1] ?? "";
    assert.match(firstRow, /Jérôme Ribeiro/);
    assert.match(firstRow, /Léonie Sarrabère/);
    assert.match(journal.body, /Fiche non partagée/, "unshared records read by their owner stay nameless");
    assert.equal((await colleague.get("/beneficiaires/journal")).statusCode, 403);
  });
});
