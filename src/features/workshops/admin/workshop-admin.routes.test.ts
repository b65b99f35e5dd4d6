import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp, Visitor } from "../../../../test/support/app.ts";
import { postForm, signIn } from "../../agenda/agenda.test-support.ts";
import { NOW } from "../workshops.fixtures.ts";

const MANAGER = "responsable.lgnum@declic47.example";
const COORDINATOR = "coordination@declic47.example";

describe("the workshops back office", () => {
  let t: TestApp;
  let structureId: string;
  let place: { id: string; commune_code: string };
  let otherManager: string;

  const fields = (overrides: Record<string, string> = {}): [string, string][] => {
    const base: Record<string, string> = {
      title: "Réserver un train en ligne",
      level: "debutant",
      description: "Chercher un trajet et payer son billet.",
      mode: "place",
      place_id: place.id,
      date: "2027-02-03",
      start_time: "14:00",
      end_time: "16:00",
      capacity: "8",
      visibility: "public",
      ...overrides,
    };
    return [...Object.entries(base), ["themes", "aide-demarches"]];
  };

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    const db = t.handle.db;
    const role = await db
      .selectFrom("role_assignments as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select("r.structure_id")
      .where("u.email", "=", MANAGER)
      .where("r.role", "=", "structure_manager")
      .executeTakeFirstOrThrow();
    structureId = role.structure_id!;
    place = await db.selectFrom("places").select(["id", "commune_code"]).where("structure_id", "=", structureId).where("is_public", "=", true).orderBy("name").executeTakeFirstOrThrow();
    const other = await db
      .selectFrom("role_assignments as r")
      .innerJoin("users as u", "u.id", "r.user_id")
      .select("u.email")
      .where("r.role", "=", "structure_manager")
      .where("r.structure_id", "<>", structureId)
      .where("u.email", "like", "responsable.%")
      .orderBy("u.email")
      .executeTakeFirstOrThrow();
    otherManager = other.email;
  });
  after(() => t.close());

  async function createWorkshop(title: string): Promise<string> {
    const manager = await signIn(t, MANAGER);
    await manager.get("/gestion/ateliers/nouveau");
    const created = await postForm(t, manager, "/gestion/ateliers/nouveau", fields({ title }));
    assert.equal(created.statusCode, 303);
    return (await t.handle.db.selectFrom("workshops").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
  }

  test("a form with mistakes comes back with the input kept and French errors", async () => {
    const manager = await signIn(t, MANAGER);
    const form = await manager.get("/gestion/ateliers/nouveau");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Nouvel atelier/);
    const sent = await postForm(t, manager, "/gestion/ateliers/nouveau", fields({ title: "Atelier tablette", mode: "remote", video_url: "http://visio.example", capacity: "900", end_time: "13:00" }));
    assert.equal(sent.statusCode, 400);
    assert.match(sent.body, /value="Atelier tablette"/);
    assert.match(sent.body, /commence par https:\/\//);
    assert.match(sent.body, /entre 1 et 500/);
    assert.match(sent.body, /L&#39;heure de fin doit suivre|L'heure de fin doit suivre/);
    assert.match(sent.body, /value="aide-demarches" checked/);
  });

  test("a workshop created by a structure manager appears in the public catalogue and in the list", async () => {
    const id = await createWorkshop("Réserver un train en ligne");
    const catalogue = await new Visitor(t.app).get(`/ateliers?theme=aide-demarches&commune=${place.commune_code}`);
    assert.match(catalogue.body, new RegExp(`href="/ateliers/${id}"`));
    const list = await (await signIn(t, MANAGER)).get("/gestion/ateliers");
    assert.match(list.body, /Réserver un train en ligne/);
    assert.match(list.body, new RegExp(`/gestion/ateliers/${id}/modifier`));
    assert.match(list.body, new RegExp(`/gestion/ateliers/${id}/presences`));
    const coordinator = await signIn(t, COORDINATOR);
    assert.doesNotMatch((await coordinator.get("/gestion/ateliers")).body, new RegExp(`/gestion/ateliers/${id}/presences`));
    const edit = await coordinator.get(`/gestion/ateliers/${id}/modifier`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="14:00"/);
  });

  test("a manager of another structure cannot see or change the workshop", async () => {
    const id = await createWorkshop("Atelier du mardi");
    const outsider = await signIn(t, otherManager);
    assert.equal((await outsider.get(`/gestion/ateliers/${id}/modifier`)).statusCode, 404);
    assert.equal((await outsider.get(`/gestion/ateliers/${id}/annuler`)).statusCode, 404);
    assert.doesNotMatch((await outsider.get("/gestion/ateliers")).body, /Atelier du mardi/);
  });

  test("the capacity cannot go below the people registered", async () => {
    const id = await createWorkshop("Atelier complet");
    const person = new Visitor(t.app, "10.99.0.1");
    await person.get(`/ateliers/${id}`);
    await person.post(`/ateliers/${id}/inscription`, { prenom: "Léa", nom: "Martin", telephone: "06 12 34 56 78", courriel: "", consentement: "1" });
    const manager = await signIn(t, MANAGER);
    await manager.get(`/gestion/ateliers/${id}/modifier`);
    const sent = await postForm(t, manager, `/gestion/ateliers/${id}/modifier`, fields({ title: "Atelier complet", capacity: "0" }));
    assert.equal(sent.statusCode, 400);
    await manager.get(`/gestion/ateliers/${id}/modifier`);
    const ok = await postForm(t, manager, `/gestion/ateliers/${id}/modifier`, fields({ title: "Atelier complet", capacity: "1" }));
    assert.equal(ok.statusCode, 303);
  });

  test("cancelling tells the registered people once and hides the workshop from the catalogue", async () => {
    const id = await createWorkshop("Atelier annulé");
    const person = new Visitor(t.app, "10.99.0.2");
    await person.get(`/ateliers/${id}`);
    const registered = await person.post(`/ateliers/${id}/inscription`, { prenom: "Paul", nom: "Durand", telephone: "06 11 22 33 44", courriel: "paul@exemple.fr", consentement: "1" });
    assert.equal(registered.statusCode, 303);
    const manager = await signIn(t, MANAGER);
    await manager.get(`/gestion/ateliers/${id}/annuler`);
    assert.equal((await postForm(t, manager, `/gestion/ateliers/${id}/annuler`, [])).statusCode, 303);
    await manager.get("/gestion/ateliers");
    await postForm(t, manager, `/gestion/ateliers/${id}/annuler`, []);
    const messages = await t.handle.db.selectFrom("outbox").select(["idempotency_key", "channel"]).where("idempotency_key", "like", `workshop:${id}:cancelled:%`).execute();
    assert.deepEqual(messages.map((m) => m.channel).sort(), ["email", "sms"]);
    const catalogue = await new Visitor(t.app).get(`/ateliers?theme=aide-demarches&commune=${place.commune_code}`);
    assert.doesNotMatch(catalogue.body, new RegExp(`href="/ateliers/${id}"`));
    assert.match((await manager.get("/gestion/ateliers")).body, /Atelier annulé \(annulé\)/);
  });

  test("a weekly series shows its dated workshops at once", async () => {
    const coordinator = await signIn(t, COORDINATOR);
    const pick = await coordinator.get("/gestion/ateliers/series/nouvelle");
    assert.match(pick.body, new RegExp(`series/nouvelle\\?structure=${structureId}`));
    await coordinator.get(`/gestion/ateliers/series/nouvelle?structure=${structureId}`);
    const sent = await postForm(t, coordinator, `/gestion/ateliers/series/nouvelle?structure=${structureId}`, [
      ...fields({ title: "Café numérique du vendredi", date: "" }),
      ["weekday", "5"],
      ["every_weeks", "2"],
      ["valid_from", "2027-01-11"],
      ["valid_to", "2027-03-01"],
    ]);
    assert.equal(sent.statusCode, 303);
    const rows = await t.handle.db.selectFrom("workshops").select("starts_at").where("title", "=", "Café numérique du vendredi").orderBy("starts_at").execute();
    assert.equal(rows.length, 4);
    assert.equal(rows[0]?.starts_at.toISOString(), "2027-01-15T13:00:00.000Z");
  });
});
