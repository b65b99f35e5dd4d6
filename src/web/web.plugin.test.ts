import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../test/support/app.ts";

describe("web platform", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "bare", demo: false });
  });
  after(() => t.close());

  test("pages carry a strict Content-Security-Policy without inline scripts", async () => {
    const response = await t.app.inject({ url: "/mentions-legales" });
    const csp = String(response.headers["content-security-policy"]);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers["x-content-type-options"], "nosniff");
    assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script element");
    assert.doesNotMatch(response.body, /\sstyle="/, "no inline style");
  });

  test("an unknown page answers a French 404 page", async () => {
    const response = await t.app.inject({ url: "/nexiste-pas", headers: { accept: "text/html" } });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers["content-type"]), /text\/html/);
    assert.match(response.body, /<html lang="fr">/);
    assert.match(response.body, /Page introuvable/);
  });

  test("an unknown API route answers problem+json with a stable code", async () => {
    const response = await t.app.inject({ url: "/api/v1/rien" });
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers["content-type"]), /application\/problem\+json/);
    assert.equal(response.json().code, "not_found");
  });

  test("API validation errors name each field with a French message", async () => {
    const response = await t.app.inject({ url: "/api/v1/communes?limite=500" });
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.equal(body.code, "validation_failed");
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ["limite", "q"]);
    assert.ok(body.errors.every((e: { message: string }) => /[éèàç]|obligatoire|au plus/i.test(e.message)));
  });

  test("the theme stylesheet carries the configured brand colour", async () => {
    const response = await t.app.inject({ url: "/theme.css" });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /--primary:#00607a/);
  });

  test("the design system stylesheet is served from our origin", async () => {
    const response = await t.app.inject({ url: "/static/declic.css" });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /text\/css/);
  });
});
