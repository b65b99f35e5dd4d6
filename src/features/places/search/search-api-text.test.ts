import assert from "node:assert/strict";
import { test } from "node:test";
import Fastify from "fastify";
import { startTestApp } from "../../../../test/support/app.ts";
import { SearchAnswerSchema, toApiAnswer } from "./search.api.ts";
import { API_OPTIONS, findHelp } from "./search.service.ts";
import { parseSearchParams, type RawQuery } from "./search.ts";
import { demoCommunes, INSTANTS, queriesAt } from "./search-equivalence.cases.ts";

// GET /api/v1/lieux writes its answer as text from pieces PostgreSQL escaped (search-api-text.ts). The
// reference is how it was written before: the page's search mapped to objects (toApiAnswer) and serialised
// by the response schema, as Fastify does. Both must give the same bytes, edge values included.
test("the API's answer text is byte for byte the schema serialiser's text of the mapped places", async () => {
  const t = await startTestApp({ template: "demo", now: new Date(INSTANTS[0] as string) });
  const reference = Fastify({ logger: false });
  try {
    const db = t.handle.db;
    const deps = { db, config: t.config, now: () => t.clock.now };
    reference.get("/", { schema: { response: { 200: SearchAnswerSchema } } }, async (request) => {
      const outcome = await findHelp(deps, parseSearchParams(request.query as RawQuery), API_OPTIONS);
      if (outcome.kind !== "results") throw new Error("not a result");
      return toApiAnswer(outcome, t.config.publicUrl);
    });

    // Edge values: texts JSON must escape, a missing phone, a slug the URL must encode, and positions whose
    // numbers JavaScript and PostgreSQL write differently (near zero: 1e-5 is « 0.00001 » in JavaScript,
    // « 1e-05 » in PostgreSQL; -0; below 1e-6 JavaScript writes an exponent too).
    const places = await db.selectFrom("places").select("id").where("is_public", "=", true).orderBy("id").limit(4).execute();
    const [a, b, c, d] = places.map((p) => p.id) as [string, string, string, string];
    await db
      .updateTable("places")
      .set({ name: 'Le « Lieu » "cité"\\ \t\u0001 été 🚀 \u2028', address: "1 rue d'Agen\n(bât. B)", phone: null, slug: "lieu-é l'été?x=1&y", latitude: 44.2, longitude: 0.00001 })
      .where("id", "=", a)
      .execute();
    // A slug with a quote, a backslash and the two characters the API statement separates its fields with.
    await db.updateTable("places").set({ latitude: 44.2, longitude: -0, slug: 'lieu "b"\\ \u0001\u0002' }).where("id", "=", b).execute();
    await db.updateTable("places").set({ latitude: 44.2000001, longitude: 1e-7 }).where("id", "=", c).execute();
    await db.updateTable("places").set({ latitude: 44.21, longitude: -0.0000123456789 }).where("id", "=", d).execute();

    const communes = await demoCommunes(db);
    const edges = ["lat=44.2&lon=0&rayon_km=5", "lat=44.2&lon=0.00002&rayon_km=1", "lat=44.2&lon=0.3&rayon_km=50&page=1", "rayon_km=100"];
    let compared = 0;
    for (const instant of INSTANTS.slice(0, 2)) {
      t.clock.now = new Date(instant);
      for (const q of [...edges, ...queriesAt(instant, communes.slice(0, 8))]) {
        const got = await t.app.inject({ url: `/api/v1/lieux?${q}` });
        const want = await reference.inject({ url: `/?${q}` });
        assert.equal(got.statusCode === 200, want.statusCode === 200, q);
        if (want.statusCode !== 200) continue;
        assert.equal(got.headers["content-type"], want.headers["content-type"], q);
        assert.equal(got.body, want.body, q);
        compared++;
      }
    }
    assert.ok(compared >= 200, `${compared} answers compared`);
    // The edge places were found and written by both.
    const edge = await t.app.inject({ url: "/api/v1/lieux?lat=44.2&lon=0&rayon_km=5" });
    for (const text of ['"longitude":0.00001', '"longitude":0,', '"longitude":1e-7', '"telephone":null', "lieu-%C3%A9%20l'%C3%A9t%C3%A9%3Fx%3D1%26y"]) {
      assert.ok(edge.body.includes(text), `${text} in ${edge.body}`);
    }
  } finally {
    await reference.close();
    await t.close();
  }
});
