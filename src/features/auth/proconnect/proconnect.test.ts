import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadConfig } from "../../../config.ts";
import { claimsParameter, countsAsSecondFactor, decodeFlow, encodeFlow, identityFrom, randomFlowValue } from "./proconnect.ts";

describe("ProConnect rules", () => {
  test("state and nonce are at least 32 characters and never repeat", () => {
    const values = new Set(Array.from({ length: 50 }, randomFlowValue));
    assert.equal(values.size, 50);
    for (const v of values) assert.ok(v.length >= 32);
  });

  test("the flow cookie round-trips, expires, and refuses garbage", () => {
    const now = new Date("2026-12-06T15:00:00Z");
    const flow = { state: "s".repeat(43), nonce: "n".repeat(43), verifier: "v".repeat(43), expiresAt: now.getTime() + 600_000 };
    assert.deepEqual(decodeFlow(encodeFlow(flow), now), flow);
    assert.equal(decodeFlow(encodeFlow(flow), new Date(flow.expiresAt)), "expired");
    assert.equal(decodeFlow("not-json", now), "missing");
    assert.equal(decodeFlow(undefined, now), "missing");
    assert.equal(decodeFlow(Buffer.from('{"state":1}').toString("base64url"), now), "missing");
  });

  test("acr goes in the claims parameter; only the configured multi-factor acr count as second factor", () => {
    assert.deepEqual(JSON.parse(claimsParameter(["eidas1"])).id_token.acr, { essential: true, value: "eidas1" });
    assert.deepEqual(JSON.parse(claimsParameter(["eidas1", "eidas2"])).id_token.acr, { essential: true, values: ["eidas1", "eidas2"] });
    assert.equal(countsAsSecondFactor("eidas2", ["eidas2", "eidas3"]), true);
    assert.equal(countsAsSecondFactor("eidas1", ["eidas2", "eidas3"]), false);
    assert.equal(countsAsSecondFactor(undefined, ["eidas2"]), false);
  });

  test("userinfo: an unverified e-mail is not used, the e-mail is lower-cased, a malformed siret is dropped", () => {
    const base = { sub: "abc", given_name: "Ana", usual_name: "Lopez", siret: "12345678901234" };
    assert.equal(identityFrom({ ...base, email: "Ana.Lopez@Mairie.fr" }, { acr: "eidas1" }).email, "ana.lopez@mairie.fr");
    assert.equal(identityFrom({ ...base, email: "a@b.fr", email_verified: false }, {}).email, null);
    assert.equal(identityFrom({ ...base, siret: "123" }, {}).siret, null);
    assert.equal(identityFrom(base, { acr: "eidas2" }).acr, "eidas2");
  });

  test("configuration: off when unset, all three variables or none, acr lists with defaults", () => {
    const off = loadConfig({});
    assert.ok(off.ok);
    assert.equal(off.config.proconnect, null);
    const partial = loadConfig({ PROCONNECT_ISSUER: "https://auth.agentconnect.gouv.fr/api/v2" });
    assert.ok(!partial.ok);
    assert.match(partial.errors[0]!, /set all three, or none/);
    const on = loadConfig({ PROCONNECT_ISSUER: "https://auth.example/api/v2", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret" });
    assert.ok(on.ok);
    assert.deepEqual(on.config.proconnect, {
      issuer: "https://auth.example/api/v2",
      clientId: "id",
      clientSecret: "secret",
      acr: ["eidas1"],
      multiFactorAcr: ["eidas2", "eidas3"],
    });
  });
});
