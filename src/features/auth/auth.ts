// Passwordless sign-in rules: single-use links, short lifetimes, throttling that reveals nothing.
import { createHash, createHmac, randomBytes } from "node:crypto";

export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 7 * 24 * 3_600_000;
export const SESSION_MAX_MS = 30 * 24 * 3_600_000;
export const SESSION_TOUCH_EVERY_MS = 3_600_000;

export const THROTTLE = {
  windowMs: 15 * 60_000,
  perAddress: 5,
  perIp: 20,
} as const;

export const SESSION_COOKIE = "declic_session";

export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored hashed: a leaked table holds no usable link or session. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Addresses in the throttle log are keyed, not stored in clear. */
export function hashAddress(email: string, secret: string): string {
  return createHmac("sha256", secret).update(email).digest("hex");
}

export function isThrottled(recent: { byAddress: number; byIp: number }): boolean {
  return recent.byAddress >= THROTTLE.perAddress || recent.byIp >= THROTTLE.perIp;
}

export type LinkState = "valid" | "unknown" | "used" | "expired";

export function signInLinkState(token: { expires_at: Date; used_at: Date | null } | undefined, now: Date): LinkState {
  if (!token) return "unknown";
  if (token.used_at) return "used";
  if (token.expires_at.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export const LINK_STATE_MESSAGES: Record<Exclude<LinkState, "valid">, string> = {
  unknown: "Ce lien de connexion n'est pas valide. Il a peut-être été mal copié : demandez un nouveau lien.",
  used: "Ce lien de connexion a déjà servi. Chaque lien ne fonctionne qu'une fois : demandez un nouveau lien.",
  expired: "Ce lien de connexion a expiré : il n'est valable que 15 minutes. Demandez un nouveau lien.",
};

/** A session slides with activity but never outlives SESSION_MAX_MS from its creation. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}
