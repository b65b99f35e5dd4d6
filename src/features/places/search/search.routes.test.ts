import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { haversineKm } from "../../territory/territory.ts";

interface ApiPlace {
  id: string;
  slug: string;
  nom: string;
  latitude: number;
  longitude: number;
  distance_km: number;
  services: string[];
  prochaine_ouverture: { debut: string; fin: string; texte: string } | null;
  url: string;
}
interface ApiAnswer {
  lieux: ApiPlace[];
  total: number;
  page: number;
  pages: number;
}

const CASTELJALOUX = "47052";
// Tuesday 1 December 2026, 10:30 in Paris.
const NOW = new Date("2026-12-01T09:30:00Z");

describe("the public search of help places", () => {
  let t: TestApp;
  let near: ApiPlace[];

  async function api(query: string): Promise<ApiAnswer> {
    const response = await t.app.inject({ url: `/api/v1/lieux${query}` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as ApiAnswer;
  }

  async function page(query: string) {
    return t.app.inject({ url: `/trouver-de-l-aide${query}`, headers: { accept: "text/html" } });
  }

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    const db = t.handle.db;
    // Known facts for the filters: the places within 5 km of Casteljaloux get fixed hours and permanences;
    // one far place (in Agen) is the only one for deaf people; the nearest place is not free.
    near = (await api(`?commune=${CASTELJALOUX}&rayon_km=5`)).lieux;
    assert.ok(near.length >= 2, "the demo has at least two places near Casteljaloux");
    const [first, second] = near as [ApiPlace, ApiPlace];
    const nearIds = near.map((p) => p.id);
    await db.updateTable("places").set({ opening_hours: null }).where("id", "in", nearIds).execute();
    await db.deleteFrom("permanences").where("place_id", "in", nearIds).execute();
    await db.updateTable("places").set({ opening_hours: "Th 09:00-12:00" }).where("id", "=", first.id).execute();
    await db.updateTable("places").set({ fees: ["Payant"] }).where("id", "=", first.id).execute();
    const advisor = await db.selectFrom("advisors").select("id").where("active", "=", true).executeTakeFirstOrThrow();
    await db
      .insertInto("permanences")
      .values({ place_id: second.id, advisor_id: advisor.id, weekdays: [5], start_time: "14:00", end_time: "17:00", valid_from: "2026-01-01", mode: "drop_in" })
      .execute();
    await sql`update places set specific_support = '{}'`.execute(db);
    await sql`update places set specific_support = '{Surdité}' where id = (select id from places where commune_code = '47001' order by name limit 1)`.execute(db);
  });
  after(() => t.close());

  test("from Casteljaloux within 30 km, places come nearest first, each at its true distance from the commune centre", async () => {
    const centre = await t.handle.db.selectFrom("communes").select(["latitude", "longitude"]).where("code", "=", CASTELJALOUX).executeTakeFirstOrThrow();
    const origin = { latitude: centre.latitude!, longitude: centre.longitude! };
    const answer = await api(`?commune=${CASTELJALOUX}&rayon_km=30`);
    assert.ok(answer.lieux.length >= 3);
    let previous = 0;
    for (const place of answer.lieux) {
      const truth = haversineKm(origin, { latitude: place.latitude, longitude: place.longitude });
      assert.ok(Math.abs(place.distance_km - truth) <= 0.5, `${place.nom}: ${place.distance_km} km, truly ${truth} km`);
      assert.ok(truth <= 30.05, `${place.nom} is within the radius`);
      assert.ok(place.distance_km >= previous, "nearest first");
      previous = place.distance_km;
    }
    const everyPlace = await t.handle.db.selectFrom("places").select(["latitude", "longitude"]).where("is_public", "=", true).execute();
    const within = everyPlace.filter((p) => p.latitude !== null && haversineKm(origin, { latitude: p.latitude, longitude: p.longitude! }) <= 30);
    assert.equal(answer.total, within.length, "every public place within 30 km, and no other");

    const html = (await page(`?commune=${CASTELJALOUX}&rayon_km=30`)).body;
    const shown = [...html.matchAll(/<h3><a href="\/lieux\/([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(shown, answer.lieux.slice(0, 20).map((p) => p.slug), "the page lists the same places in the same order");
    assert.match(html, /<h1>Lieux d&#39;aide près de Casteljaloux<\/h1>/);
    assert.match(html, /à \d+,\d km|à \d+ km|à \d+ m/);
  });

  test("each place says when it is next open, with a link to its page and its phone", async () => {
    const answer = await api(`?commune=${CASTELJALOUX}&rayon_km=5`);
    const first = answer.lieux[0]!;
    assert.deepEqual(first.prochaine_ouverture, {
      debut: "2026-12-03T08:00:00.000Z",
      fin: "2026-12-03T11:00:00.000Z",
      texte: "Prochaine ouverture : jeudi 3 décembre, 9\u00a0h\u00a0– 12\u00a0h",
    });
    assert.equal(first.url, `http://localhost:3000/lieux/${first.slug}`);
    assert.equal(answer.lieux[1]!.prochaine_ouverture?.texte, "Prochaine permanence : vendredi 4 décembre, 14\u00a0h\u00a0– 17\u00a0h");
    const html = (await page(`?commune=${CASTELJALOUX}&rayon_km=5`)).body;
    assert.match(html, /Prochaine ouverture : jeudi 3 décembre, 9\u00a0h\u00a0– 12\u00a0h/);
    assert.match(html, new RegExp(`href="/lieux/${first.slug}"`));
    assert.match(html, /href="tel:0\d{9}"/);
  });

  test("places with appointment permanences offer booking straight from the results", async () => {
    const html = (await page(`?commune=47001&rayon_km=30`)).body;
    const bookable = [...html.matchAll(/href="\/lieux\/([a-z0-9-]+)\/rendez-vous"/g)].map((m) => m[1]);
    assert.ok(bookable.length > 0, "at least one place near Agen takes appointments");
    const modes = await t.handle.db
      .selectFrom("permanences")
      .innerJoin("places", "places.id", "permanences.place_id")
      .select("permanences.mode")
      .where("places.slug", "=", bookable[0]!)
      .execute();
    assert.ok(modes.some((m) => m.mode !== "drop_in"));
  });

  test("filters narrow the results: service, free, remote help, specific support", async () => {
    const all = await api(`?commune=${CASTELJALOUX}&rayon_km=100`);
    const service = await api(`?commune=${CASTELJALOUX}&rayon_km=100&service=insertion-professionnelle-via-le-numerique`);
    assert.ok(service.total > 0 && service.total < all.total);
    assert.ok(service.lieux.every((p) => p.services.includes("Insertion professionnelle via le numérique")));

    const free = await api(`?commune=${CASTELJALOUX}&rayon_km=5&gratuit=1`);
    assert.ok(!free.lieux.some((p) => p.id === near[0]!.id), "the paying place is left out");
    assert.equal(free.total, near.length - 1);

    const remote = await api(`?commune=${CASTELJALOUX}&rayon_km=100&distance=1`);
    const remoteIds = await t.handle.db.selectFrom("places").select("id").where(sql<boolean>`'À distance' = any(support_modes)`).execute();
    assert.deepEqual(remote.lieux.map((p) => p.id).sort(), remoteIds.map((r) => r.id).sort());

    const deaf = await api(`?commune=${CASTELJALOUX}&rayon_km=100&accompagnement=surdite`);
    assert.equal(deaf.total, 1);
  });

  test("« open on a day » and « without appointment » use opening hours and permanences", async () => {
    const ids = async (query: string) => (await api(`?commune=${CASTELJALOUX}&rayon_km=5${query}`)).lieux.map((p) => p.id);
    assert.deepEqual(await ids("&ouvert=2026-12-03"), [near[0]!.id], "Thursday: the place open in the morning");
    assert.deepEqual(await ids("&ouvert=2026-12-04"), [near[1]!.id], "Friday: the place with a permanence");
    assert.deepEqual(await ids("&ouvert=2026-12-05"), [], "Saturday: nothing");
    assert.deepEqual(await ids("&ouvert=maintenant"), [], "Tuesday 10:30: nothing");
    assert.deepEqual(await ids("&modalite=sans-rdv"), [near[1]!.id]);
    assert.deepEqual(await ids("&modalite=sur-rdv"), []);
  });

  test("pages hold 20 places and keep every filter", async () => {
    const query = "?commune=47001&rayon_km=100&gratuit=1";
    const one = await api(query);
    assert.equal(one.lieux.length, 20);
    assert.equal(one.pages, Math.ceil(one.total / 20));
    const two = await api(`${query}&page=2`);
    assert.equal(two.page, 2);
    assert.ok(two.lieux[0]!.distance_km >= one.lieux[19]!.distance_km);
    assert.equal(new Set([...one.lieux, ...two.lieux].map((p) => p.id)).size, 40, "no place twice");

    const html = (await page("?commune=47001&rayon_km=100&gratuit=1&service=aide-aux-demarches-administratives")).body;
    const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    assert.equal(next, "/trouver-de-l-aide?commune=47001&rayon_km=100&service=aide-aux-demarches-administratives&gratuit=1&page=2");
    const second = await page(next!.replace("/trouver-de-l-aide", ""));
    assert.match(second.body, /Page 2 sur/);
    assert.match(second.body, /<input type="checkbox" name="gratuit" id="gratuit" value="1" checked>/);
  });

  test("bad parameters get a problem+json answer naming each field", async () => {
    const response = await t.app.inject({ url: "/api/v1/lieux?rayon_km=abc&lat=44.2&service=inconnu&ouvert=2026-02-30" });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers["content-type"]), /^application\/problem\+json/);
    const body = response.json() as { code: string; errors: { field: string; message: string }[] };
    assert.equal(body.code, "validation_failed");
    assert.deepEqual(body.errors.map((e) => e.field), ["lon", "rayon_km", "service", "ouvert"]);
    const unknown = await t.app.inject({ url: "/api/v1/lieux?commune=99999" });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual((unknown.json() as { errors: { field: string }[] }).errors.map((e) => e.field), ["commune"]);
  });

  test("on the page, a bad parameter is shown next to its field with the search kept", async () => {
    const response = await page(`?commune=${CASTELJALOUX}&rayon_km=500&gratuit=1`);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<title>Erreur : /);
    assert.match(response.body, /class="error-summary"[\s\S]*href="#rayon_km"/);
    assert.match(response.body, /id="rayon_km-erreur"[\s\S]*de 1 à 100/);
    assert.match(response.body, /value="Casteljaloux"/, "the commune stays in its field");
    assert.match(response.body, /name="gratuit" id="gratuit" value="1" checked/);
  });

  test("a search that finds nothing offers concrete next steps", async () => {
    const response = await page(`?commune=${CASTELJALOUX}&rayon_km=5&accompagnement=surdite`);
    assert.equal(response.statusCode, 200);
    const html = response.body.replace(/&amp;/g, "&");
    assert.match(html, /Aucun lieu d&#39;aide à moins de 5 km ne correspond à vos critères/);
    assert.match(html, /href="\/trouver-de-l-aide\?commune=47052&rayon_km=10&accompagnement=surdite">Chercher jusqu&#39;à 10 km/);
    assert.match(html, /href="\/trouver-de-l-aide\?commune=47052&rayon_km=50&accompagnement=surdite">Chercher jusqu&#39;à 50 km/, "a radius reaching the nearest match");
    assert.match(html, /href="\/trouver-de-l-aide\?commune=47001&rayon_km=5&accompagnement=surdite">Voir les lieux d&#39;aide près d&#39;Agen/);
    assert.match(html, /distance=1">Chercher une aide à distance/);
    assert.match(html, /Chercher sans les filtres/);
    assert.match(html, /Votre mairie peut aussi vous orienter/);
    assert.doesNotMatch(html, /map\.js/, "no map without places");
  });

  test("a typed commune name or postcode is resolved, or the person chooses", async () => {
    const agen = await page("?q=agen&gratuit=1");
    assert.equal(agen.statusCode, 200);
    assert.match(agen.body, /<h1>Lieux d&#39;aide près d&#39;Agen<\/h1>/);
    assert.match(agen.body, /id="q" name="q" type="text" class="input input--medium" value="Agen"/);

    const several = await page("?q=47300&gratuit=1");
    assert.equal(several.statusCode, 200);
    assert.match(several.body, /Précisez votre commune/);
    assert.match(several.body.replace(/&amp;/g, "&"), /href="\/trouver-de-l-aide\?commune=47323&gratuit=1">Villeneuve-sur-Lot \(47300\)/);

    const none = await page("?q=zzzz");
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /id="q-erreur"[\s\S]*Aucune commune du département ne correspond à « zzzz »/);
    assert.match(none.body, /aria-invalid="true"/);
  });

  test("a misspelt commune gets « Vouliez-vous dire Marmande ? », a link that keeps the filters", async () => {
    const response = await page("?q=Marmandes&gratuit=1");
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /id="q-erreur"[\s\S]*Aucune commune du département ne s&#39;écrit « Marmandes »/);
    const html = response.body.replace(/&amp;/g, "&");
    assert.match(html, /<p class="did-you-mean" id="q-suggestion">Vouliez-vous dire <a href="\/trouver-de-l-aide\?commune=47157&gratuit=1">Marmande<\/a>/);
    assert.match(html, /aria-describedby="q-aide q-erreur q-suggestion"/);
    assert.match(html, /value="Marmandes"/, "what was typed stays in the field");
  });

  test("names written as people write them go straight to the places near their commune", async () => {
    const cases: [string, string][] = [
      ["Agen 47000", "Agen"],
      ["villeneuve/lot", "Villeneuve-sur-Lot"],
      ["penne agenais", "Penne-d&#39;Agenais"],
      ["St-Livrade", "Sainte-Livrade-sur-Lot"],
      ["ste livrade", "Sainte-Livrade-sur-Lot"],
      ["st livrade sur lot", "Sainte-Livrade-sur-Lot"],
    ];
    for (const [typed, name] of cases) {
      const response = await page(`?q=${encodeURIComponent(typed)}`);
      assert.equal(response.statusCode, 200, typed);
      assert.match(response.body, new RegExp(`<h1>Lieux d&#39;aide près (de |d&#39;)${name}</h1>`), typed);
    }
  });

  test("a typed postcode is a postcode: 47110 offers its communes, not Gontaud-de-Nogaret (INSEE 47110)", async () => {
    const response = await page("?q=47110");
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Précisez votre commune/);
    assert.match(response.body, /Sainte-Livrade-sur-Lot \(47110\)/);
    assert.doesNotMatch(response.body, /Gontaud/);
  });

  test("the page carries the map's data as JSON, with the commune boundary, and loads the map script", async () => {
    const html = (await page(`?commune=${CASTELJALOUX}&rayon_km=30`)).body;
    assert.match(html, /<script src="\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{10}\.js" defer><\/script><script src="\/static\/map\.[0-9a-f]{10}\.js" defer>/);
    const json = /<script type="application\/json" id="carte-donnees">([^<]*)<\/script>/.exec(html)?.[1];
    const data = JSON.parse(json!) as { tileUrl: string | null; centre: number[]; boundary: unknown; markers: { url: string }[] };
    assert.equal(data.tileUrl, null);
    assert.equal(data.markers.length, Math.min(20, (await api(`?commune=${CASTELJALOUX}&rayon_km=30`)).total));
    assert.ok(data.boundary, "Casteljaloux's boundary is known");
    assert.match(data.markers[0]!.url, /^\/lieux\//);
  });

  test("the API is documented in the OpenAPI description", async () => {
    const spec = (await t.app.inject({ url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    const names = spec.paths["/api/v1/lieux"]?.get?.parameters?.map((p) => p.name) ?? [];
    for (const name of ["commune", "lat", "lon", "rayon_km", "service", "ouvert", "modalite", "gratuit", "accompagnement", "public", "distance", "page"]) {
      assert.ok(names.includes(name), `${name} is documented`);
    }
  });
});
