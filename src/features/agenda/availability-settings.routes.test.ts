import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { advisorByEmail, postForm, signIn } from "./agenda.test-support.ts";

const LGNUM_MANAGER = "responsable.lgnum@declic47.example";

function kindFields(overrides: Record<string, string> = {}): [string, string][] {
  const fields: Record<string, string> = {
    name: "Réparer sa boîte mail",
    duration_minutes: "45",
    location: "place",
    bookable_by: "public",
    earliest_minutes: "30",
    latest_months: "3",
    active: "1",
    ...overrides,
  };
  return Object.entries(fields);
}

describe("availability settings: motifs and absences", () => {
  let t: TestApp;
  let isabelle: { id: string; structure_id: string };
  let justine: { id: string; structure_id: string };

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2028-02-07T08:00:00Z") });
    isabelle = await advisorByEmail(t, "isabelle.petit@declic47.example");
    justine = await advisorByEmail(t, "justine.sabathier@declic47.example");
  });
  after(() => t.close());

  test("a structure manager adds and edits the motifs of their structure", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    const list = await manager.get("/gestion/motifs");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Lot-et-Garonne Numérique/i);
    const form = await manager.get(`/gestion/motifs/nouveau?structure=${isabelle.structure_id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="earliest_minutes"[^>]*value="30"|value="30"[^>]*name="earliest_minutes"/);
    const saved = await postForm(t, manager, `/gestion/motifs/nouveau?structure=${isabelle.structure_id}`, kindFields({ bookable_by: "staff", location: "phone" }));
    assert.equal(saved.statusCode, 303);
    const kind = await t.handle.db
      .selectFrom("appointment_kinds")
      .selectAll()
      .where("structure_id", "=", isabelle.structure_id)
      .where("name", "=", "Réparer sa boîte mail")
      .executeTakeFirstOrThrow();
    assert.equal(kind.location, "phone");
    assert.equal(kind.bookable_by, "staff");
    assert.equal(kind.latest_months, 3);
    const after = await manager.get(`/gestion/motifs?structure=${isabelle.structure_id}`);
    assert.match(after.body, /Réparer sa boîte mail/);
    assert.match(after.body, /Par téléphone/);

    await manager.get(`/gestion/motifs/${kind.id}/modifier`);
    const edited = await postForm(t, manager, `/gestion/motifs/${kind.id}/modifier`, kindFields({ duration_minutes: "60" }).filter(([k]) => k !== "active"));
    assert.equal(edited.statusCode, 303);
    const row = await t.handle.db.selectFrom("appointment_kinds").select(["duration_minutes", "active"]).where("id", "=", kind.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { duration_minutes: 60, active: false });
  });

  test("a motif with a wrong duration or window comes back with French errors and the input kept", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    await manager.get(`/gestion/motifs/nouveau?structure=${isabelle.structure_id}`);
    const response = await postForm(
      t,
      manager,
      `/gestion/motifs/nouveau?structure=${isabelle.structure_id}`,
      kindFields({ name: "Atelier long", duration_minutes: "180", latest_months: "24", location: "" }),
    );
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /La durée doit être de 15 à 120 minutes/);
    assert.match(response.body, /Le délai maximum doit être de 1 à 12 mois/);
    assert.match(response.body, /Choisissez où a lieu le rendez-vous/);
    assert.match(response.body, /Il y a 3 erreurs/);
    assert.match(response.body, /value="Atelier long"/);
    assert.match(response.body, /value="180"/);
  });

  test("motifs of another structure are out of reach; advisors have no motif pages", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    assert.equal((await manager.get(`/gestion/motifs?structure=${justine.structure_id}`)).statusCode, 404);
    assert.equal((await manager.get(`/gestion/motifs/nouveau?structure=${justine.structure_id}`)).statusCode, 404);
    const advisor = await signIn(t, "isabelle.petit@declic47.example");
    assert.equal((await advisor.get("/gestion/motifs")).statusCode, 403);
    const coordinator = await signIn(t, "coordination@declic47.example");
    const pick = await coordinator.get("/gestion/motifs");
    assert.equal(pick.statusCode, 200);
    assert.match(pick.body, new RegExp(`/gestion/motifs\\?structure=${justine.structure_id}`));
  });

  test("an advisor adds a weekly training day and a one-off leave, which then show in their agenda", async () => {
    const advisor = await signIn(t, "isabelle.petit@declic47.example");
    const page = await advisor.get("/agenda/absences");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mes absences/);
    const weekly = await postForm(t, advisor, "/agenda/absences", [
      ["kind", "training"],
      ["label", "Afpa Agen"],
      ["type", "weekly"],
      ["weekdays", "2"],
      ["weekly_start", ""],
      ["weekly_end", ""],
      ["valid_from", "2028-01-01"],
      ["valid_to", ""],
    ]);
    assert.equal(weekly.statusCode, 303);
    await advisor.get("/agenda/absences");
    const once = await postForm(t, advisor, "/agenda/absences", [
      ["kind", "leave"],
      ["type", "once"],
      ["start_date", "2028-02-10"],
      ["start_time", "14:00"],
      ["end_date", "2028-02-11"],
      ["end_time", ""],
    ]);
    assert.equal(once.statusCode, 303);
    const rows = await t.handle.db.selectFrom("absences").selectAll().where("advisor_id", "=", isabelle.id).orderBy("created_at").execute();
    const leave = rows.find((r) => r.kind === "leave" && r.starts_at?.toISOString() === "2028-02-10T13:00:00.000Z")!;
    assert.equal(leave.ends_at?.toISOString(), "2028-02-11T23:00:00.000Z");
    const training = rows.find((r) => r.label === "Afpa Agen")!;
    assert.deepEqual(training.weekdays, [2]);
    assert.equal(training.start_time, null);

    const week = await advisor.get("/agenda?semaine=2028-02-07");
    assert.match(week.body, /Absence, toute la journée : Formation \(Afpa\) : Afpa Agen/);
    assert.match(week.body, /Absence, à partir de 14\u00a0h : Congés/);
    assert.match(week.body, /Absence, toute la journée : Congés/);

    const list = await advisor.get("/agenda/absences");
    assert.match(list.body, /Chaque mardi, toute la journée, à partir du 01\/01\/2028/);
    const deleted = await postForm(t, advisor, `/agenda/absences/${training.id}/supprimer`, []);
    assert.equal(deleted.statusCode, 303);
    assert.equal(await t.handle.db.selectFrom("absences").select("id").where("id", "=", training.id).executeTakeFirst(), undefined);
  });

  test("an absence with missing days or reversed hours comes back with French errors and the input kept", async () => {
    const advisor = await signIn(t, "isabelle.petit@declic47.example");
    await advisor.get("/agenda/absences");
    const weekly = await postForm(t, advisor, "/agenda/absences", [
      ["kind", "training"],
      ["type", "weekly"],
      ["weekly_start", "14:00"],
      ["weekly_end", "09:00"],
      ["valid_from", "2028-01-01"],
    ]);
    assert.equal(weekly.statusCode, 400);
    assert.match(weekly.body, /Choisissez au moins un jour de la semaine/);
    assert.match(weekly.body, /L&#39;heure de fin doit être après l&#39;heure de début/);
    assert.match(weekly.body, /value="14:00"/);
    const once = await postForm(t, advisor, "/agenda/absences", [
      ["type", "once"],
      ["start_date", "2028-02-12"],
      ["end_date", "2028-02-10"],
    ]);
    assert.equal(once.statusCode, 400);
    assert.match(once.body, /Choisissez le motif de l&#39;absence/);
    assert.match(once.body, /La fin de l&#39;absence doit être après son début/);
    assert.match(once.body, /value="2028-02-12"/);
  });

  test("a manager manages their advisors' absences, not those of other structures", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    const page = await manager.get(`/agenda/absences?conseiller=${isabelle.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Absences de Isabelle Petit/);
    const saved = await postForm(t, manager, `/agenda/absences?conseiller=${isabelle.id}`, [
      ["kind", "other"],
      ["type", "once"],
      ["start_date", "2028-03-01"],
      ["end_date", "2028-03-01"],
    ]);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/agenda/absences?conseiller=${isabelle.id}&message=ajoutee`);
    assert.equal((await manager.get(`/agenda/absences?conseiller=${justine.id}`)).statusCode, 404);
    const justineAbsence = await t.handle.db
      .insertInto("absences")
      .values({ advisor_id: justine.id, kind: "leave", label: null, starts_at: new Date("2028-03-01T08:00:00Z"), ends_at: new Date("2028-03-02T08:00:00Z"), weekdays: null, start_time: null, end_time: null, valid_from: null, valid_to: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await manager.get(`/agenda/absences?conseiller=${isabelle.id}`);
    assert.equal((await postForm(t, manager, `/agenda/absences/${justineAbsence.id}/supprimer`, [])).statusCode, 404);
  });
});
