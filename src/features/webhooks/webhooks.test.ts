import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { isPublicAddress } from "./endpoint-address.ts";
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
    assert.match(checkEndpointUrl("http://localhost:4000/x", false) ?? "", /réseau interne/);
    assert.equal(checkEndpointUrl("http://127.0.0.1:4000/x", true), null);
    assert.match(checkEndpointUrl("pas une adresse", true) ?? "", /adresse complète/);
    assert.match(checkEndpointUrl("https://u:p@partenaire.example/", true) ?? "", /mot de passe/);
    for (const internal of ["https://10.0.0.5/hooks", "https://169.254.169.254/latest", "https://[::1]/x", "https://localhost/x", "https://192.168.1.2/x", "https://[::ffff:127.0.0.1]/x"]) {
      assert.match(checkEndpointUrl(internal, false) ?? "", /réseau interne/, internal);
    }
    assert.equal(checkEndpointUrl("https://93.184.215.14/hooks", false), null);
  });

  test("internal addresses are told from public ones, IPv4 and IPv6", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "pas-une-ip"]) {
      assert.equal(isPublicAddress(a), false, a);
    }
    for (const a of ["93.184.215.14", "172.32.0.1", "8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"]) {
      assert.equal(isPublicAddress(a), true, a);
    }
  });
});
