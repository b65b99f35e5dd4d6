// Second-factor use cases: show the enrolment or the code form, check a code or a recovery code,
// lock after repeated wrong codes. Every outcome that matters is in the audit log.
import QRCode from "qrcode";
import type { Db } from "../../../db/schema.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { hashRecoveryCode, openSecret, sealSecret } from "./second-factor.crypto.ts";
import * as repo from "./second-factor.repository.ts";
import { afterFailure, isLocked, newRecoveryCodes, normalizeRecoveryCode, normalizeTotpCode, stepIsFresh } from "./second-factor.ts";
import { base32Encode, matchTotpStep, newTotpSecret, otpauthUri, totp } from "./totp.ts";

export interface SecondFactorDeps {
  db: Db;
  now: () => Date;
  secret: string;
  brandName: string;
  demo: boolean;
}

/** A signed-in person who still has to give their second factor. */
export interface PendingSignIn {
  userId: string;
  sessionHash: string;
  email: string;
}

export type SecondFactorStep =
  | { kind: "enrol"; secretText: string; qrSvg: string; demoCode: string | null; lockedUntil: Date | null }
  | { kind: "verify"; demoCode: string | null; lockedUntil: Date | null };

export async function secondFactorStep(deps: SecondFactorDeps, pending: PendingSignIn): Promise<SecondFactorStep> {
  const now = deps.now();
  let row = await repo.findSecondFactor(deps.db, pending.userId);
  if (!row) {
    await repo.insertPendingSecret(deps.db, pending.userId, sealSecret(newTotpSecret(), deps.secret), now);
    row = await repo.findSecondFactor(deps.db, pending.userId);
  }
  const secret = openSecret(row!.secret_enc, deps.secret);
  const lockedUntil = isLocked({ failedCount: row!.failed_count, lockedUntil: row!.locked_until }, now) ? row!.locked_until : null;
  // The demo has no phone to pair: it shows the current code, as it shows the sign-in link.
  const demoCode = deps.demo ? totp(secret, now) : null;
  if (row!.enrolled_at) return { kind: "verify", demoCode, lockedUntil };
  const uri = otpauthUri(secret, deps.brandName, pending.email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 200 });
  return { kind: "enrol", secretText: base32Encode(secret).replace(/(.{4})/g, "$1 ").trim(), qrSvg, demoCode, lockedUntil };
}

export type CodeResult =
  | { kind: "enrolled"; recoveryCodes: string[] }
  | { kind: "verified"; method: "totp" | "recovery_code"; recoveryCodesLeft: number }
  | { kind: "empty" }
  | { kind: "wrong"; attemptsLeft: number }
  | { kind: "reused" }
  | { kind: "locked"; until: Date };

export async function submitSecondFactor(deps: SecondFactorDeps, pending: PendingSignIn, input: string): Promise<CodeResult> {
  if (input.trim() === "") return { kind: "empty" };
  const now = deps.now();
  return deps.db.transaction().execute(async (trx): Promise<CodeResult> => {
    const row = await repo.lockSecondFactor(trx, pending.userId);
    if (!row) return { kind: "wrong", attemptsLeft: 5 };
    const state = { failedCount: row.failed_count, lockedUntil: row.locked_until };
    if (isLocked(state, now)) return { kind: "locked", until: row.locked_until! };
    const audit = (action: string, details: Record<string, unknown> = {}) =>
      recordAudit(trx, { at: now, actorUserId: pending.userId, action, subjectType: "user", subjectId: pending.userId, details });

    const totpCode = normalizeTotpCode(input);
    const secret = openSecret(row.secret_enc, deps.secret);
    const step = totpCode ? matchTotpStep(secret, totpCode, now) : null;
    if (step !== null && !stepIsFresh(row.last_step, step, deps.demo)) {
      // The owner's own code typed twice, or someone replaying it: not a guess, so it does not count towards the lock.
      await audit("auth.second_factor_replayed");
      return { kind: "reused" };
    }
    if (step !== null) {
      await repo.saveLastStep(trx, pending.userId, step);
      await repo.markSessionSecondFactor(trx, pending.sessionHash, now);
      if (!row.enrolled_at) {
        const codes = newRecoveryCodes();
        await repo.markEnrolled(trx, pending.userId, now);
        await repo.replaceRecoveryCodes(trx, pending.userId, codes.map((c) => hashRecoveryCode(pending.userId, c)));
        await audit("auth.second_factor_enrolled");
        return { kind: "enrolled", recoveryCodes: codes };
      }
      await repo.saveLockState(trx, pending.userId, 0, null);
      await audit("auth.second_factor_verified", { method: "totp" });
      return { kind: "verified", method: "totp", recoveryCodesLeft: await repo.countUnusedRecoveryCodes(trx, pending.userId) };
    }

    const recovery = row.enrolled_at ? normalizeRecoveryCode(input) : null;
    if (recovery && (await repo.consumeRecoveryCode(trx, pending.userId, hashRecoveryCode(pending.userId, recovery), now))) {
      await repo.markSessionSecondFactor(trx, pending.sessionHash, now);
      await repo.saveLockState(trx, pending.userId, 0, null);
      const left = await repo.countUnusedRecoveryCodes(trx, pending.userId);
      await audit("auth.recovery_code_used", { left });
      return { kind: "verified", method: "recovery_code", recoveryCodesLeft: left };
    }

    const next = afterFailure(state, now);
    await repo.saveLockState(trx, pending.userId, next.failedCount, next.lockedUntil);
    if (next.lockedUntil) {
      await audit("auth.second_factor_locked", { until: next.lockedUntil.toISOString() });
      return { kind: "locked", until: next.lockedUntil };
    }
    await audit("auth.second_factor_failed", { failures: next.failedCount });
    return { kind: "wrong", attemptsLeft: 5 - next.failedCount };
  });
}
