// The five classes of input that answered 500 (issue 15), each at the layer where it starts.
// Run on PGlite and PostgreSQL like every suite.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { startTestApp, type TestApp, Visitor } from "./support/app.ts";

function assertProblem(response: LightMyRequestResponse, status: number, code: string, field?: string) {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  assert.match(String(response.headers["content-type"]), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  if (field) assert.ok(body.errors?.some((e: { field: string }) => e.field === field), `field ${field} named in ${JSON.stringify(body.errors)}`);
}

function assertFrenchPage(response: LightMyRequestResponse, status: number, title: RegExp) {
  assert.equal(response.statusCode, status, response.body.slice(0, 300));
  assert.match(String(response.headers["content-type"]), /^text\/html/);
  assert.match(response.body, /<html lang="fr">/);
  assert.match(response.body, title);
  assert.match(response.body, /href="\/"/, "a way back to the home page");
}

describe("bad input never answers 500", () => {
  let t: TestApp;
  let slug: string;
  let workshopId: string;
  let placeId: string;
  before(async () => {
    t = await startTestApp({ template: "demo" });
    const place = await t.handle.db.selectFrom("places").select(["id", "slug"]).where("slug", "is not", null).orderBy("slug").executeTakeFirstOrThrow();
    slug = place.slug as string;
    placeId = place.id;
    const workshop = await t.handle.db.selectFrom("workshops").select("id").where("starts_at", ">", new Date()).orderBy("starts_at").executeTakeFirstOrThrow();
    workshopId = workshop.id;
  });
  after(() => t.close());

  describe("1. malformed JSON bodies", () => {
    for (const payload of ["{", '{"creneau": "x",}', '{"__proto__": {"admin": true}, "creneau": "x"}', '{"constructor": {"prototype": {"x": 1}}}']) {
      test(`${payload} on POST /api/v1/rendez-vous is a 400 malformed_body naming the body`, async () => {
        const response = await t.app.inject({ method: "POST", url: "/api/v1/rendez-vous", payload, headers: { "content-type": "application/json" } });
        assertProblem(response, 400, "malformed_body", "body");
        assert.match(response.json().detail, /JSON/);
      });
    }

    test("a body of a content type the API does not read is a 415", async () => {
      const response = await t.app.inject({ method: "POST", url: "/api/v1/rendez-vous", payload: "<x/>", headers: { "content-type": "application/xml" } });
      assertProblem(response, 415, "unsupported_media_type");
    });
  });

  describe("2. static paths the file server refuses", () => {
    for (const url of ["/static/%00", "/static//x", "/static/../package.json", "/static/%2e%2e/%2e%2e/package.json", "/static/vendor/leaflet/%00"]) {
      test(`GET ${url} is a French 404 page`, async () => {
        assertFrenchPage(await t.app.inject({ url, headers: { accept: "text/html" } }), 404, /Page introuvable/);
      });
    }
  });

  describe("3. numbers overflowing to Infinity", () => {
    for (const value of ["1e309", "-1e309", "Infinity", "1.5"]) {
      test(`limite=${value} on /api/v1/communes is a 400 naming limite`, async () => {
        assertProblem(await t.app.inject({ url: `/api/v1/communes?q=agen&limite=${value}` }), 400, "validation_failed", "limite");
      });
    }

    test("a page number overflowing to Infinity on /api/v1/lieux is a 400", async () => {
      const response = await t.app.inject({ url: "/api/v1/lieux?commune=47001&page=1e309" });
      assert.equal(response.statusCode, 400, response.body);
    });
  });

  describe("4. dates the calendar does not have", () => {
    test("du=2026-13-01 on /api/v1/creneaux names du", async () => {
      const response = await t.app.inject({ url: `/api/v1/creneaux?lieu=${placeId}&du=2026-13-01&au=2026-12-31` });
      assertProblem(response, 400, "validation_failed", "du");
    });

    for (const day of ["9999-12-31", "0001-01-01", "2026-02-30", "2026-00-10"]) {
      test(`ouvert=${day} on /api/v1/lieux names ouvert`, async () => {
        assertProblem(await t.app.inject({ url: `/api/v1/lieux?commune=47001&ouvert=${day}` }), 400, "validation_failed", "ouvert");
      });
    }

    test("ouvert=0001-01-01 on /trouver-de-l-aide re-renders the search in French with the field's error", async () => {
      const response = await t.app.inject({ url: "/trouver-de-l-aide?commune=47001&ouvert=0001-01-01", headers: { accept: "text/html" } });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<html lang="fr">/);
      assert.match(response.body, /date au format AAAA-MM-JJ/);
    });

    test("a week that does not exist on the booking page answers, never 500", async () => {
      const response = await t.app.inject({ url: `/lieux/${slug}/rendez-vous?semaine=9999-12-31`, headers: { accept: "text/html" } });
      assert.ok(response.statusCode < 500, `${response.statusCode}`);
    });
  });

  describe("5. NUL bytes and other control characters", () => {
    test("/lieux/%00 is a French 404 page", async () => {
      assertFrenchPage(await t.app.inject({ url: "/lieux/%00", headers: { accept: "text/html" } }), 404, /Page introuvable/);
    });

    test("message=Bonjour%00test on « Signaler une erreur » is a French 400 page naming the field, nothing stored", async () => {
      const visitor = new Visitor(t.app, "192.0.2.77");
      await visitor.get(`/lieux/${slug}`);
      const response = await visitor.post(`/lieux/${slug}/signaler`, { message: "Bonjour\u0000test, le lieu a fermé.", contact: "" });
      assertFrenchPage(response, 400, /Données invalides/);
      assert.match(response.body, /message/);
      assert.match(response.body, /caractère de contrôle/);
      const stored = await t.handle.db.selectFrom("place_reports").select("id").execute();
      assert.equal(stored.length, 0);
    });

    test("email=a%00b@… on /connexion is a French 400 page", async () => {
      const visitor = new Visitor(t.app, "192.0.2.78");
      await visitor.get("/connexion");
      const response = await visitor.post("/connexion", { email: "a\u0000b@exemple.fr" });
      assertFrenchPage(response, 400, /Données invalides/);
    });

    test("prenom=a%00b on a workshop registration is a French 400 page, nobody registered", async () => {
      const visitor = new Visitor(t.app, "192.0.2.79");
      await visitor.get(`/ateliers/${workshopId}`);
      const before = await t.handle.db.selectFrom("workshop_registrations").select("id").execute();
      const response = await visitor.post(`/ateliers/${workshopId}/inscription`, { prenom: "a\u0000b", nom: "B", courriel: "ab@exemple.fr", consentement: "1" });
      assertFrenchPage(response, 400, /Données invalides/);
      const afterRows = await t.handle.db.selectFrom("workshop_registrations").select("id").execute();
      assert.equal(afterRows.length, before.length);
    });

    test("a NUL in a JSON body is a 400 problem naming the field", async () => {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/rendez-vous",
        payload: { creneau: "x", prenom: "a\u0000b", nom: "B", consentement: true },
      });
      assertProblem(response, 400, "validation_failed", "prenom");
    });

    test("tabs and line breaks in a message stay allowed", async () => {
      const visitor = new Visitor(t.app, "192.0.2.80");
      await visitor.get(`/lieux/${slug}`);
      const response = await visitor.post(`/lieux/${slug}/signaler`, { message: "Fermé le mercredi\r\n\tdepuis septembre.", contact: "" });
      assert.equal(response.statusCode, 303);
    });
  });

  describe("routing errors get our pages", () => {
    test("a 3,000-character slug is a French 414 page, not raw English JSON", async () => {
      assertFrenchPage(await t.app.inject({ url: `/lieux/${"a".repeat(3000)}`, headers: { accept: "text/html" } }), 414, /Adresse trop longue/);
    });

    test("a 3,000-character slug asked as JSON is a 414 problem", async () => {
      assertProblem(await t.app.inject({ url: `/lieux/${"a".repeat(3000)}`, headers: { accept: "application/json" } }), 414, "uri_too_long");
    });

    test("a bad percent-encoding is a French 400 page", async () => {
      assertFrenchPage(await t.app.inject({ url: "/lieux/%E0%A4%A", headers: { accept: "text/html" } }), 400, /Requête invalide/);
    });

    test("/ateliers/pas-un-uuid says « Page introuvable », not « Données invalides »", async () => {
      assertFrenchPage(await t.app.inject({ url: "/ateliers/pas-un-uuid", headers: { accept: "text/html" } }), 404, /Page introuvable/);
    });

    test("an error page offers the same-site page the person came from", async () => {
      const response = await t.app.inject({ url: "/lieux/%00", headers: { accept: "text/html", referer: "http://localhost:80/trouver-de-l-aide?commune=47001", host: "localhost:80" } });
      assert.match(response.body, /href="\/trouver-de-l-aide\?commune=47001"[^>]*>\s*Revenir à la page précédente/);
    });
  });
});
