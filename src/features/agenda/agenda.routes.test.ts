import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { advisorByEmail, insertAppointment, insertKind, postForm, signIn } from "./agenda.test-support.ts";

const JUSTINE = "justine.sabathier@declic47.example";
const ISABELLE = "isabelle.petit@declic47.example";
const LGNUM_MANAGER = "responsable.lgnum@declic47.example";

describe("the advisor agenda", () => {
  let t: TestApp;
  let justine: { id: string; structure_id: string };
  let isabelle: { id: string; structure_id: string };
  let justineAppointment: string;
  let isabelleAppointment: string;

  before(async () => {
    // Monday 7 February 2028, 9:00 in Paris: far from the demo's own appointments.
    t = await startTestApp({ template: "demo", now: new Date("2028-02-07T08:00:00Z") });
    justine = await advisorByEmail(t, JUSTINE);
    isabelle = await advisorByEmail(t, ISABELLE);
    const justineKind = await insertKind(t, justine.structure_id, "Démarches en ligne");
    const isabelleKind = await insertKind(t, isabelle.structure_id, "Prise en main du téléphone");
    justineAppointment = await insertAppointment(t, {
      advisorId: justine.id,
      kindId: justineKind,
      start: "2028-02-08T09:00:00Z",
      firstName: "Sophie",
      lastName: "Martinez",
      email: "sophie.martinez@exemple.fr",
    });
    isabelleAppointment = await insertAppointment(t, {
      advisorId: isabelle.id,
      kindId: isabelleKind,
      start: "2028-02-09T13:00:00Z",
      firstName: "Marcel",
      lastName: "Dupré",
    });
    await t.handle.db
      .insertInto("absences")
      .values({ advisor_id: justine.id, kind: "training", label: "Afpa", weekdays: [4], start_time: null, end_time: null, valid_from: "2028-01-01", valid_to: null, starts_at: null, ends_at: null })
      .execute();
  });
  after(() => t.close());

  test("an advisor sees their week with full names, motifs, places and their weekly training day", async () => {
    const advisor = await signIn(t, JUSTINE);
    const week = await advisor.get("/agenda");
    assert.equal(week.statusCode, 200);
    assert.match(week.body, /Mon agenda/);
    assert.match(week.body, /Semaine du lundi 7 février/);
    assert.match(week.body, /Rendez-vous : Sophie Martinez/);
    assert.match(week.body, /10\u00a0h\u00a0– 10\u00a0h\u00a045/);
    assert.match(week.body, /Démarches en ligne/);
    assert.match(week.body, /À venir/);
    assert.match(week.body, /Absence, toute la journée : Formation \(Afpa\) : Afpa/);
    assert.doesNotMatch(week.body, /Marcel/, "another advisor's appointments never show");
    assert.match(week.body, /href="\/agenda\?semaine=2028-01-31"/);
    assert.match(week.body, /href="\/agenda\?semaine=2028-02-14"/);

    const day = await advisor.get("/agenda?jour=2028-02-08");
    assert.equal(day.statusCode, 200);
    assert.match(day.body, /Mardi 8 février/);
    assert.match(day.body, /Sophie Martinez/);
    assert.match(day.body, /href="\/agenda\?jour=2028-02-07"/);
    const otherDay = await advisor.get("/agenda?jour=2028-02-09");
    assert.doesNotMatch(otherDay.body, /Sophie/);
  });

  test("a structure manager picks one of their advisors and sees first names with an initial only", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    const pick = await manager.get("/agenda");
    assert.equal(pick.statusCode, 200);
    assert.match(pick.body, new RegExp(`/agenda\\?conseiller=${isabelle.id}`));
    assert.doesNotMatch(pick.body, /Justine/);
    const week = await manager.get(`/agenda?conseiller=${isabelle.id}&semaine=2028-02-10`);
    assert.equal(week.statusCode, 200);
    assert.match(week.body, /Agenda de Isabelle Petit/);
    assert.match(week.body, /Marcel D\./);
    assert.doesNotMatch(week.body, /Dupré/);
    assert.doesNotMatch(week.body, /Synchroniser avec mon agenda/, "the feed is the advisor's own");
    assert.equal((await manager.get(`/agenda?conseiller=${justine.id}`)).statusCode, 404);
    assert.equal((await manager.get(`/agenda/rendez-vous/${justineAppointment}`)).statusCode, 404);
  });

  test("coordinators see any advisor; accounts without an agenda get 403; visitors must sign in", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    const week = await coordinator.get(`/agenda?conseiller=${isabelle.id}&semaine=2028-02-07`);
    assert.equal(week.statusCode, 200);
    assert.match(week.body, /Marcel D\./);
    const prefecture = await signIn(t, "prefecture@declic47.example");
    assert.equal((await prefecture.get("/agenda")).statusCode, 403);
    const anonymous = await t.app.inject({ method: "GET", url: "/agenda", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/connexion/);
  });

  test("an advisor cannot open another advisor's appointment: 404, as for a guessed id", async () => {
    const advisor = await signIn(t, JUSTINE);
    assert.equal((await advisor.get(`/agenda/rendez-vous/${isabelleAppointment}`)).statusCode, 404);
    assert.equal((await advisor.get("/agenda/rendez-vous/00000000-0000-4000-8000-000000000000")).statusCode, 404);
    assert.equal((await advisor.get("/agenda/rendez-vous/pas-un-id")).statusCode, 404);
    await advisor.get(`/agenda/rendez-vous/${justineAppointment}`);
    const forged = await postForm(t, advisor, `/agenda/rendez-vous/${isabelleAppointment}/statut`, [["statut", "cancelled"]]);
    assert.equal(forged.statusCode, 404);
  });

  test("the advisor marks an appointment honoured, keeps notes, and a cancellation frees the slot and tells the person", async () => {
    const advisor = await signIn(t, JUSTINE);
    const page = await advisor.get(`/agenda/rendez-vous/${justineAppointment}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rendez-vous avec Sophie Martinez/);
    assert.match(page.body, /sophie.martinez@exemple.fr/);
    assert.match(page.body, /aucune donnée sensible/);

    const noCsrf = await advisor.post(`/agenda/rendez-vous/${justineAppointment}/statut`, { statut: "attended", _csrf: "faux" });
    assert.equal(noCsrf.statusCode, 403);

    await advisor.get(`/agenda/rendez-vous/${justineAppointment}`);
    const bad = await postForm(t, advisor, `/agenda/rendez-vous/${justineAppointment}/statut`, [["statut", "perdu"]]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choisissez un statut de la liste/);

    const honoured = await postForm(t, advisor, `/agenda/rendez-vous/${justineAppointment}/statut`, [["statut", "attended"]]);
    assert.equal(honoured.statusCode, 303);
    const after = await advisor.get(`/agenda/rendez-vous/${justineAppointment}?message=statut`);
    assert.match(after.body, /Le statut a été enregistré/);
    assert.match(after.body, /value="attended" checked/);

    const notes = await postForm(t, advisor, `/agenda/rendez-vous/${justineAppointment}/notes`, [["notes", "  Revoir la messagerie.\r\nApporter le chargeur. "]]);
    assert.equal(notes.statusCode, 303);
    const stored = await t.handle.db.selectFrom("appointments").select(["notes", "status"]).where("id", "=", justineAppointment).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { notes: "Revoir la messagerie.\nApporter le chargeur.", status: "attended" });
    await advisor.get(`/agenda/rendez-vous/${justineAppointment}`);
    const tooLong = await postForm(t, advisor, `/agenda/rendez-vous/${justineAppointment}/notes`, [["notes", "x".repeat(5001)]]);
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /ne doivent pas dépasser 5000 caractères/);

    await advisor.get(`/agenda/rendez-vous/${justineAppointment}`);
    const cancelled = await postForm(t, advisor, `/agenda/rendez-vous/${justineAppointment}/statut`, [["statut", "cancelled"]]);
    assert.equal(cancelled.statusCode, 303);
    const row = await t.handle.db.selectFrom("appointments").select(["status", "cancelled_at"]).where("id", "=", justineAppointment).executeTakeFirstOrThrow();
    assert.equal(row.status, "cancelled");
    assert.ok(row.cancelled_at);
    const messages = await t.handle.db
      .selectFrom("outbox")
      .select(["idempotency_key", "recipient"])
      .where("idempotency_key", "like", `appointment:${justineAppointment}:%`)
      .execute();
    assert.ok(
      messages.some((m) => m.recipient === "sophie.martinez@exemple.fr"),
      `a cancellation notice is queued for the person: ${JSON.stringify(messages)}`,
    );
    const week = await advisor.get("/agenda?semaine=2028-02-08");
    assert.match(week.body, /Annulé/);
  });

  test("a manager of the advisor's structure may change the status and notes too", async () => {
    const manager = await signIn(t, LGNUM_MANAGER);
    const page = await manager.get(`/agenda/rendez-vous/${isabelleAppointment}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rendez-vous avec Marcel D\./);
    assert.doesNotMatch(page.body, /06 12 34 56 78/, "contact details stay with the advisor");
    const saved = await postForm(t, manager, `/agenda/rendez-vous/${isabelleAppointment}/statut`, [["statut", "excused"]]);
    assert.equal(saved.statusCode, 303);
    const row = await t.handle.db.selectFrom("appointments").select("status").where("id", "=", isabelleAppointment).executeTakeFirstOrThrow();
    assert.equal(row.status, "excused");
  });
});
