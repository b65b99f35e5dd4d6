import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  test("defaults give an embedded Lot-et-Garonne instance on port 3000", () => {
    const result = loadConfig({});
    assert.ok(result.ok);
    assert.equal(result.config.port, 3000);
    assert.equal(result.config.databaseUrl, null);
    assert.equal(result.config.dataDir, "./data");
    assert.deepEqual(result.config.departement, { code: "47", name: "Lot-et-Garonne" });
    assert.equal(result.config.demo, null);
    assert.equal(result.config.brand.name, "déClic47");
    assert.equal(result.config.publicUrl, "http://localhost:3000");
    assert.ok(Object.isFrozen(result.config));
  });

  test("a bad port and an unknown département are both reported at once", () => {
    const result = loadConfig({ PORT: "abc", DEPARTEMENT: "999" });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.errors.length, 2);
    assert.match(result.errors[0]!, /^PORT="abc"/);
    assert.match(result.errors[1]!, /^DEPARTEMENT="999"/);
  });

  test("overseas départements are refused, Corsica is accepted in any case", () => {
    assert.equal(loadConfig({ DEPARTEMENT: "971" }).ok, false);
    const corsica = loadConfig({ DEPARTEMENT: "2a" });
    assert.ok(corsica.ok);
    assert.equal(corsica.config.departement.code, "2A");
    assert.equal(corsica.config.brand.name, "Déclic");
  });

  test("a PostgreSQL deployment must set a long session secret", () => {
    const missing = loadConfig({ DATABASE_URL: "postgres://u:pw@db/declic" });
    assert.ok(!missing.ok);
    assert.match(missing.errors.join("\n"), /SESSION_SECRET: required/);
    const short = loadConfig({ DATABASE_URL: "postgres://db/declic", SESSION_SECRET: "short" });
    assert.ok(!short.ok);
    assert.match(short.errors.join("\n"), /at least 32/);
    assert.ok(loadConfig({ DATABASE_URL: "postgres://db/declic", SESSION_SECRET: "x".repeat(32) }).ok);
  });

  test("passwords in a bad URL are not echoed", () => {
    const result = loadConfig({ DATABASE_URL: "mysql://user:secret@db/x" });
    assert.ok(!result.ok);
    assert.doesNotMatch(result.errors.join("\n"), /secret@/);
  });

  test("an SMS provider needs its endpoint and token, and a short sender name", () => {
    const result = loadConfig({ SMS_PROVIDER: "http", SMS_SENDER: "A very long sender" });
    assert.ok(!result.ok);
    const text = result.errors.join("\n");
    assert.match(text, /SMS_HTTP_URL: required/);
    assert.match(text, /SMS_HTTP_TOKEN: required/);
    assert.match(text, /SMS_SENDER/);
    const ok = loadConfig({ SMS_PROVIDER: "http", SMS_HTTP_URL: "https://sms.example/send", SMS_HTTP_TOKEN: "t" });
    assert.ok(ok.ok);
    assert.deepEqual(ok.config.sms, { provider: "http", url: "https://sms.example/send", token: "t", sender: "DECLIC" });
  });

  test("a brand colour too light for white text is refused", () => {
    const light = loadConfig({ BRAND_PRIMARY_COLOR: "#ffcc00" });
    assert.ok(!light.ok);
    assert.match(light.errors[0]!, /contrast/);
    assert.equal(loadConfig({ BRAND_PRIMARY_COLOR: "blue" }).ok, false);
    assert.ok(loadConfig({ BRAND_PRIMARY_COLOR: "#1d4f91" }).ok);
  });

  test("booleans and enumerations accept only known words", () => {
    const result = loadConfig({ DEMO: "peut-être", TERRITORY_SOURCE: "ftp", WORKER: "both" });
    assert.ok(!result.ok);
    assert.equal(result.errors.length, 3);
    const demo = loadConfig({ DEMO: "oui", TERRITORY_SOURCE: "api" });
    assert.ok(demo.ok);
    assert.equal(demo.config.demo, true);
    assert.equal(demo.config.territory.source, "api");
  });

  test("other départements get no bundled boundaries, but keep the national centres file", () => {
    const result = loadConfig({ DEPARTEMENT: "64" });
    assert.ok(result.ok);
    assert.equal(result.config.territory.boundariesFile, null);
    assert.match(result.config.territory.centresFile, /communes-centres-2018\.csv$/);
  });

  test("a brand logo must be an existing image file", () => {
    const missing = loadConfig({ BRAND_LOGO_PATH: "/nowhere/logo.svg" });
    assert.ok(!missing.ok);
    assert.match(missing.errors[0]!, /no such file/);
    const wrongType = loadConfig({ BRAND_LOGO_PATH: "/etc/hostname" });
    assert.ok(!wrongType.ok);
    assert.match(wrongType.errors[0]!, /\.svg, \.png/);
    assert.ok(loadConfig({ BRAND_LOGO_PATH: "src/web/static/favicon.svg" }).ok);
  });
});
