import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { postForm, signIn } from "../places/admin/place-admin.test-support.ts";

const ADMIN = "admin@declic47.example";

describe("the API tokens back office", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo", now: new Date("2026-11-20T10:00:00Z") });
  });
  after(() => t.close());

  test("a wrong form comes back with French errors and what was typed", async () => {
    const admin = await signIn(t, ADMIN);
    await admin.get("/admin/jetons-api/nouveau");
    const empty = await postForm(t, admin, "/admin/jetons-api/nouveau", [["name", "  "]]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Donnez un nom au jeton/);
    assert.match(empty.body, /Cochez au moins une donnée/);
    const noScope = await postForm(t, admin, "/admin/jetons-api/nouveau", [["name", "Observatoire"]]);
    assert.match(noScope.body, /value="Observatoire"/);
  });

  test("a token is created, shown once, works on the API, is listed, then revoked with confirmation, all audited", async () => {
    const admin = await signIn(t, ADMIN);
    await admin.get("/admin/jetons-api/nouveau");
    const created = await postForm(t, admin, "/admin/jetons-api/nouveau", [
      ["name", "Observatoire départemental"],
      ["scopes", "activites"],
      ["scopes", "statistiques"],
    ]);
    assert.equal(created.statusCode, 200);
    assert.equal(created.headers["cache-control"], "no-store");
    const token = /id="jeton" type="text" readonly value="(declic_[^"]+)"/.exec(created.body)?.[1];
    assert.ok(token, "the token is on the page");
    const stored = await t.handle.db.selectFrom("api_tokens").select(["id", "token_hash"]).where("name", "=", "Observatoire départemental").executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token, "only a hash is kept");

    const api = await t.app.inject({ url: "/api/v1/activites", headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 200);

    const list = await admin.get("/admin/jetons-api");
    assert.match(list.body, /Observatoire départemental/);
    assert.match(list.body, /Comptes rendus d&#39;activité \(anonymisés\), Statistiques/);
    assert.ok(!list.body.includes(token), "never shown again");
    assert.ok(!list.body.includes("Jamais"), "last use is recorded");

    const confirm = await admin.get(`/admin/jetons-api/${stored.id}/revoquer`);
    assert.match(confirm.body, /Révoquer le jeton « Observatoire départemental » \?/);
    const revoked = await admin.post(`/admin/jetons-api/${stored.id}/revoquer`, {});
    assert.equal(revoked.statusCode, 303);
    assert.equal(revoked.headers.location, "/admin/jetons-api?message=revoque");
    assert.match((await admin.get("/admin/jetons-api")).body, /Révoqué le/);
    const refused = await t.app.inject({ url: "/api/v1/activites", headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.statusCode, 401);

    const actions = await t.handle.db.selectFrom("audit_log").select("action").where("subject_id", "=", stored.id).orderBy("at").execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ["api_token.created", "api_token.revoked"],
    );
  });

  test("unknown token ids answer 404", async () => {
    const admin = await signIn(t, ADMIN);
    assert.equal((await admin.get("/admin/jetons-api/00000000-0000-4000-8000-000000000000/revoquer")).statusCode, 404);
    assert.equal((await admin.get("/admin/jetons-api/42/revoquer")).statusCode, 404);
  });

  test("other roles get 403 and visitors are sent to sign in", async () => {
    const coordinator = await signIn(t, "coordination@declic47.example");
    assert.equal((await coordinator.get("/admin/jetons-api")).statusCode, 403);
    assert.equal((await coordinator.get("/admin/jetons-api/nouveau")).statusCode, 403);
    const anonymous = await t.app.inject({ url: "/admin/jetons-api", headers: { accept: "text/html" } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, "/connexion");
  });
});
