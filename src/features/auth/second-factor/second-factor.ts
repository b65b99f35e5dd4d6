// Rules of the second factor: who needs one, how wrong codes lock it, what recovery codes look like.
import { randomInt } from "node:crypto";
import type { Role, RoleAssignment } from "../../organisation/organisation.ts";

export const DEFAULT_SECOND_FACTOR_ROLES: Role[] = ["advisor", "structure_manager", "admin"];

export const SECOND_FACTOR_LOCK = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

export const RECOVERY_CODE_COUNT = 10;
/** No 0/O, 1/I/L: codes are read from paper. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function requiresSecondFactor(roles: RoleAssignment[], requiredRoles: readonly Role[]): boolean {
  return roles.some((r) => requiredRoles.includes(r.role));
}

export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    codes.add(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return [...codes];
}

/** What a person types: any case, spaces or no dash. */
export function normalizeRecoveryCode(input: string): string | null {
  const clean = input.toLowerCase().replace(/[\s-]/g, "");
  if (!/^[a-z0-9]{10}$/.test(clean)) return null;
  return `${clean.slice(0, 5)}-${clean.slice(5)}`;
}

export function normalizeTotpCode(input: string): string | null {
  const clean = input.replace(/\s/g, "");
  return /^\d{6}$/.test(clean) ? clean : null;
}

export interface LockState {
  failedCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** One more wrong code: the fifth in a row locks the factor for 15 minutes and starts the count again. */
export function afterFailure(state: LockState, now: Date): LockState {
  const failedCount = state.failedCount + 1;
  if (failedCount >= SECOND_FACTOR_LOCK.maxFailures) return { failedCount: 0, lockedUntil: new Date(now.getTime() + SECOND_FACTOR_LOCK.lockMs) };
  return { failedCount, lockedUntil: null };
}

/**
 * Whether a code of `step` may be accepted after `lastStep`: each code works once, and never after a later one
 * (a code read over a shoulder or captured by a phishing page is worthless once its owner used it). The demo,
 * which prints the current code on screen, accepts it again.
 */
export function stepIsFresh(lastStep: number | null, step: number, demo: boolean): boolean {
  return demo || lastStep === null || step > lastStep;
}
