// The coverage page, its CSV and GET /api/v1/maillage on the demo network: who may see them, figures
// checked against brute force over every commune of Lot-et-Garonne, filters that narrow, errors.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { DEMO_NOW } from "../../../test/support/templates.ts";
import { newApiToken } from "../api-tokens/api-token.ts";
import { insertApiToken } from "../api-tokens/api-tokens.repository.ts";
import { signIn } from "../places/admin/place-admin.test-support.ts";
import { haversineKm } from "../territory/territory.ts";

interface ApiCommune {
  code_insee: string;
  nom: string;
  population: number;
  distance_km: number | null;
  lieu: { id: string; nom: string } | null;
  distance_sans_rdv_km: number | null;
  heures_10km: number;
  heures_20km: number;
}
interface ApiAnswer {
  date: string;
  population: number;
  parts: { rayon_km: number; population: number; part: number }[];
  communes: ApiCommune[];
}

describe("coverage (maillage) on the demo network", () => {
  let t: TestApp;
  let token: string;
  let statsToken: string;

  before(async () => {
    t = await startTestApp({ template: "demo", now: DEMO_NOW });
    const maillage = newApiToken();
    await insertApiToken(t.handle.db, { name: "Observatoire", hash: maillage.hash, scopes: ["maillage"], createdByUserId: null });
    token = maillage.token;
    const other = newApiToken();
    await insertApiToken(t.handle.db, { name: "Statistiques seules", hash: other.hash, scopes: ["statistiques"], createdByUserId: null });
    statsToken = other.token;
  });
  after(async () => {
    await t?.close();
  });

  const api = (query = "", bearer: string | null = token) =>
    t.app.inject({ method: "GET", url: `/api/v1/maillage${query}`, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

  /** Active places computed independently: brute force over every row, no spatial index. */
  async function bruteForce(filter = sql`true`) {
    const communes = await t.handle.db
      .selectFrom("communes")
      .select(["code", "population", "latitude", "longitude"])
      .where("departement", "=", "47")
      .execute();
    const rows = await sql<{ id: string; latitude: number; longitude: number; hours: number; drop_in: boolean }>`
      select p.id, p.latitude::float8 as latitude, p.longitude::float8 as longitude,
        sum(cardinality(m.weekdays) * extract(epoch from (m.end_time::time - m.start_time::time)) / 3600.0 / m.every_weeks)::float8 as hours,
        bool_or(m.mode in ('drop_in', 'both')) as drop_in
      from places p
      join permanences m on m.place_id = p.id
      join advisors a on a.id = m.advisor_id
      join structures s on s.id = p.structure_id
      where p.is_public and p.latitude is not null and a.active
        and m.valid_from <= '2026-11-02' and (m.valid_to is null or m.valid_to >= '2026-11-02') and ${filter}
      group by p.id`.execute(t.handle.db);
    return { communes, places: rows.rows };
  }

  test("every commune's distance to the nearest active place matches brute-force haversine within 0.1 km, and so do hours and shares", async () => {
    const response = await api();
    assert.equal(response.statusCode, 200);
    const answer = response.json() as ApiAnswer;
    const { communes, places } = await bruteForce();
    assert.ok(places.length > 10, "the demo has active places");
    assert.equal(answer.communes.length, communes.length);
    assert.equal(communes.length, 319);
    const within = new Map([10, 15, 20].map((r) => [r, 0]));
    for (const c of communes) {
      const row = answer.communes.find((r) => r.code_insee === c.code) as ApiCommune;
      const centre = { latitude: c.latitude as number, longitude: c.longitude as number };
      const distances = places.map((p) => ({ p, d: haversineKm(centre, p) }));
      const nearest = Math.min(...distances.map((x) => x.d));
      assert.ok(Math.abs((row.distance_km as number) - nearest) <= 0.1, `${c.code}: ${row.distance_km} vs ${nearest}`);
      const named = places.find((p) => p.id === row.lieu?.id);
      assert.ok(named && Math.abs(haversineKm(centre, named) - nearest) < 1e-6, `${c.code} names a nearest place`);
      const dropIn = Math.min(...distances.filter((x) => x.p.drop_in).map((x) => x.d));
      assert.ok(Math.abs((row.distance_sans_rdv_km as number) - dropIn) <= 0.1, `${c.code} drop-in`);
      const hours = (r: number) => distances.filter((x) => x.d <= r).reduce((s, x) => s + x.p.hours, 0);
      assert.ok(Math.abs(row.heures_10km - hours(10)) <= 0.05 + 1e-9, `${c.code} hours within 10 km`);
      assert.ok(Math.abs(row.heures_20km - hours(20)) <= 0.05 + 1e-9, `${c.code} hours within 20 km`);
      for (const r of [10, 15, 20]) if (nearest <= r) within.set(r, (within.get(r) as number) + c.population);
    }
    const total = communes.reduce((s, c) => s + c.population, 0);
    assert.equal(answer.population, total);
    for (const part of answer.parts) {
      assert.equal(part.population, within.get(part.rayon_km));
      assert.ok(Math.abs(part.part - part.population / total) < 1e-4);
    }
  });

  test("a service filter and an employer filter narrow the places: distances only grow, hours only shrink", async () => {
    const all = (await api()).json() as ApiAnswer;
    for (const query of ["?service=insertion-professionnelle-via-le-numerique", "?employeur=commune", "?employeur=association&employeur=commune"]) {
      const response = await api(query);
      assert.equal(response.statusCode, 200, query);
      const filtered = response.json() as ApiAnswer;
      let farther = 0;
      for (const row of filtered.communes) {
        const before = all.communes.find((c) => c.code_insee === row.code_insee) as ApiCommune;
        assert.ok(row.distance_km === null || row.distance_km >= (before.distance_km as number), `${query} ${row.code_insee}`);
        assert.ok(row.heures_20km <= before.heures_20km);
        if (row.distance_km === null || row.distance_km > (before.distance_km as number)) farther++;
      }
      assert.ok(farther > 0, `${query} changes something`);
    }
    const communeKind = await bruteForce(sql`s.kind = 'commune'`);
    const filtered = (await api("?employeur=commune")).json() as ApiAnswer;
    const lieux = new Set(filtered.communes.map((c) => c.lieu?.id));
    assert.ok([...lieux].every((id) => communeKind.places.some((p) => p.id === id)), "only places of commune structures");
  });

  test("the API needs a token with the « maillage » scope and answers bad filters with problem+json", async () => {
    const anonymous = await api("", null);
    assert.equal(anonymous.statusCode, 401);
    assert.match(String(anonymous.headers["content-type"]), /application\/problem\+json/);
    assert.equal((await api("", "declic_nimportequoi")).statusCode, 401);
    const wrongScope = await api("", statsToken);
    assert.equal(wrongScope.statusCode, 403);
    assert.match(String(wrongScope.headers["www-authenticate"]), /insufficient_scope/);
    const bad = await api("?service=cuisine&employeur=prefecture");
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers["content-type"]), /application\/problem\+json/);
    const problem = bad.json() as { errors: { field: string }[] };
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ["employeur", "service"]);
  });

  test("the API is documented in OpenAPI", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    const operation = spec.paths["/api/v1/maillage"]?.get;
    assert.ok(operation, "GET /api/v1/maillage is documented");
    assert.deepEqual(operation.parameters?.map((p) => p.name).sort(), ["employeur", "service"]);
  });

  test("coordination, the Préfecture and admins see /maillage; other roles get 403; visitors must sign in", async () => {
    for (const email of ["coordination@declic47.example", "prefecture@declic47.example", "admin@declic47.example"]) {
      const visitor = await signIn(t, email);
      const page = await visitor.get("/maillage");
      assert.equal(page.statusCode, 200, email);
    }
    for (const email of ["responsable.lgnum@declic47.example", "justine.sabathier@declic47.example", "mairie.nerac@declic47.example"]) {
      const visitor = await signIn(t, email);
      assert.equal((await visitor.get("/maillage")).statusCode, 403, email);
      assert.equal((await visitor.get("/maillage/communes.csv")).statusCode, 403, email);
    }
    const anonymous = await t.app.inject({ method: "GET", url: "/maillage", headers: { accept: "text/html" } });
    assert.notEqual(anonymous.statusCode, 200);
    assert.doesNotMatch(anonymous.body, /Communes les moins bien desservies/);
  });

  test("the page gives the summary, a map with a text alternative, the least-served communes first, and stays light", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    const page = await coordinator.get("/maillage");
    const html = page.body;
    assert.match(html, /Sur 333\u202f?\s?602 habitants|Sur [\d\s\u202f]+ habitants du département \(Lot-et-Garonne\)/);
    assert.match(html, /à 10 km ou moins/);
    assert.match(html, /<svg viewBox="0 0 600 \d+" role="img" aria-labelledby="carte-titre carte-description"/);
    assert.match(html, /<title id="carte-titre">Carte des 319 communes/);
    const communeLayer = /<g class="coverage-map__communes">([\s\S]*?)<\/g><g class="coverage-map__places">/.exec(html)?.[1] ?? "";
    assert.equal((communeLayer.match(/<path d="M/g) ?? []).length, 319, "one shape per commune, from its boundary");
    assert.match(html, /<caption>\s*Communes classées de la moins bien desservie/);
    const answer = (await api()).json() as ApiAnswer;
    const first = [...answer.communes].filter((c) => (c.distance_km as number) > 10).sort((a, b) => b.population - a.population)[0] as ApiCommune;
    const firstRow = /<tbody><tr><th scope="row">([^<]+) <span/.exec(html)?.[1];
    assert.equal(firstRow, first.nom, "the most populated commune beyond 10 km comes first");
    assert.ok(html.length < 120_000, `the page weighs ${html.length} bytes`);
    const second = await coordinator.get("/maillage?page=2");
    assert.equal(second.statusCode, 200);
    assert.notEqual(/<tbody><tr><th scope="row">([^<]+) <span/.exec(second.body)?.[1], firstRow);
    assert.match(second.body, /page 2 sur 16/);
  });

  test("filters in the URL narrow the page, and each form keeps the other choices", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    const all = await coordinator.get("/maillage");
    const filtered = await coordinator.get("/maillage?employeur=commune&nb_sites=3");
    assert.equal(filtered.statusCode, 200);
    const count = (html: string) => Number(/(\d+) lieux? (?:a|ont) au moins une permanence active/.exec(html)?.[1]);
    assert.ok(count(filtered.body) < count(all.body), `${count(filtered.body)} < ${count(all.body)}`);
    assert.match(filtered.body, /<option value="commune" selected>/);
    assert.match(filtered.body, /<input type="hidden" name="employeur" value="commune">/);
    assert.match(filtered.body, /href="\/maillage\/communes.csv\?employeur=commune"/);
    assert.equal((filtered.body.match(/<ol class="coverage-sites">[\s\S]*?<\/ol>/)?.[0].match(/<li>/g) ?? []).length, 3);
    const bad = await coordinator.get("/maillage?service=cuisine&nb_sites=99");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="error-summary"/);
    assert.match(bad.body, /Service inconnu : cuisine/);
  });

  test("« Et si… » at the least-served commune shows the gain, the same as the API figures say", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    const answer = (await api()).json() as ApiAnswer;
    const target = [...answer.communes].filter((c) => (c.distance_km as number) > 10).sort((a, b) => b.population - a.population)[0] as ApiCommune;
    const page = await coordinator.get(`/maillage?si_commune=${target.code_insee}&si_rayon_km=10`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Avec une permanence à le centre de ${target.nom}`));
    const gain = Number(/<strong>([\d\s\u202f]+) habitants?<\/strong> de plus à 10 km/.exec(page.body)?.[1]?.replace(/\D/g, ""));
    assert.ok(gain >= target.population, `the commune itself comes within 10 km (${gain})`);
    const unknown = await coordinator.get("/maillage?si_commune=99999");
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Cette commune n&#39;est pas connue/);
  });

  test("« Et si… » at a place without an active permanence (under the filters) shows the gain there", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    const page = await coordinator.get("/maillage?employeur=commune");
    const select = /<select id="si_lieu"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? "";
    const option = /<option value="([0-9a-f-]{36})">([^<]+)<\/option>/.exec(select);
    assert.ok(option, "places of other employers can be chosen");
    const result = await coordinator.get(`/maillage?employeur=commune&si_lieu=${option[1]}`);
    assert.equal(result.statusCode, 200);
    assert.ok(result.body.includes(`Avec une permanence à ${option[2]}`), "the place is named");
    assert.match(result.body, /Part de la population proche d&#39;un lieu, avant et après/);
    const unknown = await coordinator.get("/maillage?si_lieu=00000000-0000-0000-0000-000000000000");
    assert.equal(unknown.statusCode, 400);
  });

  test("the CSV lists every commune with the API's columns", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    const csv = await coordinator.get("/maillage/communes.csv?service=aide-aux-demarches-administratives");
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers["content-type"]), /text\/csv/);
    const lines = csv.body.replace(/^\ufeff/, "").trim().split("\r\n");
    assert.equal(lines[0], "code_insee,nom,population,distance_km,lieu_id,lieu_nom,distance_sans_rdv_km,heures_10km,heures_20km");
    assert.equal(lines.length, 320);
  });
});
