import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";
import {
  ADMIN,
  advisorByEmail,
  clearActivityData,
  createPerson,
  ISABELLE,
  insertCollectiveReport,
  insertIndividualReport,
  JEROME,
  JUSTINE,
  LGNUM_MANAGER,
  PREFECTURE,
  postForm,
  signIn,
} from "./beneficiaries.test-support.ts";

type Advisor = { id: string; structure_id: string };

function newRecordFields(overrides: Record<string, string> = {}): [string, string][] {
  return Object.entries({
    first_name: "Hélène",
    last_name: "Garrigues",
    phone: "06 11 22 33 44",
    email: "helene.garrigues@exemple.fr",
    birth_year: "1951",
    residence_commune: "Agen",
    gender: "feminin",
    social_status: "retraite",
    notes: "",
    consent: "1",
    consent_method: "oral",
    ...overrides,
  });
}

async function auditCount(t: TestApp, action: string, subjectId: string): Promise<number> {
  const rows = await t.handle.db.selectFrom("audit_log").select("id").where("action", "=", action).where("subject_id", "=", subjectId).execute();
  return rows.length;
}

describe("beneficiaries: records, consent, search and scoping", () => {
  let t: TestApp;
  let isabelle: Advisor;
  let justine: Advisor;

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-06-10T08:00:00Z") });
    await clearActivityData(t.handle.db);
    isabelle = await advisorByEmail(t, ISABELLE);
    justine = await advisorByEmail(t, JUSTINE);
  });
  after(() => t.close());

  test("an empty list says so and offers a new record", async () => {
    const advisor = await signIn(t, "cedric.couderc@declic47.example");
    const page = await advisor.get("/beneficiaires");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucune fiche pour l&#39;instant/);
    assert.match(page.body, /href="\/beneficiaires\/nouveau"/);
  });

  test("without the person's consent no record is created; the form comes back with the input kept", async () => {
    const advisor = await signIn(t, ISABELLE);
    const form = await advisor.get("/beneficiaires/nouveau");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /aucune fiche n&#39;est nécessaire/);
    assert.match(form.body, /donnée sensible/);
    assert.match(form.body, /<datalist id="communes-du-departement">/);
    const refused = await postForm(t, advisor, "/beneficiaires/nouveau", newRecordFields({ consent: "", consent_method: "" }));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Sans l&#39;accord de la personne, ne créez pas de fiche/);
    assert.match(refused.body, /Indiquez comment la personne a donné son accord/);
    assert.match(refused.body, /value="Garrigues"/);
    assert.match(refused.body, /value="Agen"/);
    const count = await t.handle.db.selectFrom("beneficiaries").select("id").where("last_name", "=", "Garrigues").execute();
    assert.equal(count.length, 0);

    const wrong = await postForm(t, advisor, "/beneficiaires/nouveau", newRecordFields({ first_name: "", residence_commune: "Lyon" }));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Indiquez le prénom/);
    assert.match(wrong.body, /Cette commune n&#39;est pas dans le département/);
  });

  test("a record with consent stores how, when and by whom, the age band and the commune code; it opens on its page", async () => {
    const advisor = await signIn(t, ISABELLE);
    await advisor.get("/beneficiaires/nouveau");
    const created = await postForm(t, advisor, "/beneficiaires/nouveau", newRecordFields({ consent_method: "ecrit" }));
    assert.equal(created.statusCode, 303);
    const row = await t.handle.db.selectFrom("beneficiaries").selectAll().where("last_name", "=", "Garrigues").executeTakeFirstOrThrow();
    assert.equal(row.advisor_id, isabelle.id);
    assert.equal(row.structure_id, isabelle.structure_id);
    assert.equal(row.consent_method, "ecrit");
    assert.ok(row.consent_at);
    assert.ok(row.consent_by_user_id);
    assert.equal(row.age_band, "70-et-plus");
    assert.equal(row.residence_commune_code, "47001");
    assert.equal(row.search_name, "helene garrigues");
    assert.equal(row.shared_with_structure, false);
    const page = await advisor.get(created.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /La fiche a été créée/);
    assert.match(page.body, /Accord donné par écrit/);
    assert.match(page.body, new RegExp(`href="/activites/nouveau\\?beneficiaire=${row.id}"`));
    assert.equal(await auditCount(t, "beneficiary.read", row.id), 1);
  });

  test("search ignores accents and case, finds « last first », phone and e-mail, and keeps the query across pages", async () => {
    const advisor = await signIn(t, ISABELLE);
    for (const q of ["helene", "HELENE garrigues", "garrigues hélène", "0611223344", "11 22 33", "helene.garrigues@"]) {
      const page = await advisor.get(`/beneficiaires?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Hélène Garrigues/, `found by « ${q} »`);
    }
    const none = await advisor.get("/beneficiaires?q=zzz");
    assert.match(none.body, /Aucune personne ne correspond à « zzz »/);

    for (let i = 0; i < 30; i++) await createPerson(t.handle.db, isabelle, { firstName: `Paulette${String(i).padStart(2, "0")}`, lastName: "Séguier" });
    const first = await advisor.get("/beneficiaires?q=seguier");
    assert.match(first.body, /30 personnes/);
    assert.match(first.body, /Page 1 sur 2/);
    assert.match(first.body, /href="\/beneficiaires\?q=seguier&amp;page=2"/);
    const second = await advisor.get("/beneficiaires?q=seguier&page=2");
    assert.equal((second.body.match(/Paulette\d\d Séguier/g) ?? []).length, 5);
  });

  test("another advisor's unshared record answers 404 and the attempt is logged; shared, it is seen by a colleague and the manager", async () => {
    const id = await createPerson(t.handle.db, isabelle, { firstName: "Odette", lastName: "Lamarque", phone: "06 55 44 33 22" });
    const colleague = await signIn(t, JEROME);
    const manager = await signIn(t, LGNUM_MANAGER);
    const outsider = await signIn(t, JUSTINE);
    for (const visitor of [colleague, manager, outsider]) {
      assert.equal((await visitor.get(`/beneficiaires/${id}`)).statusCode, 404);
      assert.doesNotMatch((await visitor.get("/beneficiaires?q=lamarque")).body, /Odette/);
    }
    assert.equal(await auditCount(t, "beneficiary.denied", id), 3);
    assert.equal((await outsider.get("/beneficiaires/00000000-0000-4000-8000-000000000000")).statusCode, 404);
    assert.equal((await outsider.get("/beneficiaires/pas-un-id/export")).statusCode, 404);

    const owner = await signIn(t, ISABELLE);
    await owner.get(`/beneficiaires/${id}`);
    const shared = await postForm(t, owner, `/beneficiaires/${id}/partage`, [["shared", "1"]]);
    assert.equal(shared.statusCode, 303);
    for (const visitor of [colleague, manager]) {
      const page = await visitor.get(`/beneficiaires/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Odette Lamarque/);
      assert.match((await visitor.get("/beneficiaires?q=lamarque")).body, /Odette Lamarque/);
    }
    assert.doesNotMatch(await colleague.get(`/beneficiaires/${id}`).then((r) => r.body), /Modifier la fiche/, "a colleague sees but does not manage");
    assert.equal((await colleague.get(`/beneficiaires/${id}/modifier`)).statusCode, 404);
    assert.match((await manager.get(`/beneficiaires/${id}`)).body, /Modifier la fiche/, "the manager manages shared records");
    assert.equal((await outsider.get(`/beneficiaires/${id}`)).statusCode, 404);
  });

  test("every record route answers 404 (and is logged) for ids outside the actor's scope, reads and writes alike", async () => {
    const id = await createPerson(t.handle.db, isabelle, { firstName: "Rosine", lastName: "Barrère", phone: "06 77 66 55 44" });
    const before = await auditCount(t, "beneficiary.denied", id);
    const visitors = [await signIn(t, JEROME), await signIn(t, LGNUM_MANAGER), await signIn(t, JUSTINE)];
    const reads = ["", "/modifier", "/export", "/export.json", "/effacer"].map((suffix) => `/beneficiaires/${id}${suffix}`);
    for (const visitor of visitors) {
      for (const url of [...reads, `/beneficiaires/doublons/fusion?a=${id}&b=${justine.id}`]) {
        const response = await visitor.get(url);
        assert.equal(response.statusCode, 404, url);
        assert.doesNotMatch(response.body, /Barrère|06 77 66 55 44/);
      }
      await visitor.get("/beneficiaires");
      for (const [url, fields] of [
        [`/beneficiaires/${id}/modifier`, [["first_name", "Pirate"]]],
        [`/beneficiaires/${id}/partage`, [["shared", "1"]]],
        [`/beneficiaires/${id}/effacer`, []],
      ] as [string, [string, string][]][]) {
        assert.equal((await postForm(t, visitor, url, fields)).statusCode, 404, `POST ${url}`);
      }
    }
    const row = await t.handle.db.selectFrom("beneficiaries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.first_name, "Rosine");
    assert.equal(row.shared_with_structure, false);
    assert.equal(row.erased_at, null);
    assert.equal((await auditCount(t, "beneficiary.denied", id)) - before, visitors.length * 9);
  });

  test("coordinators, the Préfecture and admins never see identities: 403 on every beneficiary page", async () => {
    const id = await createPerson(t.handle.db, isabelle, { firstName: "Yvette", lastName: "Casteran", shared: true });
    const coordinatorEmail = "coordinatrice.seule@exemple.fr";
    const coordinatorId = await insertUser(t.handle.db, { email: coordinatorEmail, firstName: "Coco", lastName: "Ordinatrice" });
    await addRole(t.handle.db, coordinatorId, "coordinator", null);
    for (const email of [coordinatorEmail, PREFECTURE, ADMIN]) {
      const visitor = await signIn(t, email);
      for (const url of ["/beneficiaires", "/beneficiaires/nouveau", `/beneficiaires/${id}`, `/beneficiaires/${id}/export`, `/beneficiaires/${id}/export.json`, "/beneficiaires/doublons", "/beneficiaires/journal"]) {
        const page = await visitor.get(url);
        assert.equal(page.statusCode, 403, `${email} ${url}`);
        assert.doesNotMatch(page.body, /Casteran/);
      }
    }
  });

  test("the record lists the person's accompaniments, individual and in workshops, newest first; edit and unshare work", async () => {
    const id = await createPerson(t.handle.db, isabelle, { firstName: "Marcel", lastName: "Daubas" });
    const older = await insertIndividualReport(t.handle.db, isabelle, id, "2026-03-02");
    const workshop = await insertCollectiveReport(t.handle.db, isabelle, [id], "2026-04-15");
    await insertIndividualReport(t.handle.db, isabelle, id, "2026-05-01", { deleted: true });
    const owner = await signIn(t, ISABELLE);
    const page = await owner.get(`/beneficiaires/${id}`);
    const links = [...page.body.matchAll(/href="\/activites\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.deepEqual(links, [workshop, older]);
    assert.match(page.body, /atelier « Se protéger des arnaques »/);

    await owner.get(`/beneficiaires/${id}/modifier`);
    const bad = await postForm(t, owner, `/beneficiaires/${id}/modifier`, [["first_name", "Marcel"], ["email", "pas bon"]]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /value="pas bon"/);
    const saved = await postForm(t, owner, `/beneficiaires/${id}/modifier`, [
      ["first_name", "Marcel"],
      ["last_name", "Daubas-Lévêque"],
      ["birth_year", "1990"],
      ["gender", "masculin"],
      ["social_status", "en-emploi"],
    ]);
    assert.equal(saved.statusCode, 303);
    const row = await t.handle.db.selectFrom("beneficiaries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.search_name, "marcel daubas leveque");
    assert.equal(row.age_band, "25-39");
    assert.equal(row.consent_method, "oral", "consent stays as recorded");
  });
});
