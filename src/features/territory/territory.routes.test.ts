import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";

interface CommuneJson {
  code: string;
  nom: string;
  codes_postaux: string[];
  population: number;
  epci: { code: string; nom: string } | null;
  latitude: number | null;
  longitude: number | null;
}

interface ProblemJson {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe("commune search", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(async () => {
    await t.close();
  });

  async function search(query: string): Promise<CommuneJson[]> {
    const response = await t.app.inject({ method: "GET", url: `/api/v1/communes?${query}` });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    return (response.json() as { communes: CommuneJson[] }).communes;
  }
  const q = (text: string) => search(`q=${encodeURIComponent(text)}`);

  async function page(query: string) {
    return t.app.inject({ method: "GET", url: `/recherche-commune?${query}`, headers: { accept: "text/html" } });
  }

  test("a search for 'villeneuve' finds Villeneuve-sur-Lot first", async () => {
    const communes = await q("villeneuve");
    assert.equal(communes[0]?.code, "47323");
    assert.equal(communes[0]?.nom, "Villeneuve-sur-Lot");
    assert.ok(communes.some((c) => c.code === "47321"), "Villeneuve-de-Duras is listed too");
  });

  test("a search for the postcode 47300 finds Villeneuve-sur-Lot first, then the other communes of that postcode", async () => {
    const communes = await q("47300");
    assert.equal(communes[0]?.code, "47323");
    const withPostcode = communes.filter((c) => c.codes_postaux.includes("47300"));
    assert.equal(withPostcode.length, 5);
    assert.deepEqual(communes.slice(0, 5), withPostcode, "communes of the postcode come before anything else");
  });

  test("typing the start of a postcode, '4730', suggests the communes of postcode 47300, not INSEE codes 47301…47309", async () => {
    const communes = await q("4730");
    assert.ok(communes.length > 0);
    assert.ok(
      communes.every((c) => c.codes_postaux.some((p) => p.startsWith("4730"))),
      communes.map((c) => `${c.nom} ${c.codes_postaux.join("/")}`).join(", "),
    );
  });

  test("a postcode search never lists a commune because its INSEE code equals the postcode", async () => {
    // Gontaud-de-Nogaret's INSEE code is 47110, its postcode 47400.
    const communes = await q("47110");
    assert.deepEqual(
      communes.map((c) => c.nom),
      ["Sainte-Livrade-sur-Lot", "Le Temple-sur-Lot", "Dolmayrac", "Allez-et-Cazeneuve"],
    );
    assert.ok(communes.every((c) => c.codes_postaux.includes("47110")));
    assert.ok(!(await q("47300")).some((c) => c.nom === "Sérignac-sur-Garonne"), "INSEE 47300, postcode 47310");
    assert.deepEqual(await q("47001"), [], "Agen's INSEE code is no postcode");
  });

  test("an INSEE code has its own address, /api/v1/communes/{code}", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/communes/47110" });
    assert.equal(response.statusCode, 200, response.body);
    const gontaud = response.json() as CommuneJson;
    assert.equal(gontaud.nom, "Gontaud-de-Nogaret");
    assert.deepEqual(gontaud.codes_postaux, ["47400"]);
    for (const code of ["99999", "47999", "abc"]) {
      const missing = await t.app.inject({ method: "GET", url: `/api/v1/communes/${code}` });
      assert.equal(missing.statusCode, 404, code);
      assert.match(String(missing.headers["content-type"]), /^application\/problem\+json/);
    }
  });

  test("a misspelt name, 'Marmandes', offers Marmande and says these are close spellings", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/communes?q=Marmandes" });
    const body = response.json() as { communes: CommuneJson[]; orthographe_proche: boolean };
    assert.equal(body.orthographe_proche, true);
    assert.equal(body.communes[0]?.nom, "Marmande");
    const exact = (await t.app.inject({ method: "GET", url: "/api/v1/communes?q=Marmande" })).json() as { orthographe_proche: boolean };
    assert.equal(exact.orthographe_proche, false);
  });

  test("names written as people write them find their commune first", async () => {
    const cases: [string, string][] = [
      ["Agen 47000", "Agen"],
      ["villeneuve/lot", "Villeneuve-sur-Lot"],
      ["penne agenais", "Penne-d'Agenais"],
      ["St-Livrade", "Sainte-Livrade-sur-Lot"],
      ["ste livrade", "Sainte-Livrade-sur-Lot"],
      ["st livrade sur lot", "Sainte-Livrade-sur-Lot"],
    ];
    for (const [typed, expected] of cases) assert.equal((await q(typed))[0]?.nom, expected, typed);
  });

  test("a search for 'agén', accent and all, finds Agen first", async () => {
    const url = "/api/v1/communes?q=ag%C3%A9n";
    assert.equal(url, `/api/v1/communes?q=${encodeURIComponent("agén")}`);
    const communes = await search("q=ag%C3%A9n");
    assert.equal(communes[0]?.code, "47001");
    assert.equal(communes[0]?.nom, "Agen");
  });

  test("a search in capitals, 'AGEN', finds Agen first, then the Agenais villages", async () => {
    const communes = await q("AGEN");
    assert.equal(communes[0]?.code, "47001");
    assert.ok(communes.slice(1).some((c) => /Agenais/.test(c.nom)));
  });

  test("a search for 'ste livrade' finds Sainte-Livrade-sur-Lot", async () => {
    const communes = await q("ste livrade");
    assert.equal(communes[0]?.nom, "Sainte-Livrade-sur-Lot");
  });

  test("a search with an apostrophe, 'penne d'agenais', finds Penne-d'Agenais", async () => {
    const communes = await q("penne d'agenais");
    assert.equal(communes[0]?.nom, "Penne-d'Agenais");
  });

  test("each commune comes with its postcodes, population, EPCI and position", async () => {
    const [villeneuve] = await q("Villeneuve-sur-Lot");
    assert.ok(villeneuve);
    assert.deepEqual(Object.keys(villeneuve).sort(), ["code", "codes_postaux", "epci", "latitude", "longitude", "nom", "population"]);
    assert.deepEqual(villeneuve.codes_postaux, ["47300"]);
    assert.ok(Number.isInteger(villeneuve.population) && villeneuve.population > 20000);
    assert.deepEqual(villeneuve.epci, { code: "200023307", nom: "CA du Grand Villeneuvois" });
    assert.ok(villeneuve.latitude !== null && Math.abs(villeneuve.latitude - 44.42) < 0.05);
    assert.ok(villeneuve.longitude !== null && Math.abs(villeneuve.longitude - 0.74) < 0.05);
  });

  test("'limite' caps the number of communes returned, 10 by default", async () => {
    assert.equal((await search("q=47&limite=3")).length, 3);
    assert.equal((await search("q=47")).length, 10);
    const tooMany = await t.app.inject({ method: "GET", url: "/api/v1/communes?q=47&limite=500" });
    assert.equal(tooMany.statusCode, 400);
  });

  test("a name that matches nothing gives an empty list, not an error", async () => {
    assert.deepEqual(await q("zzzz"), []);
    assert.deepEqual(await q("100%_"), []);
  });

  test("a search without q is refused with a French explanation naming the field", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/communes" });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers["content-type"]), /^application\/problem\+json/);
    const body = response.json() as ProblemJson;
    assert.equal(body.code, "validation_failed");
    assert.equal(body.status, 400);
    assert.ok(Array.isArray(body.errors));
    const error = body.errors.find((e) => e.field === "q");
    assert.ok(error, JSON.stringify(body.errors));
    assert.equal(error.message, "Ce champ est obligatoire.");
  });

  test("an empty q is refused the same way", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/communes?q=" });
    assert.equal(response.statusCode, 400);
    const body = response.json() as ProblemJson;
    assert.equal(body.code, "validation_failed");
    assert.deepEqual(body.errors, [{ field: "q", message: "Ce champ ne doit pas être vide." }]);
  });

  test("the results page lists the communes found, each with a link to the help places near it", async () => {
    const response = await page("q=villeneuve");
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^text\/html/);
    assert.match(response.body, /<a href="\/trouver-de-l-aide\?commune=47323">\s*Villeneuve-sur-Lot \(47300\)\s*<\/a>/);
    assert.match(response.body, /3 communes trouvées/);
    assert.match(response.body, /value="villeneuve"/);
  });

  test("a search that designates one commune goes straight to the help places near it", async () => {
    const cases: [string, string][] = [
      ["agen", "47001"],
      ["47000", "47001"],
      ["Agen 47000", "47001"],
      ["villeneuve/lot", "47323"],
      ["penne agenais", "47203"],
      ["St-Livrade", "47252"],
      ["ste livrade", "47252"],
      ["st livrade sur lot", "47252"],
    ];
    for (const [typed, code] of cases) {
      const response = await page(`q=${encodeURIComponent(typed)}`);
      assert.equal(response.statusCode, 303, typed);
      assert.equal(response.headers.location, `/trouver-de-l-aide?commune=${code}`, typed);
    }
  });

  test("a postcode shared by several communes lists them, without the commune whose INSEE code it is", async () => {
    const response = await page("q=47110");
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /4 communes trouvées/);
    assert.doesNotMatch(response.body, /Gontaud/);
  });

  test("a misspelt name asks « Vouliez-vous dire Marmande ? » with a link to its help places", async () => {
    const response = await page("q=Marmandes");
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Aucune commune du département ne s&#39;écrit « Marmandes »/);
    assert.match(response.body, /<p class="did-you-mean">Vouliez-vous dire <a href="\/trouver-de-l-aide\?commune=47157">Marmande<\/a>\u00a0\?<\/p>/);
    assert.match(response.body, /<input[^>]*value="Marmandes"/);
  });

  test("the results page without a search shows the empty form", async () => {
    const response = await page("");
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<input[^>]*name="q"/);
    assert.doesNotMatch(response.body, /field-error/);
  });

  test("an empty search on the results page explains, next to the field, what to type", async () => {
    const response = await page("q=");
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<p class="field-error" id="q-erreur">[\s\S]*Saisissez le nom de votre commune ou votre code postal\./);
    assert.match(response.body, /aria-describedby="q-aide q-erreur"/);
    assert.match(response.body, /aria-invalid="true"/);
    assert.match(response.body, /<title>Erreur/);
  });

  test("a search of punctuation only keeps what was typed in the field", async () => {
    const response = await page(`q=${encodeURIComponent("--")}`);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Saisissez des lettres ou des chiffres\./);
    assert.match(response.body, /<input[^>]*value="--"/);
  });

  test("a search that finds nothing says « Aucune commune » and suggests what to do next", async () => {
    const response = await page("q=zzzz");
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Aucune commune ne correspond à « zzzz »/);
    assert.match(response.body, /code postal/);
    assert.match(response.body, /<a href="\/trouver-de-l-aide">/);
    assert.match(response.body, /<input[^>]*value="zzzz"/);
  });

  test("what was typed is shown back escaped, never as HTML", async () => {
    const response = await page(`q=${encodeURIComponent('<script>alert("x")</script>')}`);
    assert.equal(response.statusCode, 200);
    assert.doesNotMatch(response.body, /<script>alert/);
    assert.match(response.body, /&lt;script&gt;/);
  });
});
