import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openSecret, sealSecret } from "./second-factor.crypto.ts";
import { afterFailure, isLocked, newRecoveryCodes, normalizeRecoveryCode, requiresSecondFactor } from "./second-factor.ts";

describe("second factor rules", () => {
  it("is required when one of the person's roles is in the configured list", () => {
    const roles = ["advisor", "admin"] as const;
    assert.ok(requiresSecondFactor([{ role: "coordinator", structureId: null }, { role: "advisor", structureId: "s" }], roles));
    assert.ok(!requiresSecondFactor([{ role: "commune_agent", structureId: "s" }], roles));
  });

  it("locks for 15 minutes at the fifth wrong code in a row", () => {
    const now = new Date("2026-12-06T10:00:00Z");
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) state = afterFailure(state, now);
    assert.equal(isLocked(state, now), false);
    state = afterFailure(state, now);
    assert.equal(isLocked(state, new Date(now.getTime() + 14 * 60_000)), true);
    assert.equal(isLocked(state, new Date(now.getTime() + 15 * 60_000)), false);
  });

  it("makes 10 distinct recovery codes that survive retyping", () => {
    const codes = newRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.equal(normalizeRecoveryCode(` ${code.toUpperCase().replace("-", " ")} `), code);
  });

  it("seals secrets so that only the same session secret opens them", () => {
    const sealed = sealSecret(Buffer.from("12345678901234567890"), "a".repeat(40));
    assert.equal(openSecret(sealed, "a".repeat(40)).toString(), "12345678901234567890");
    assert.throws(() => openSecret(sealed, "b".repeat(40)));
  });
});
