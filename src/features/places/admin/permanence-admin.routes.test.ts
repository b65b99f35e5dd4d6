import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { advisorByEmail, placeOf, postForm, signIn } from "./place-admin.test-support.ts";

function permanenceFields(advisorId: string, overrides: Record<string, string> = {}): [string, string][] {
  const base: Record<string, string> = {
    advisor_id: advisorId,
    start_time: "09:00",
    end_time: "12:00",
    every_weeks: "2",
    valid_from: "2026-09-01",
    valid_to: "",
    cancelled_dates: "24/12/2026, 2026-12-31",
    mode: "appointment",
    ...overrides,
  };
  return [...Object.entries(base), ["weekdays", "2"], ["weekdays", "4"]];
}

describe("the permanences of a place in the back office", () => {
  let t: TestApp;
  let placeId: string;
  let isabelle: { id: string };
  let jerome: { id: string };
  let isabellePermanence: string;
  let jeromePermanence: string;

  before(async () => {
    t = await startTestApp({ template: "demo" });
    placeId = (await placeOf(t, "lot-et-garonne-numerique", "Mairie de Lauzun")).id;
    isabelle = await advisorByEmail(t, "isabelle.petit@declic47.example");
    jerome = await advisorByEmail(t, "jerome.ribeiro@declic47.example");
  });
  after(() => t.close());

  test("a manager adds permanences for their structure's advisors, with the history of each", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    const form = await manager.get(`/gestion/lieux/${placeId}/permanences/nouvelle`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Isabelle Petit/);
    assert.doesNotMatch(form.body, /Justine Sabathier/, "another structure's advisor is not offered");
    const existing = new Set(
      (await t.handle.db.selectFrom("permanences").select("id").where("place_id", "=", placeId).execute()).map((r) => r.id),
    );
    for (const advisor of [isabelle, jerome]) {
      await manager.get(`/gestion/lieux/${placeId}/permanences/nouvelle`);
      const saved = await postForm(t, manager, `/gestion/lieux/${placeId}/permanences/nouvelle`, permanenceFields(advisor.id));
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    }
    const rows = (await t.handle.db.selectFrom("permanences").selectAll().where("place_id", "=", placeId).execute()).filter(
      (r) => !existing.has(r.id),
    );
    assert.equal(rows.length, 2);
    isabellePermanence = rows.find((r) => r.advisor_id === isabelle.id)!.id;
    jeromePermanence = rows.find((r) => r.advisor_id === jerome.id)!.id;
    const list = await manager.get(`/gestion/lieux/${placeId}/permanences`);
    assert.match(list.body, /mardi, jeudi, de 9\u00a0h à 12\u00a0h, toutes les 2 semaines, à partir du 01\/09\/2026/);
    assert.match(list.body, /Annulée le 24\/12\/2026, 31\/12\/2026/);
    const changes = await t.handle.db
      .selectFrom("place_changes")
      .select(["action", "permanence_id"])
      .where("place_id", "=", placeId)
      .orderBy("id")
      .execute();
    assert.deepEqual(
      changes.map((c) => [c.action, c.permanence_id]),
      [
        ["permanence_create", isabellePermanence],
        ["permanence_create", jeromePermanence],
      ],
    );
    const history = await manager.get(`/gestion/lieux/${placeId}/historique`);
    assert.match(history.body, /Ajout d&#39;une permanence/);
    assert.match(history.body, /Isabelle Petit/);
    assert.match(history.body, /mardi|Mardi, Jeudi/);
  });

  test("a permanence with reversed hours or a bad date comes back with French errors and the input kept", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get(`/gestion/lieux/${placeId}/permanences/nouvelle`);
    const response = await postForm(
      t,
      manager,
      `/gestion/lieux/${placeId}/permanences/nouvelle`,
      permanenceFields(isabelle.id, { start_time: "14:00", end_time: "10:00", cancelled_dates: "demain", valid_to: "2020-01-01" }),
    );
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /L&#39;heure de fin doit être après l&#39;heure de début/);
    assert.match(response.body, /« demain » n&#39;est pas une date/);
    assert.match(response.body, /La date de fin doit être après la date de début/);
    assert.match(response.body, /value="demain"/);
    assert.match(response.body, /value="4" checked/);
  });

  test("an advisor sees the place, edits their own permanence only, and cannot edit the place", async () => {
    const advisor = await signIn(t, "isabelle.petit@declic47.example");
    const list = await advisor.get("/gestion/lieux");
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Mairie de Lauzun/);
    assert.doesNotMatch(list.body, /Ajouter un lieu/);
    assert.equal((await advisor.get(`/gestion/lieux/${placeId}/modifier`)).statusCode, 403);
    const permanences = await advisor.get(`/gestion/lieux/${placeId}/permanences`);
    const own = new Set(
      (await t.handle.db.selectFrom("permanences").select("id").where("advisor_id", "=", isabelle.id).execute()).map((r) => r.id),
    );
    const editable = [...permanences.body.matchAll(/\/permanences\/([0-9a-f-]{36})\/modifier"/g)].map((m) => m[1]!);
    assert.ok(editable.includes(isabellePermanence));
    assert.ok(editable.every((id) => own.has(id)), "only the advisor's own permanences have a link");
    assert.ok(!editable.includes(jeromePermanence));

    assert.equal((await advisor.get(`/gestion/lieux/${placeId}/permanences/${jeromePermanence}/modifier`)).statusCode, 403);
    const form = await advisor.get(`/gestion/lieux/${placeId}/permanences/${isabellePermanence}/modifier`);
    assert.equal(form.statusCode, 200);
    assert.doesNotMatch(form.body, /Jérôme Ribeiro/, "an advisor cannot give the permanence to someone else");
    const saved = await postForm(
      t,
      advisor,
      `/gestion/lieux/${placeId}/permanences/${isabellePermanence}/modifier`,
      permanenceFields(isabelle.id, { end_time: "12:30" }),
    );
    assert.equal(saved.statusCode, 303);
    await advisor.get(`/gestion/lieux/${placeId}/permanences/${isabellePermanence}/modifier`);
    const handOver = await postForm(t, advisor, `/gestion/lieux/${placeId}/permanences/${isabellePermanence}/modifier`, permanenceFields(jerome.id));
    assert.equal(handOver.statusCode, 400);
    await advisor.get(`/gestion/lieux/${placeId}/permanences`);
    const deleteOther = await postForm(t, advisor, `/gestion/lieux/${placeId}/permanences/${jeromePermanence}/supprimer`, []);
    assert.equal(deleteOther.statusCode, 403);
    const row = await t.handle.db.selectFrom("permanences").selectAll().where("id", "=", isabellePermanence).executeTakeFirstOrThrow();
    assert.equal(row.end_time, "12:30");
    assert.equal(row.advisor_id, isabelle.id);
  });

  test("an advisor with no permanence at a place gets 404 there", async () => {
    const advisor = await signIn(t, "justine.sabathier@declic47.example");
    assert.equal((await advisor.get(`/gestion/lieux/${placeId}/permanences`)).statusCode, 404);
  });

  test("deleting a permanence removes it and keeps its values in the history", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get(`/gestion/lieux/${placeId}/permanences/${jeromePermanence}/modifier`);
    const deleted = await postForm(t, manager, `/gestion/lieux/${placeId}/permanences/${jeromePermanence}/supprimer`, []);
    assert.equal(deleted.statusCode, 303);
    assert.equal(await t.handle.db.selectFrom("permanences").select("id").where("id", "=", jeromePermanence).executeTakeFirst(), undefined);
    const last = await t.handle.db
      .selectFrom("place_changes")
      .selectAll()
      .where("permanence_id", "=", jeromePermanence)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    assert.equal(last.action, "permanence_delete");
    assert.deepEqual((last.changes as Record<string, { before: unknown }>).cancelled_dates?.before, ["2026-12-24", "2026-12-31"]);
  });
});
