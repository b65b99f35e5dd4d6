import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, type Visitor } from "../../../test/support/app.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import { listAudit } from "../audit/audit.repository.ts";
import { postForm, signIn } from "./network.test-support.ts";

const COORDINATION = "coordination@declic47.example";
const ADMIN = "admin@declic47.example";
const PREFECTURE = "prefecture@declic47.example";
const NOBODY = "00000000-0000-4000-8000-000000000000";
const TOTAL_ROW = /<tr data-type="([^"]+)"><th scope="row">[^<]+<\/th><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g;

/** The totals table: kind → [actions, duration, participants], as the page writes them. */
function totalRows(html: string): Record<string, string[]> {
  return Object.fromEntries([...html.matchAll(TOTAL_ROW)].map((m) => [m[1], [m[2], m[3], m[4]]]));
}

function fields(overrides: Record<string, string> = {}): [string, string][] {
  return Object.entries({
    date: "2026-10-15",
    kind: "reunion-reseau",
    title: "Réunion des conseillers du Villeneuvois",
    duration_minutes: "120",
    participants_count: "12",
    partners: "CAF, France Travail",
    commune_code: "47323",
    notes: "Tour de table des permanences.",
    ...overrides,
  });
}

describe("the coordination log", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ template: "demo", now: DEMO_NOW });
  });
  after(() => t.close());

  async function insertEvent(values: { date: string; kind: "reunion-reseau" | "evenement" | "partenariat" | "formation" | "autre"; title: string; minutes?: number; people?: number }) {
    const row = await t.handle.db
      .insertInto("coordination_events")
      .values({ date: values.date, kind: values.kind, title: values.title, duration_minutes: values.minutes ?? null, participants_count: values.people ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A page with the sign-out form first, so a POST carries a valid CSRF token and only the role decides. */
  async function withToken(visitor: Visitor): Promise<Visitor> {
    await visitor.get("/espace");
    return visitor;
  }

  test("role matrix: coordination and admins write, the Préfecture reads, everyone else gets 403", async () => {
    const id = await insertEvent({ date: "2026-09-10", kind: "partenariat", title: "Convention avec la CAF" });
    const reads = ["/reseau/journal", `/reseau/journal/${id}`];
    const writes = ["/reseau/journal/nouveau", `/reseau/journal/${id}/modifier`, `/reseau/journal/${id}/supprimer`];
    for (const email of [COORDINATION, ADMIN]) {
      const visitor = await signIn(t, email);
      for (const url of [...reads, ...writes]) assert.equal((await visitor.get(url)).statusCode, 200, `${email} GET ${url}`);
    }
    const prefecture = await signIn(t, PREFECTURE);
    for (const url of reads) assert.equal((await prefecture.get(url)).statusCode, 200, `Préfecture GET ${url}`);
    assert.doesNotMatch((await prefecture.get(`/reseau/journal/${id}`)).body, /\/modifier"/, "no edit link for readers");
    for (const url of writes) assert.equal((await prefecture.get(url)).statusCode, 403, `Préfecture GET ${url}`);
    for (const url of writes) assert.equal((await postForm(t, await withToken(prefecture), url, fields())).statusCode, 403, `Préfecture POST ${url}`);
    for (const email of ["responsable.lgnum@declic47.example", "justine.sabathier@declic47.example", "mairie.nerac@declic47.example", "caf@declic47.example"]) {
      const visitor = await signIn(t, email);
      for (const url of [...reads, ...writes]) assert.equal((await visitor.get(url)).statusCode, 403, `${email} GET ${url}`);
      for (const url of writes) assert.equal((await postForm(t, await withToken(visitor), url, fields())).statusCode, 403, `${email} POST ${url}`);
    }
    const anonymous = await t.app.inject({ method: "GET", url: "/reseau/journal", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    const stored = await t.handle.db.selectFrom("coordination_events").select("title").where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(stored.title, "Convention avec la CAF", "no refused post changed anything");
  });

  test("guessed, malformed and deleted ids answer 404", async () => {
    const coordinator = await withToken(await signIn(t, COORDINATION));
    const deleted = await insertEvent({ date: "2026-09-11", kind: "autre", title: "Supprimée" });
    await t.handle.db.updateTable("coordination_events").set({ deleted_at: DEMO_NOW }).where("id", "=", deleted).execute();
    const prefecture = await signIn(t, PREFECTURE);
    for (const id of [NOBODY, "pas-un-id", deleted]) {
      for (const suffix of ["", "/modifier", "/supprimer"]) assert.equal((await coordinator.get(`/reseau/journal/${id}${suffix}`)).statusCode, 404, `${id}${suffix}`);
      await coordinator.get("/espace");
      for (const suffix of ["/modifier", "/supprimer"]) {
        assert.equal((await postForm(t, coordinator, `/reseau/journal/${id}${suffix}`, fields())).statusCode, 404, `POST ${id}${suffix}`);
        await coordinator.get("/espace");
      }
      assert.equal((await prefecture.get(`/reseau/journal/${id}`)).statusCode, 404);
    }
  });

  test("a wrong entry comes back with French errors and the input kept; a good one is saved and audited", async () => {
    const coordinator = await signIn(t, COORDINATION);
    await coordinator.get("/reseau/journal/nouveau");
    const wrong = await postForm(t, coordinator, "/reseau/journal/nouveau", fields({ date: "2026-13-01", kind: "", title: "", duration_minutes: "deux heures", commune_code: "47999" }));
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Il y a 5 erreurs/);
    assert.match(wrong.body, /Indiquez une date valide/);
    assert.match(wrong.body, /Choisissez le type d&#39;action/);
    assert.match(wrong.body, /Indiquez un titre/);
    assert.match(wrong.body, /Indiquez la durée en minutes/);
    assert.match(wrong.body, /Aucune commune ne porte le code INSEE 47999/);
    assert.match(wrong.body, /value="deux heures"/);
    assert.match(wrong.body, /value="2026-13-01"/);
    assert.match(wrong.body, /CAF, France Travail<\/textarea>/);

    const saved = await postForm(t, coordinator, "/reseau/journal/nouveau", fields());
    assert.equal(saved.statusCode, 303);
    const location = String(saved.headers.location);
    const id = /\/reseau\/journal\/([0-9a-f-]{36})\?message=ajoute$/.exec(location)?.[1];
    assert.ok(id, location);
    const page = await coordinator.get(location);
    assert.match(page.body, /L&#39;action a été ajoutée au journal/);
    assert.match(page.body, /15 octobre 2026/);
    assert.match(page.body, /Villeneuve-sur-Lot \(47323\)/);
    assert.match(page.body, /2\u00a0h/);
    const audit = await listAudit(t.handle.db, { subjectId: id });
    assert.deepEqual(audit.map((a) => a.action), ["coordination_event.created"]);
    const row = await t.handle.db.selectFrom("coordination_events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.duration_minutes, 120);
    assert.equal(row.participants_count, 12);
    assert.ok(row.created_by_user_id);
  });

  test("an entry is edited, then deleted after a confirmation; both are audited and the entry leaves the list", async () => {
    const coordinator = await signIn(t, COORDINATION);
    const id = await insertEvent({ date: "2026-10-20", kind: "evenement", title: "Forum de l'inclusion numérique", minutes: 240, people: 80 });
    const form = await coordinator.get(`/reseau/journal/${id}/modifier`);
    assert.match(form.body, /value="Forum de l&#39;inclusion numérique"/);
    const wrong = await postForm(t, coordinator, `/reseau/journal/${id}/modifier`, fields({ title: "", kind: "evenement" }));
    assert.equal(wrong.statusCode, 400);
    const changed = await postForm(t, coordinator, `/reseau/journal/${id}/modifier`, fields({ kind: "evenement", title: "Forum 2026", commune_code: "" }));
    assert.equal(changed.statusCode, 303);
    assert.match(String(changed.headers.location), /message=enregistre/);
    const [updated] = await listAudit(t.handle.db, { subjectId: id });
    assert.ok(updated);
    assert.equal(updated.action, "coordination_event.updated");
    assert.deepEqual((updated.details as { changes: Record<string, unknown> }).changes.title, ["Forum de l'inclusion numérique", "Forum 2026"]);

    const confirm = await coordinator.get(`/reseau/journal/${id}/supprimer`);
    assert.match(confirm.body, /Supprimer cette action/);
    assert.match(confirm.body, /« Forum 2026 »/);
    const gone = await postForm(t, coordinator, `/reseau/journal/${id}/supprimer`, []);
    assert.equal(gone.statusCode, 303);
    assert.equal(gone.headers.location, "/reseau/journal?message=supprime");
    const list = await coordinator.get("/reseau/journal?message=supprime");
    assert.match(list.body, /L&#39;action a été supprimée du journal/);
    assert.doesNotMatch(list.body, /Forum 2026/);
    assert.equal((await coordinator.get(`/reseau/journal/${id}`)).statusCode, 404);
    const row = await t.handle.db.selectFrom("coordination_events").select("deleted_at").where("id", "=", id).executeTakeFirstOrThrow();
    assert.ok(row.deleted_at, "soft-deleted: the row stays");
    assert.deepEqual((await listAudit(t.handle.db, { subjectId: id })).map((a) => a.action), ["coordination_event.deleted", "coordination_event.updated"]);
  });

  test("filters by period and kind narrow the list; totals by kind cover the period; pages of 25", async () => {
    await t.handle.db.deleteFrom("coordination_events").execute();
    const coordinator = await signIn(t, COORDINATION);
    const empty = await coordinator.get("/reseau/journal");
    assert.match(empty.body, /Aucune action enregistrée pour cette période/);
    for (let i = 0; i < 27; i++) await insertEvent({ date: `2026-03-${String((i % 28) + 1).padStart(2, "0")}`, kind: "formation", title: `Formation n° ${i + 1}`, minutes: 60, people: 2 });
    await insertEvent({ date: "2026-05-05", kind: "partenariat", title: "Convention France Travail", minutes: 90 });
    await insertEvent({ date: "2025-12-01", kind: "reunion-reseau", title: "Réunion de décembre", minutes: 120, people: 30 });

    const year = await coordinator.get("/reseau/journal");
    assert.match(year.body, /Bilan du 1er janvier 2026 au 31 décembre 2026/);
    assert.match(year.body, /<h2>28 actions<\/h2>/);
    assert.doesNotMatch(year.body, /Réunion de décembre/);
    assert.deepEqual(totalRows(year.body), {
      "reunion-reseau": ["0", "0\u00a0h", "0"],
      evenement: ["0", "0\u00a0h", "0"],
      partenariat: ["1", "1\u00a0h\u00a030", "0"],
      formation: ["27", "27\u00a0h", "54"],
      autre: ["0", "0\u00a0h", "0"],
      total: ["28", "28\u00a0h\u00a030", "54"],
    });
    assert.equal([...year.body.matchAll(/<tr data-action=/g)].length, 25);
    assert.match(year.body, /Page 1 sur 2/);
    const next = /href="([^"]+)" rel="next"/.exec(year.body)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(next);
    const second = await coordinator.get(next);
    assert.equal([...second.body.matchAll(/<tr data-action=/g)].length, 3);

    const partnerships = await coordinator.get("/reseau/journal?du=2026-01-01&au=2026-12-31&type=partenariat");
    assert.equal([...partnerships.body.matchAll(/<tr data-action=/g)].length, 1);
    assert.match(partnerships.body, /Convention France Travail/);
    assert.equal(totalRows(partnerships.body).total?.[0], "28", "totals keep every kind of the period");
    const allDates = await coordinator.get("/reseau/journal?du=&au=");
    assert.match(allDates.body, /<h2>29 actions<\/h2>/);
    assert.match(allDates.body, /Bilan toutes dates/);
    const december = await coordinator.get("/reseau/journal?du=2025-12-01&au=2025-12-31");
    assert.match(december.body, /<h2>1 action<\/h2>/);
    assert.deepEqual(totalRows(december.body)["reunion-reseau"], ["1", "2\u00a0h", "30"]);
  });
});
