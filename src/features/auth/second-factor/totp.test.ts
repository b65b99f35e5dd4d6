import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from "./totp.ts";

// The shared secret of RFC 4226 appendix D and RFC 6238 appendix B (SHA-1).
const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");

describe("TOTP (RFC 6238)", () => {
  it("gives the HOTP values of RFC 4226 appendix D", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    assert.deepEqual(
      expected.map((_, i) => hotp(RFC_SECRET, i)),
      expected,
    );
  });

  it("gives the 8-digit TOTP values of RFC 6238 appendix B", () => {
    const cases: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of cases) assert.equal(totp(RFC_SECRET, new Date(seconds * 1000), 8), code, `at ${seconds}`);
  });

  it("accepts the code of the previous and next 30-second step, not two steps away", () => {
    const at = new Date("2026-12-06T10:00:15Z");
    const code = totp(RFC_SECRET, at);
    assert.ok(verifyTotp(RFC_SECRET, code, new Date(at.getTime() + 30_000)));
    assert.ok(verifyTotp(RFC_SECRET, code, new Date(at.getTime() - 30_000)));
    assert.ok(!verifyTotp(RFC_SECRET, code, new Date(at.getTime() + 61_000)));
    assert.ok(!verifyTotp(RFC_SECRET, "12345", at));
  });

  it("round-trips base32 as authenticator apps spell it", () => {
    assert.equal(base32Encode(Buffer.from("foobar")), "MZXW6YTBOI");
    assert.deepEqual(base32Decode("mzxw 6ytb oi======"), Buffer.from("foobar"));
    assert.throws(() => base32Decode("MZXW1"), /not base32/);
  });

  it("writes the otpauth:// address an authenticator app reads, with issuer, key and parameters", () => {
    const uri = new URL(otpauthUri(RFC_SECRET, "déClic47", "a@b.fr"));
    assert.equal(uri.protocol, "otpauth:");
    assert.equal(`${uri.host}${decodeURIComponent(uri.pathname)}`, "totp/déClic47:a@b.fr");
    assert.equal(uri.searchParams.get("secret"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assert.equal(uri.searchParams.get("issuer"), "déClic47");
    assert.equal(uri.searchParams.get("algorithm"), "SHA1");
    assert.equal(uri.searchParams.get("digits"), "6");
    assert.equal(uri.searchParams.get("period"), "30");
  });
});
