import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { postForm, signIn } from "../places/admin/place-admin.test-support.ts";
import { COORDINATOR, insertRequestRow, mailsTo, NERAC_AGENT, NOW, placeId, structureId } from "./requests.test-support.ts";

describe("accepting a commune request by creating or linking what answers it", () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
  });
  after(() => t.close());

  async function stored(id: string) {
    return t.handle.db.selectFrom("commune_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  }

  async function neracAdvisor(): Promise<string> {
    return (await t.handle.db.selectFrom("advisors").select("id").where("email", "=", "oceane.berges@declic47.example").executeTakeFirstOrThrow()).id;
  }

  test("the permanence form comes pre-filled with the days, hours, rhythm and start date asked", async () => {
    const id = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac" });
    await t.handle.db
      .updateTable("commune_requests")
      .set({ weekdays: [2, 4], start_time: "14:00", end_time: "17:00", rhythm: "fortnightly", start_date: "2027-01-05" })
      .where("id", "=", id)
      .execute();
    const coordinator = await signIn(t, COORDINATOR);
    const hub = await coordinator.get(`/demandes/${id}/accepter`);
    assert.equal(hub.statusCode, 200);
    assert.match(hub.body, /Créer une permanence/);
    const mairie = await placeId(t, "Mairie de Nérac");
    const form = await coordinator.get(`/demandes/${id}/accepter/permanence?lieu=${mairie}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`action="/demandes/${id}/accepter/permanence\\?lieu=${mairie}"`));
    assert.match(form.body, /value="2" checked/);
    assert.match(form.body, /value="4" checked/);
    assert.match(form.body, /name="start_time" value="14:00"/);
    assert.match(form.body, /<option value="2" selected>Toutes les 2 semaines<\/option>/);
    assert.match(form.body, /name="valid_from" type="date" value="2027-01-05"/);
  });

  test("creating the permanence accepts the request in the same step and mails the commune the dates", async () => {
    const id = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac" });
    const coordinator = await signIn(t, COORDINATOR);
    const mairie = await placeId(t, "Mairie de Nérac");
    await coordinator.get(`/demandes/${id}/accepter/permanence?lieu=${mairie}`);
    const bad = await postForm(t, coordinator, `/demandes/${id}/accepter/permanence?lieu=${mairie}`, [["advisor_id", await neracAdvisor()]]);
    assert.equal(bad.statusCode, 400, "the permanence form's own checks");
    assert.match(bad.body, /Choisissez au moins un jour/);
    assert.equal((await stored(id)).status, "new");

    const done = await postForm(t, coordinator, `/demandes/${id}/accepter/permanence?lieu=${mairie}`, [
      ["advisor_id", await neracAdvisor()],
      ["weekdays", "3"],
      ["start_time", "09:00"],
      ["end_time", "12:00"],
      ["every_weeks", "1"],
      ["valid_from", "2026-12-02"],
      ["valid_to", ""],
      ["cancelled_dates", ""],
      ["mode", "both"],
    ]);
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/demandes/${id}?message=acceptee`);
    const request = await stored(id);
    assert.equal(request.status, "accepted");
    assert.ok(request.permanence_id);
    assert.ok(request.decided_at);
    const permanence = await t.handle.db.selectFrom("permanences").selectAll().where("id", "=", request.permanence_id).executeTakeFirstOrThrow();
    assert.equal(permanence.place_id, mairie);
    assert.deepEqual(permanence.weekdays, [3]);
    const mail = (await mailsTo(t, "contact@mairie.example")).at(-1)!;
    assert.match(mail.subject ?? "", /acceptée/);
    assert.match(mail.body_text, /Permanence à « Mairie de Nérac »/);
    assert.match(mail.body_text, /Prochaines dates : mercredi 2 décembre, 9\u00a0h\u00a0– 12\u00a0h/);
    const agentPage = await (await signIn(t, NERAC_AGENT)).get(`/demandes/${id}`);
    assert.match(agentPage.body, /Acceptée/);
    assert.match(agentPage.body, /Ce qui est prévu/);
    assert.match(agentPage.body, /mercredi 2 décembre, 9\u00a0h\u00a0– 12\u00a0h/);
  });

  test("a place created from the address given, then its permanence: the place shows in the public search", async () => {
    const id = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac" });
    await t.handle.db.updateTable("commune_requests").set({ address: "Salle des fêtes, place du Marché" }).where("id", "=", id).execute();
    const coordinator = await signIn(t, COORDINATOR);
    const form = await coordinator.get(`/demandes/${id}/accepter/lieu`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Salle des fêtes, place du Marché"/);
    assert.match(form.body, /name="commune" type="text" value="Nérac"/);
    const created = await postForm(t, coordinator, `/demandes/${id}/accepter/lieu`, [
      ["name", "Salle des fêtes de Nérac"],
      ["structure_id", await structureId(t, "commune-de-nerac")],
      ["address", "Salle des fêtes, place du Marché"],
      ["commune", "Nérac"],
      ["postcode", ""],
      ["visibility", "public"],
      ["mobility", "fixe"],
    ]);
    assert.equal(created.statusCode, 303, created.body.slice(0, 200));
    const placeLocation = String(created.headers.location);
    const newPlace = new URL(placeLocation, "http://x").searchParams.get("lieu")!;
    assert.equal((await stored(id)).place_id, newPlace);
    await coordinator.get(placeLocation);
    const accepted = await postForm(t, coordinator, placeLocation, [
      ["advisor_id", await neracAdvisor()],
      ["weekdays", "2"],
      ["start_time", "09:00"],
      ["end_time", "12:00"],
      ["every_weeks", "1"],
      ["valid_from", "2026-11-24"],
      ["mode", "drop_in"],
    ]);
    assert.equal(accepted.statusCode, 303);
    const search = await t.app.inject({ url: "/trouver-de-l-aide?commune=47195", headers: { accept: "text/html" } });
    assert.match(search.body, /Salle des fêtes de Nérac[\s\S]*Prochaine permanence : mardi 24 novembre, 9\u00a0h\u00a0– 12\u00a0h/);
  });

  test("new workshops of a structure answer a request for a series of workshops", async () => {
    const id = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac", kind: "workshops" });
    await t.handle.db.updateTable("commune_requests").set({ weekdays: [5], start_time: "14:00", end_time: "16:00", expected_people: 8, start_date: "2026-12-04" }).where("id", "=", id).execute();
    const coordinator = await signIn(t, COORDINATOR);
    const nerac = await structureId(t, "commune-de-nerac");
    const form = await coordinator.get(`/demandes/${id}/accepter/atelier?structure=${nerac}&type=regulier`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Atelier numérique à Nérac"/);
    assert.match(form.body, /<option value="5" selected>vendredi<\/option>/);
    assert.match(form.body, /name="capacity" type="number" value="8"/);
    const fields = [...form.body.matchAll(/<input [^>]*name="([a-z_]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
    const text = (name: string) => fields.find(([n]) => n === name)?.[1] ?? "";
    const done = await postForm(t, coordinator, `/demandes/${id}/accepter/atelier?structure=${nerac}&type=regulier`, [
      ["title", text("title")],
      ["themes", "e-mail"],
      ["level", "debutant"],
      ["mode", "place"],
      ["place_id", await placeId(t, "Médiathèque de Nérac")],
      ["weekday", "5"],
      ["every_weeks", "1"],
      ["valid_from", "2026-12-04"],
      ["valid_to", "2027-01-29"],
      ["start_time", "14:00"],
      ["end_time", "16:00"],
      ["capacity", "8"],
      ["visibility", "public"],
    ]);
    assert.equal(done.statusCode, 303, done.body.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0]);
    const request = await stored(id);
    assert.equal(request.status, "accepted");
    assert.ok(request.workshop_series_id);
    const dated = await t.handle.db.selectFrom("workshops").select("starts_at").where("series_id", "=", request.workshop_series_id).execute();
    assert.ok(dated.length >= 4, "the series' dates are written at once");
    const page = await (await signIn(t, NERAC_AGENT)).get(`/demandes/${id}`);
    assert.match(page.body, /Ateliers réguliers « Atelier numérique à Nérac »/);
    assert.match(page.body, /vendredi 4 décembre, 14\u00a0h\u00a0– 16\u00a0h/);
  });

  test("linking a permanence that exists; a choice outside the commune is refused", async () => {
    const id = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac" });
    const coordinator = await signIn(t, COORDINATOR);
    const hub = await coordinator.get(`/demandes/${id}/accepter`);
    const choice = /name="lien" value="(permanence:[0-9a-f-]{36})"/.exec(hub.body)?.[1];
    assert.ok(choice, "the commune's permanences are offered");
    const agen = await t.handle.db
      .selectFrom("permanences")
      .innerJoin("places", "places.id", "permanences.place_id")
      .select("permanences.id")
      .where("places.commune_code", "=", "47001")
      .executeTakeFirstOrThrow();
    const refused = await postForm(t, coordinator, `/demandes/${id}/accepter/lier`, [["lien", `permanence:${agen.id}`]]);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choisissez une permanence ou un atelier de la liste/);
    const linked = await postForm(t, coordinator, `/demandes/${id}/accepter/lier`, [["lien", choice]]);
    assert.equal(linked.statusCode, 303);
    assert.equal((await stored(id)).permanence_id, choice.slice("permanence:".length));
  });

  test("a request already decided has nothing to accept: the pages lead back to it", async () => {
    const id = await insertRequestRow(t, { communeCode: "47195", structureSlug: "commune-de-nerac", status: "refused" });
    const coordinator = await signIn(t, COORDINATOR);
    const hub = await coordinator.get(`/demandes/${id}/accepter`);
    assert.equal(hub.statusCode, 303);
    assert.equal(hub.headers.location, `/demandes/${id}`);
  });
});
