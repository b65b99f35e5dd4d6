import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { checkEndpointUrl, nextStateAfterAttempt, signature, signatureHeader } from "./webhooks.ts";

describe("webhook rules", () => {
  test("the signature matches the Standard Webhooks example", () => {
    // The example of the specification's README, computed again here with the key decoded by hand.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    const expected = createHmac("sha256", Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"))
      .update(`msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.${body}`)
      .digest("base64");
    assert.equal(signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body), `v1,${expected}`);
    assert.equal(expected, "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  test("during the grace period both secrets sign, space-separated; after it only the new one", () => {
    const endpoint = { secret: "whsec_bmV3", previous_secret: "whsec_b2xk", previous_secret_until: new Date("2026-12-07T00:00:00Z") };
    const during = signatureHeader(endpoint, "msg_1", 1, "{}", new Date("2026-12-06T12:00:00Z")).split(" ");
    assert.deepEqual(during, [signature("whsec_bmV3", "msg_1", 1, "{}"), signature("whsec_b2xk", "msg_1", 1, "{}")]);
    const after = signatureHeader(endpoint, "msg_1", 1, "{}", new Date("2026-12-07T00:00:01Z"));
    assert.equal(after, signature("whsec_bmV3", "msg_1", 1, "{}"));
  });

  test("failures are retried later and later, then given up", () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const failure = { ok: false as const, statusCode: 500, error: "HTTP 500" };
    assert.equal(nextStateAfterAttempt(failure, 1, 5, now).notBefore.getTime() - now.getTime(), 10_000);
    assert.equal(nextStateAfterAttempt(failure, 3, 5, now).notBefore.getTime() - now.getTime(), 40_000);
    assert.equal(nextStateAfterAttempt(failure, 5, 5, now).status, "failed");
    assert.equal(nextStateAfterAttempt({ ok: true, statusCode: 204 }, 5, 5, now).status, "delivered");
  });

  test("only https addresses, or http to this machine when allowed", () => {
    assert.equal(checkEndpointUrl("https://partenaire.example/hooks", false), null);
    assert.match(checkEndpointUrl("http://partenaire.example/hooks", true) ?? "", /https:\/\//);
    assert.match(checkEndpointUrl("http://localhost:4000/x", false) ?? "", /https:\/\//);
    assert.equal(checkEndpointUrl("http://127.0.0.1:4000/x", true), null);
    assert.match(checkEndpointUrl("pas une adresse", true) ?? "", /adresse complète/);
    assert.match(checkEndpointUrl("https://u:p@partenaire.example/", true) ?? "", /mot de passe/);
  });
});
