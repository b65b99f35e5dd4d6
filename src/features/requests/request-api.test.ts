import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { createApiToken } from "../api-tokens/api-tokens.service.ts";
import { decodeCursor, encodeCursor } from "./request-api.ts";
import { insertRequestRow, NOW } from "./requests.test-support.ts";

interface ApiPage {
  demandes: { id: string; numero: number; statut: string; type: string; commune: { code_insee: string }; description: string }[];
  suivant: string | null;
}

describe("GET /api/v1/demandes", () => {
  let t: TestApp;
  let token: string;
  let statsOnly: string;
  const ids: string[] = [];

  const get = (url: string, bearer: string | null = token) => t.app.inject({ url, headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });

  before(async () => {
    t = await startTestApp({ template: "demo", now: NOW });
    await t.handle.db.deleteFrom("commune_requests").execute();
    const ctx = { actorUserId: null, now: NOW, via: "cli" as const };
    token = (await createApiToken(t.handle.db, { name: "Département", scopes: ["demandes"] }, ctx)).token;
    statsOnly = (await createApiToken(t.handle.db, { name: "Tableau", scopes: ["statistiques"] }, ctx)).token;
    for (let i = 0; i < 7; i++) {
      const nerac = i % 2 === 0;
      ids.push(
        await insertRequestRow(t, {
          communeCode: nerac ? "47195" : "47086",
          structureSlug: nerac ? "commune-de-nerac" : "commune-de-duras",
          kind: i === 3 ? "workshops" : "permanence",
          status: i === 1 ? "refused" : "new",
          createdAt: new Date(Date.UTC(2026, 10, 1 + i, 9)),
        }),
      );
    }
  });
  after(() => t.close());

  test("without a valid token 401, without the scope 403, both as problem+json", async () => {
    const none = await get("/api/v1/demandes", null);
    assert.equal(none.statusCode, 401);
    assert.match(none.headers["content-type"] as string, /application\/problem\+json/);
    const wrong = await get("/api/v1/demandes", statsOnly);
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().code, "insufficient_scope");
  });

  test("every request once, newest first, page after page with the cursor", async () => {
    const seen: ApiPage["demandes"] = [];
    let next: string | null = "";
    while (next !== null) {
      const response = await get(`/api/v1/demandes?limite=3${next ? `&curseur=${next}` : ""}`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["cache-control"], "private, no-store");
      const body = response.json() as ApiPage;
      seen.push(...body.demandes);
      next = body.suivant;
    }
    assert.equal(seen.length, 7);
    assert.deepEqual(
      seen.map((d) => d.id),
      [...ids].reverse(),
    );
    const numbers = seen.map((d) => d.numero);
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
  });

  test("French keys and codes, no contact details", async () => {
    const body = (await get("/api/v1/demandes?statut=refusee")).json() as ApiPage & { demandes: Record<string, unknown>[] };
    assert.equal(body.demandes.length, 1);
    const d = body.demandes[0]!;
    assert.equal(d.statut, "refusee");
    assert.equal(d.motif_refus, "Motif de test.");
    assert.equal(d.type, "permanence");
    assert.equal(d.canal, "en-ligne");
    assert.deepEqual(d.commune, { code_insee: "47086", nom: "Duras" });
    const text = JSON.stringify(body);
    for (const word of ["Contact de test", "contact@mairie.example"]) assert.ok(!text.includes(word), word);
  });

  test("filters by type, commune and filing dates", async () => {
    assert.deepEqual(
      ((await get("/api/v1/demandes?type=ateliers")).json() as ApiPage).demandes.map((d) => d.id),
      [ids[3]],
    );
    assert.equal(((await get("/api/v1/demandes?commune=47195")).json() as ApiPage).demandes.length, 4);
    assert.deepEqual(
      ((await get("/api/v1/demandes?du=2026-11-02&au=2026-11-03")).json() as ApiPage).demandes.map((d) => d.id),
      [ids[2], ids[1]],
    );
  });

  test("bad parameters answer 400 naming each one", async () => {
    const response = await get("/api/v1/demandes?statut=ouverte&type=x&commune=Nerac&du=2026-02-30&limite=0&curseur=abc");
    assert.equal(response.statusCode, 400);
    assert.match(response.headers["content-type"] as string, /application\/problem\+json/);
    assert.deepEqual(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ["commune", "curseur", "du", "limite", "statut", "type"],
    );
  });

  test("the cursor reads back and refuses anything else", () => {
    assert.equal(decodeCursor(encodeCursor(42)), 42);
    for (const bad of ["", "W10", Buffer.from("[0]").toString("base64url"), Buffer.from('["12"]').toString("base64url")]) assert.equal(decodeCursor(bad), null, bad);
  });

  test("the route is in the OpenAPI document with its token security", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json();
    const operation = doc.paths["/api/v1/demandes"].get;
    assert.deepEqual(operation.security, [{ jeton: [] }]);
    assert.ok(operation.responses["200"]);
  });
});
