import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { between, HOURS, MONDAY, type PlaceFixture, preparePlace } from "./place-page.fixtures.ts";

describe("the public page of a place", () => {
  let t: TestApp;
  let place: PlaceFixture;
  const get = (url: string) => t.app.inject({ url, headers: { accept: "text/html" } });

  before(async () => {
    t = await startTestApp({ template: "demo", now: MONDAY });
    place = await preparePlace(t);
  });
  after(() => t.close());

  test("shows the week's opening hours in plain French, Monday to Sunday", async () => {
    const page = await get(`/lieux/${place.slug}`);
    assert.equal(page.statusCode, 200);
    const hours = between(page.body, 'id="horaires-titre"', 'id="permanences-titre"');
    assert.match(hours, /<th scope="row">lundi<\/th><td>9\u00a0h\u00a0– 12\u00a0h et 14\u00a0h\u00a0– 17\u00a0h<\/td>/);
    assert.match(hours, /<th scope="row">mercredi<\/th><td>9\u00a0h\u00a0– 12\u00a0h et 14\u00a0h\u00a0– 17\u00a0h<\/td>/, "the usual Wednesday, not the holiday");
    assert.match(hours, /<th scope="row">samedi<\/th><td>10\u00a0h\u00a0– 12\u00a0h<\/td>/);
    assert.match(hours, /<th scope="row">dimanche<\/th><td>Fermé<\/td>/);
    assert.ok(hours.indexOf(">lundi<") < hours.indexOf(">dimanche<"));
    assert.match(hours, /Fermé les jours fériés\./);
    assert.match(hours, /fermé le mercredi 11 novembre/);
  });

  test("lists the next four weeks of permanences with the advisor's first name only, holidays left out", async () => {
    const page = await get(`/lieux/${place.slug}`);
    const permanences = between(page.body, 'id="permanences-titre"', 'id="contact-titre"');
    for (const day of ["mercredi 18 novembre", "mercredi 25 novembre", "mercredi 2 décembre"]) assert.match(permanences, new RegExp(day));
    assert.doesNotMatch(permanences, /11 novembre/, "Armistice Day is a public holiday");
    assert.doesNotMatch(permanences, /9 décembre/, "beyond four weeks");
    assert.match(permanences, /9\u00a0h\u00a0– 12\u00a0h/);
    assert.match(permanences, /Sans rendez-vous/);
    assert.ok(permanences.includes(place.advisor.firstName));
    assert.ok(!page.body.includes(place.advisor.lastName), "the advisor's last name is not on the page");
  });

  test("shows address, approximate position, directions, contact, structure and update date", async () => {
    const { body } = await get(`/lieux/${place.slug}`);
    assert.match(body, /position approximative \(centre de la commune\)/);
    assert.match(body, /href="https:\/\/www\.openstreetmap\.org\/directions\?route=%3B\d+\.\d+%2C\d+\.\d+"/);
    assert.match(body, /href="tel:0553000000"/);
    assert.match(body, /Lieu géré par : /);
    assert.match(body, /Mis à jour le 15 octobre 2026/);
    assert.match(body, /href="\/lieux\/[^"]+\/affiche">Imprimer une affiche/);
  });

  test("says so when a place has no opening hours", async () => {
    const other = await t.handle.db
      .selectFrom("places")
      .select("slug")
      .where("is_public", "=", true)
      .where("id", "!=", place.placeId)
      .orderBy("slug")
      .executeTakeFirstOrThrow();
    await t.handle.db.updateTable("places").set({ opening_hours: null }).where("slug", "=", other.slug).execute();
    const { body } = await get(`/lieux/${other.slug}`);
    assert.match(body, /Horaires non renseignés/);
  });

  test("carries schema.org data as parseable JSON-LD", async () => {
    const { body } = await get(`/lieux/${place.slug}`);
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(body)?.[1];
    assert.ok(json, "a JSON-LD script element");
    const data = JSON.parse(json) as Record<string, unknown> & { address: Record<string, string>; geo: Record<string, number> };
    assert.equal(data["@context"], "https://schema.org");
    assert.ok(["GovernmentOffice", "LocalBusiness"].includes(String(data["@type"])));
    assert.equal(data.url, `http://localhost:3000/lieux/${place.slug}`);
    assert.equal(data.openingHours, HOURS);
    assert.equal(data.address["@type"], "PostalAddress");
    assert.match(data.address.postalCode ?? "", /^47\d{3}$/);
    assert.equal(typeof data.geo.latitude, "number");
  });

  test("a hidden or unknown place answers a French 404", async () => {
    for (const url of [`/lieux/${place.hiddenSlug}`, "/lieux/nexiste-pas", `/lieux/${place.hiddenSlug}/affiche`, `/lieux/${place.hiddenSlug}/orientation`]) {
      const page = await get(url);
      assert.equal(page.statusCode, 404, url);
      assert.match(page.body, /Ce lieu n&#39;existe pas ou n&#39;est plus affiché/);
    }
  });

  test("the poster carries the hours, the permanences and an SVG QR code of the page's absolute address", async () => {
    const { statusCode, body } = await get(`/lieux/${place.slug}/affiche`);
    assert.equal(statusCode, 200);
    assert.match(body, /<svg class="qr-code" role="img" aria-label="Code QR menant à la fiche du lieu : http:\/\/localhost:3000\/lieux\//);
    assert.match(body, /<path[^>]+d="M/);
    assert.ok(body.includes(`http://localhost:3000/lieux/${place.slug}`));
    assert.match(body, /Quand \?/);
    assert.match(body, /mercredi 18 novembre/);
    assert.match(body, /tel:0553000000/);
  });

  test("the orientation form says nothing is saved and is never cached", async () => {
    const page = await get(`/lieux/${place.slug}/orientation`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Rien n&#39;est enregistré/);
    assert.match(page.body, /<form method="get"/);
    assert.equal(page.headers["cache-control"], "no-store");
    assert.equal(page.headers["referrer-policy"], "no-referrer");
  });

  test("the orientation sheet echoes the person's first name, the note and the helper, escaped", async () => {
    const query = new URLSearchParams({ fiche: "1", prenom: "<b>Léa</b>", note: "Carte Vitale & ameli <script>x</script>", orienteur: "Claire, CCAS" });
    const page = await get(`/lieux/${place.slug}/orientation?${query}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers["cache-control"], "no-store");
    assert.equal(page.headers["referrer-policy"], "no-referrer");
    assert.match(page.body, /<h1>Fiche d&#39;orientation<\/h1>/);
    assert.match(page.body, /Pour : &lt;b&gt;Léa&lt;\/b&gt;/);
    assert.match(page.body, /Carte Vitale &amp; ameli &lt;script&gt;x&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /<b>Léa/);
    assert.match(page.body, /Orienté par : Claire, CCAS/);
    assert.match(page.body, /une pièce d&#39;identité/);
    assert.match(page.body, /mercredi 18 novembre/);
    assert.match(page.body, /n&#39;est pas enregistrée/);
  });

  test("a too long orientation note is refused with the input kept", async () => {
    const note = "x".repeat(501);
    const page = await get(`/lieux/${place.slug}/orientation?fiche=1&prenom=L%C3%A9a&note=${note}`);
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /La note fait 500 caractères au plus/);
    assert.match(page.body, /value="Léa"/);
    assert.ok(page.body.includes(note));
  });
});
