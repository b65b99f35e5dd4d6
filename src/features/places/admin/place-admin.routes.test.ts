import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { type AddressApiDouble, startAddressApiDouble } from "../../geocoding/address-api-double.ts";
import { agenPlaceFields, placeOf, postForm, signIn } from "./place-admin.test-support.ts";

describe("the places back office", () => {
  let t: TestApp;
  let double: AddressApiDouble;
  let lgnumId: string;
  let deptId: string;

  before(async () => {
    double = await startAddressApiDouble();
    double.known.push({ citycode: "47001", contains: "rue voltaire", latitude: 44.2031, longitude: 0.6162, score: 0.93 });
    t = await startTestApp({ template: "demo", env: { GEOCODER_URL: double.baseUrl, GEOCODER_TIMEOUT_MS: "400" } });
    const structures = await t.handle.db.selectFrom("structures").select(["id", "slug"]).execute();
    lgnumId = structures.find((s) => s.slug === "lot-et-garonne-numerique")!.id;
    deptId = structures.find((s) => s.slug === "departement-de-lot-et-garonne")!.id;
  });
  after(async () => {
    await t.close();
    await double.close();
  });

  test("anonymous visitors are sent to sign in; roles outside the back office are refused", async () => {
    const anonymous = await t.app.inject({ url: "/gestion/lieux", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
    const agent = await signIn(t, "mairie.nerac@declic47.example");
    assert.equal((await agent.get("/gestion/lieux")).statusCode, 403);
    const state = await signIn(t, "prefecture@declic47.example");
    assert.equal((await state.get("/gestion/lieux")).statusCode, 403);
  });

  test("a structure manager lists their structure's places only; a coordinator lists all, by pages, and searches by name", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    const own = await manager.get("/gestion/lieux");
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /3 lieux/);
    assert.match(own.body, /Mairie de Lauzun/);
    assert.doesNotMatch(own.body, /Médiathèque d&#39;Agen/);

    const coordinator = await signIn(t, "coordination@declic47.example");
    const all = await coordinator.get("/gestion/lieux");
    assert.match(all.body, /Page 1 sur 3/);
    const search = await coordinator.get("/gestion/lieux?nom=m%C3%A9diath%C3%A8que%20d");
    assert.match(search.body, /Médiathèque d&#39;Agen/);
    assert.doesNotMatch(search.body, /Mairie de Lauzun/);
  });

  test("a form with errors comes back with every input kept, the error summary and status 400", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get("/gestion/lieux/nouveau");
    const response = await postForm(t, manager, "/gestion/lieux/nouveau", [
      ["name", "Atelier <Clic>"],
      ["structure_id", lgnumId],
      ["address", ""],
      ["commune", "Agen"],
      ["pivot", "12345678901234"],
      ["summary", "x".repeat(281)],
      ["services", "aide-aux-demarches-administratives"],
      ["heures-1-1-debut", "12:00"],
      ["heures-1-1-fin", "09:00"],
      ["horaires_expert", ""],
      ["visibility", "hidden"],
    ]);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /class="error-summary"/);
    assert.match(response.body, /<title>Erreur : Nouveau lieu/);
    assert.match(response.body, /Indiquez l&#39;adresse/);
    assert.match(response.body, /SIRET valide/);
    assert.match(response.body, /281\)/);
    assert.match(response.body, /lundi, l&#39;heure de fermeture doit être après/);
    assert.match(response.body, /value="Atelier &lt;Clic&gt;"/);
    assert.match(response.body, /value="aide-aux-demarches-administratives" checked/);
    assert.match(response.body, /value="hidden" checked/);
    assert.match(response.body, /id="heures-1-1-debut" name="heures-1-1-debut" value="12:00"/);
  });

  test("other labels and the parent structure are saved on creation, shown back on the form and kept by an edit", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get("/gestion/lieux/nouveau");
    const fields: [string, string][] = [
      ...agenPlaceFields(lgnumId, "Espace labellisé"),
      ["parent_structure", "  Agglomération d'Agen "],
      ["other_labels", "Label Numérique Inclusif,\r\nTerritoire <connecté>\r\n"],
    ];
    const created = await postForm(t, manager, "/gestion/lieux/nouveau", fields);
    assert.equal(created.statusCode, 303, created.body.slice(0, 3000));
    const place = await placeOf(t, "lot-et-garonne-numerique", "Espace labellisé");
    assert.equal(place.parent_structure, "Agglomération d'Agen");
    assert.deepEqual(place.other_labels, ["Label Numérique Inclusif", "Territoire <connecté>"]);
    const creation = await t.handle.db.selectFrom("place_changes").select("changes").where("place_id", "=", place.id).executeTakeFirstOrThrow();
    assert.deepEqual((creation.changes as Record<string, { after: unknown }>).other_labels?.after, ["Label Numérique Inclusif", "Territoire <connecté>"]);

    const form = await manager.get(`/gestion/lieux/${place.id}/modifier`);
    assert.match(form.body, /<label for="parent_structure">Structure parente/);
    assert.match(form.body, /value="Agglomération d&#39;Agen"/);
    assert.match(form.body, /<textarea id="other_labels"[^>]*>Label Numérique Inclusif\nTerritoire &lt;connecté&gt;<\/textarea>/);

    const edited = await postForm(t, manager, `/gestion/lieux/${place.id}/modifier`, [
      ...fields.filter(([name]) => name !== "other_labels" && name !== "parent_structure"),
      ["parent_structure", "Agglomération d'Agen"],
      ["other_labels", "Label Numérique Inclusif\nTerritoire <connecté>\nPass numérique"],
    ]);
    assert.equal(edited.statusCode, 303, edited.body.slice(0, 3000));
    const after = await t.handle.db.selectFrom("places").selectAll().where("id", "=", place.id).executeTakeFirstOrThrow();
    assert.equal(after.parent_structure, "Agglomération d'Agen");
    assert.deepEqual(after.other_labels, ["Label Numérique Inclusif", "Territoire <connecté>", "Pass numérique"]);
    const update = await t.handle.db
      .selectFrom("place_changes")
      .select("changes")
      .where("place_id", "=", place.id)
      .where("action", "=", "update")
      .executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(update.changes as object), ["other_labels"], "an unchanged parent structure is not in the history");
    const history = await manager.get(`/gestion/lieux/${place.id}/historique`);
    assert.match(history.body, /<strong>Autres formations et labels<\/strong> :/);
    assert.match(history.body, /<strong>Structure parente<\/strong> :/);
  });

  test("too long other labels or parent structure come back with French errors and the input kept", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get("/gestion/lieux/nouveau");
    const labels = Array.from({ length: 11 }, (_, i) => `Label ${i + 1}`).join(", ");
    const tooMany = await postForm(t, manager, "/gestion/lieux/nouveau", [
      ...agenPlaceFields(lgnumId, "Espace trop labellisé"),
      ["parent_structure", "P".repeat(201)],
      ["other_labels", labels],
    ]);
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /class="error-summary"/);
    assert.match(tooMany.body, /href="#other_labels"/);
    assert.match(tooMany.body, /10 formations ou labels au plus \(actuellement 11\)/);
    assert.match(tooMany.body, /Le nom de la structure parente doit faire 200 caractères au plus \(actuellement 201\)/);
    assert.match(tooMany.body, new RegExp(`value="${"P".repeat(201)}"`));
    assert.match(tooMany.body, new RegExp(`<textarea id="other_labels"[^>]*>${labels}</textarea>`));

    const tooLong = await postForm(t, manager, "/gestion/lieux/nouveau", [
      ...agenPlaceFields(lgnumId, "Espace trop labellisé"),
      ["other_labels", `Court\n${"L".repeat(201)}`],
    ]);
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /« L{40}… » en compte 201/);
    assert.match(tooLong.body, new RegExp(`>Court\n${"L".repeat(201)}</textarea>`));
    const none = await t.handle.db.selectFrom("places").select("id").where("name", "=", "Espace trop labellisé").execute();
    assert.equal(none.length, 0);
  });

  test("a manager cannot create a place for another structure", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get("/gestion/lieux/nouveau");
    const response = await postForm(t, manager, "/gestion/lieux/nouveau", agenPlaceFields(deptId));
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Choisissez une structure que vous gérez/);
  });

  test("a new place is geocoded at its address, gets a unique slug, hours in OSM syntax and a history line", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    const created: string[] = [];
    for (let i = 0; i < 2; i++) {
      await manager.get("/gestion/lieux/nouveau");
      const response = await postForm(t, manager, "/gestion/lieux/nouveau", agenPlaceFields(lgnumId));
      assert.equal(response.statusCode, 303, response.body.slice(0, 3000));
      created.push(String(response.headers.location).split("?")[0]!.split("/").pop()!);
    }
    const place = await t.handle.db.selectFrom("places").selectAll().where("id", "=", created[0]!).executeTakeFirstOrThrow();
    assert.equal(place.coordinates_precision, "address");
    assert.equal(place.latitude, 44.2031);
    assert.equal(place.slug, "espace-numerique-voltaire-agen");
    assert.equal(place.postcode, "47000");
    assert.equal(place.phone, "05 53 00 00 01");
    assert.deepEqual(place.emails, ["contact@voltaire.example", "accueil@voltaire.example"]);
    assert.equal(place.website, "https://www.voltaire.example/");
    assert.deepEqual(place.services, ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"]);
    assert.deepEqual(place.mobility, ["Fixe"]);
    assert.equal(place.opening_hours, "Mo-Fr 09:00-12:00,14:00-17:00; PH off");
    assert.equal(place.is_public, true);
    const second = await t.handle.db.selectFrom("places").select("slug").where("id", "=", created[1]!).executeTakeFirstOrThrow();
    assert.equal(second.slug, "espace-numerique-voltaire-agen-2");
    const changes = await t.handle.db.selectFrom("place_changes").selectAll().where("place_id", "=", created[0]!).execute();
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.action, "create");
    assert.ok("name" in changes[0]!.changes);

    const edit = await manager.get(`/gestion/lieux/${created[0]}/modifier`);
    assert.match(edit.body, /id="heures-5-2-fin" name="heures-5-2-fin" value="17:00"/);
    assert.match(edit.body, /name="feries_fermes" value="1" checked/);
  });

  test("when the address service fails or does not answer, the place sits at the commune centre", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    const agen = await t.handle.db.selectFrom("communes").select(["latitude", "longitude"]).where("code", "=", "47001").executeTakeFirstOrThrow();
    for (const mode of ["error", "hang"] as const) {
      double.mode = mode;
      await manager.get("/gestion/lieux/nouveau");
      const started = Date.now();
      const response = await postForm(t, manager, "/gestion/lieux/nouveau", agenPlaceFields(lgnumId, `Point numérique ${mode}`));
      assert.equal(response.statusCode, 303);
      assert.ok(Date.now() - started < 3000, "the timeout keeps the form quick");
      const place = await t.handle.db.selectFrom("places").selectAll().where("name", "=", `Point numérique ${mode}`).executeTakeFirstOrThrow();
      assert.equal(place.coordinates_precision, "commune");
      assert.equal(place.latitude, agen.latitude);
      assert.equal(place.longitude, agen.longitude);
      const page = await manager.get(`/gestion/lieux/${place.id}`);
      assert.match(page.body, /position approximative/);
    }
    double.mode = "ok";
  });

  test("an ambiguous commune asks « Précisez », then the chosen one is kept with its postcode", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    await manager.get("/gestion/lieux/nouveau");
    const fields = agenPlaceFields(lgnumId, "Point numérique de Pujols").map(([k, v]): [string, string] => [k, k === "commune" ? "47300" : v]);
    const ambiguous = await postForm(t, manager, "/gestion/lieux/nouveau", fields);
    assert.equal(ambiguous.statusCode, 400);
    assert.match(ambiguous.body, /Précisez la commune/);
    assert.match(ambiguous.body, /Pujols \(47300\)/);
    const pujols = /name="commune_code" value="(\d{5})"\s*\/?>\s*<label for="commune_code-\d+">Pujols/.exec(ambiguous.body)?.[1];
    assert.ok(pujols);
    const chosen = await postForm(t, manager, "/gestion/lieux/nouveau", [...fields, ["commune_code", pujols]]);
    assert.equal(chosen.statusCode, 303, chosen.body.slice(0, 2000));
    const place = await t.handle.db.selectFrom("places").selectAll().where("name", "=", "Point numérique de Pujols").executeTakeFirstOrThrow();
    assert.equal(place.commune_code, pujols);
    assert.equal(place.postcode, "47300");
  });

  test("editing a place writes the changed fields to its history, shown with the author's name", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    const place = await placeOf(t, "lot-et-garonne-numerique", "Mairie de Lauzun");
    const form = await manager.get(`/gestion/lieux/${place.id}/modifier`);
    assert.equal(form.statusCode, 200);
    const fields: [string, string][] = [
      ["name", place.name],
      ["structure_id", place.structure_id],
      ["address", place.address],
      ["commune", "Lauzun"],
      ["postcode", place.postcode],
      ["phone", "05 53 11 22 33"],
      ["visibility", "public"],
      ["summary", "Permanences numériques à la mairie."],
    ];
    const saved = await postForm(t, manager, `/gestion/lieux/${place.id}/modifier`, fields);
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 3000));
    const after = await t.handle.db.selectFrom("places").selectAll().where("id", "=", place.id).executeTakeFirstOrThrow();
    assert.equal(after.phone, "05 53 11 22 33");
    assert.equal(after.slug, place.slug, "the public address does not move");
    const changes = await t.handle.db.selectFrom("place_changes").selectAll().where("place_id", "=", place.id).execute();
    assert.equal(changes.length, 1);
    assert.deepEqual((changes[0]!.changes as Record<string, unknown>).phone, { before: place.phone, after: "05 53 11 22 33" });
    const history = await manager.get(`/gestion/lieux/${place.id}/historique`);
    assert.equal(history.statusCode, 200);
    assert.match(history.body, /Modification du lieu/);
    assert.match(history.body, /<strong>Téléphone<\/strong> :/);
    assert.match(history.body, /→ 05 53 11 22 33/);
    const manager2 = await t.handle.db.selectFrom("users").select(["first_name", "last_name"]).where("email", "=", "responsable.lgnum@declic47.example").executeTakeFirstOrThrow();
    assert.match(history.body, new RegExp(`par ${manager2.first_name} ${manager2.last_name}`));
  });

  test("a manager of another structure gets 404 on a guessed place id, never 403", async () => {
    const place = await placeOf(t, "lot-et-garonne-numerique", "Mairie de Houeillès");
    const other = await signIn(t, "responsable.coopnum@declic47.example");
    for (const path of ["", "/modifier", "/historique", "/permanences", "/permanences/nouvelle"]) {
      assert.equal((await other.get(`/gestion/lieux/${place.id}${path}`)).statusCode, 404, path);
    }
    await other.get("/gestion/lieux");
    assert.equal((await postForm(t, other, `/gestion/lieux/${place.id}/masquer`, [])).statusCode, 404);
    assert.equal((await other.get("/gestion/lieux/pas-un-identifiant")).statusCode, 404);
  });

  test("hiding a place takes it out of public view and back, with history", async () => {
    const manager = await signIn(t, "responsable.lgnum@declic47.example");
    const place = await placeOf(t, "lot-et-garonne-numerique", "Mairie de Penne-d'Agenais");
    await manager.get(`/gestion/lieux/${place.id}`);
    const hidden = await postForm(t, manager, `/gestion/lieux/${place.id}/masquer`, []);
    assert.equal(hidden.statusCode, 303);
    assert.equal((await placeOf(t, "lot-et-garonne-numerique", "Mairie de Penne-d'Agenais")).is_public, false);
    const page = await manager.get(String(hidden.headers.location));
    assert.match(page.body, /Le lieu est masqué/);
    assert.match(page.body, /Rendre ce lieu visible au public/);
    const shown = await postForm(t, manager, `/gestion/lieux/${place.id}/afficher`, []);
    assert.equal(shown.statusCode, 303);
    assert.equal((await placeOf(t, "lot-et-garonne-numerique", "Mairie de Penne-d'Agenais")).is_public, true);
    const actions = await t.handle.db.selectFrom("place_changes").select("action").where("place_id", "=", place.id).orderBy("id").execute();
    assert.deepEqual(actions.map((a) => a.action), ["hide", "show"]);
  });
});
