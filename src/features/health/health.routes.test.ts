import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";

describe("health and API description", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(() => t.close());

  test("/healthz says the database answers and nothing is degraded on the demo", async () => {
    const response = await t.app.inject({ url: "/healthz" });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.status, "ok");
    assert.equal(body.database, t.handle.kind);
    assert.deepEqual(body.degraded, []);
  });

  test("/healthz reports a missing territory as degraded", async () => {
    await t.handle.db.deleteFrom("settings").where("key", "=", "territory").execute();
    const body = (await t.app.inject({ url: "/healthz" })).json();
    assert.match(body.degraded[0], /territoire n'a pas encore été chargé/);
  });

  test("the OpenAPI document is generated from the route schemas", async () => {
    const response = await t.app.inject({ url: "/api/v1/openapi.json" });
    assert.equal(response.statusCode, 200);
    const doc = response.json();
    assert.equal(doc.openapi, "3.1.0");
    const communes = doc.paths["/api/v1/communes"].get;
    assert.ok(communes.parameters.some((p: { name: string }) => p.name === "q"));
    assert.ok(communes.responses["200"]);
    assert.ok(doc.paths["/healthz"]);
    assert.equal(doc.paths["/connexion"], undefined, "HTML pages are not part of the API");
  });
});
