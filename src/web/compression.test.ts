// Pages, answers and assets leave compressed; assets have content-hashed URLs that browsers keep for a year.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startTestApp, type TestApp } from "../../test/support/app.ts";

describe("compression and asset caching", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ template: "demo" });
  });
  after(() => t.close());

  test("an HTML page is sent with brotli when accepted, gzip otherwise, raw when nothing is accepted", async () => {
    const raw = await t.app.inject({ url: "/trouver-de-l-aide?commune=47001&rayon=20" });
    assert.equal(raw.statusCode, 200);
    assert.equal(raw.headers["content-encoding"], undefined);

    const br = await t.app.inject({ url: "/trouver-de-l-aide?commune=47001&rayon=20", headers: { "accept-encoding": "gzip, deflate, br" } });
    assert.equal(br.headers["content-encoding"], "br");
    assert.match(String(br.headers.vary), /accept-encoding/i);
    const html = brotliDecompressSync(br.rawPayload).toString("utf8");
    assert.equal(html, raw.body, "the compressed page is the same page");
    assert.ok(br.rawPayload.length * 3 < raw.rawPayload.length, `brotli ${br.rawPayload.length} B vs ${raw.rawPayload.length} B`);

    const gz = await t.app.inject({ url: "/trouver-de-l-aide?commune=47001&rayon=20", headers: { "accept-encoding": "gzip" } });
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(gunzipSync(gz.rawPayload).toString("utf8"), raw.body);
  });

  test("JSON answers and CSV exports are compressed too", async () => {
    const json = await t.app.inject({ url: "/api/v1/lieux", headers: { "accept-encoding": "br" } });
    assert.equal(json.statusCode, 200);
    assert.equal(json.headers["content-encoding"], "br");
    assert.equal(typeof JSON.parse(brotliDecompressSync(json.rawPayload).toString("utf8")), "object");

    const csv = await t.app.inject({ url: "/donnees/lieux-de-mediation-numerique.csv", headers: { "accept-encoding": "gzip" } });
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers["content-encoding"], "gzip");
    assert.match(gunzipSync(csv.rawPayload).toString("utf8").split("\n")[0] ?? "", /^.?id,/);
  });

  test("pages name assets by content hash, served precompressed and immutable; plain names stay valid for an hour", async () => {
    const page = await t.app.inject({ url: "/" });
    const css = page.body.match(/href="(\/static\/declic\.[0-9a-f]{10}\.css)"/)?.[1];
    assert.ok(css, "the stylesheet URL carries its content hash");
    const script = page.body.match(/src="(\/static\/commune-search\.[0-9a-f]{10}\.js)"/)?.[1];
    assert.ok(script, "scripts too");

    const hashed = await t.app.inject({ url: css, headers: { "accept-encoding": "br, gzip" } });
    assert.equal(hashed.statusCode, 200);
    assert.equal(hashed.headers["content-encoding"], "br");
    assert.equal(hashed.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.match(String(hashed.headers["content-type"]), /text\/css/);

    const plain = await t.app.inject({ url: "/static/declic.css" });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers["cache-control"], "public, max-age=3600");
    assert.equal(brotliDecompressSync(hashed.rawPayload).toString("utf8"), plain.body);

    const again = await t.app.inject({ url: css, headers: { "accept-encoding": "br", "if-none-match": String(hashed.headers.etag) } });
    assert.equal(again.statusCode, 304);

    const leaflet = await t.app.inject({ url: "/static/vendor/leaflet/leaflet.css" });
    assert.equal(leaflet.statusCode, 200);
    const icon = await t.app.inject({ url: "/static/vendor/leaflet/images/marker-icon.png" });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers["content-type"], "image/png");
    assert.equal(icon.headers["content-encoding"], undefined, "PNG is not compressed twice");
  });

  test("a file that is not an asset is 404, whatever the path looks like", async () => {
    for (const url of ["/static/nope.css", "/static/vendor/leaflet/leaflet-src.js.map", "/static/../package.json", "/static/declic.0000000000.css"]) {
      const response = await t.app.inject({ url, headers: { accept: "text/html" } });
      assert.equal(response.statusCode, 404, url);
    }
  });
});
