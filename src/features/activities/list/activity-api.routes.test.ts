import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../../test/support/app.ts";
import { createApiToken, revokeToken } from "../../api-tokens/api-tokens.service.ts";
import { type Advisor, advisorByEmail, clearReports, ISABELLE, insertPerson, insertReport, JUSTINE } from "./activity-list.test-support.ts";

interface ApiPage {
  activites: { id: string; date: string; beneficiaire: { cle: string | null } | null; atelier: { participants: number } | null }[];
  suivant: string | null;
}

describe("GET /api/v1/activites", () => {
  let t: TestApp;
  let isabelle: Advisor;
  let justine: Advisor;
  let token: string;
  let statsOnly: string;
  let revoked: string;
  let personId: string;
  const created: string[] = [];

  const get = (url: string, bearer: string | null = token) =>
    t.app.inject({ url, headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });

  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-11-20T10:00:00Z") });
    await clearReports(t);
    isabelle = await advisorByEmail(t, ISABELLE);
    justine = await advisorByEmail(t, JUSTINE);
    personId = await insertPerson(t, isabelle, "Marie", "Lagarde");
    const ctx = { actorUserId: null, now: t.clock.now, via: "cli" as const };
    token = (await createApiToken(t.handle.db, { name: "Observatoire", scopes: ["activites"] }, ctx)).token;
    statsOnly = (await createApiToken(t.handle.db, { name: "Tableau", scopes: ["statistiques"] }, ctx)).token;
    const old = await createApiToken(t.handle.db, { name: "Ancien", scopes: ["activites"] }, ctx);
    await revokeToken(t.handle.db, old.id, ctx);
    revoked = old.token;
    // Several reports share a day, so the cursor must break ties.
    for (let i = 0; i < 23; i++) {
      const advisor = i % 2 === 0 ? isabelle : justine;
      const date = `2026-03-${String(1 + Math.floor(i / 4)).padStart(2, "0")}`;
      created.push(await insertReport(t, advisor, { date, beneficiaryId: i === 0 ? personId : null, type: i === 5 ? "collectif" : "individuel" }));
    }
    await insertReport(t, isabelle, { date: "2026-03-02", deleted: true });
  });
  after(() => t.close());

  test("without a valid token the answer is 401 invalid_token, as problem+json", async () => {
    for (const bearer of [null, "declic_inconnu", revoked]) {
      const response = await get("/api/v1/activites", bearer);
      assert.equal(response.statusCode, 401, String(bearer));
      assert.match(response.headers["content-type"] as string, /application\/problem\+json/);
      assert.equal(response.json().code, "invalid_token");
      assert.match(response.headers["www-authenticate"] as string, /invalid_token/);
    }
  });

  test("a token without the « activites » scope gets 403 insufficient_scope", async () => {
    const response = await get("/api/v1/activites", statsOnly);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, "insufficient_scope");
  });

  test("wrong parameters give 400 naming each of them", async () => {
    const response = await get("/api/v1/activites?du=hier&limite=1000&curseur=abc&type=groupe");
    assert.equal(response.statusCode, 400);
    assert.match(response.headers["content-type"] as string, /application\/problem\+json/);
    const fields = (response.json().errors as { field: string }[]).map((e) => e.field).sort();
    assert.deepEqual(fields, ["curseur", "du", "limite", "type"]);
  });

  test("the cursor walks every report exactly once, newest first, deleted ones left out", async () => {
    const seen: string[] = [];
    const dates: string[] = [];
    let url: string | null = "/api/v1/activites?limite=5";
    let pages = 0;
    while (url !== null) {
      const response = await get(url);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json() as ApiPage;
      seen.push(...body.activites.map((a) => a.id));
      dates.push(...body.activites.map((a) => a.date));
      pages++;
      url = body.suivant === null ? null : `/api/v1/activites?limite=5&curseur=${encodeURIComponent(body.suivant)}`;
    }
    assert.equal(pages, 5);
    assert.equal(seen.length, created.length);
    assert.deepEqual(new Set(seen), new Set(created));
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  test("filters narrow the set like the list; dates are inclusive", async () => {
    const body = (await get(`/api/v1/activites?du=2026-03-02&au=2026-03-03&conseiller=${justine.id}`)).json() as ApiPage;
    assert.equal(body.activites.length, 4);
    assert.ok(body.activites.every((a) => a.date >= "2026-03-02" && a.date <= "2026-03-03"));
    assert.equal(body.suivant, null);
  });

  test("answers are anonymised: no name and no beneficiary id, a hashed key instead", async () => {
    const response = await get("/api/v1/activites?limite=500");
    assert.ok(!response.body.includes("Lagarde"));
    assert.ok(!response.body.includes(personId));
    const known = (response.json() as ApiPage).activites.find((a) => a.id === created[0]);
    assert.match(known?.beneficiaire?.cle ?? "", /^[A-Za-z0-9_-]{22}$/);
    const workshop = (response.json() as ApiPage).activites.find((a) => a.id === created[5]);
    assert.equal(workshop?.beneficiaire, null);
    assert.equal(workshop?.atelier?.participants, 5);
  });

  test("the route is described in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ url: "/api/v1/openapi.json" })).json() as { paths: Record<string, { get?: { parameters?: { name: string }[] } }> };
    const names = doc.paths["/api/v1/activites"]?.get?.parameters?.map((p) => p.name) ?? [];
    for (const name of ["du", "au", "type", "thematique", "lieu", "structure", "conseiller", "curseur", "limite"]) assert.ok(names.includes(name), name);
  });
});
