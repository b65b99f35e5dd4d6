// The personal link to manage an appointment: a random token given once to the person; only its SHA-256
// is stored, so a database leak gives no working link.
import { createHash, randomBytes } from "node:crypto";

/** Cancelling (or moving) is allowed until this long before the start. */
export const CANCEL_DEADLINE_MINUTES = 120;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newManageToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashManageToken(token) };
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether the text has the shape of a token we could have produced (altered ones usually do not). */
export function isManageTokenShape(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/rendez-vous/gerer?jeton=${token}`;
}

/** Whether an appointment starting at `start` may still be cancelled at `now`. */
export function canStillCancel(start: Date, now: Date): boolean {
  return now.getTime() <= start.getTime() - CANCEL_DEADLINE_MINUTES * 60_000;
}
