// Sign-in use cases: request a link, check and use it, sign out here or everywhere.
import type { Db } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { normalizeEmail, type Role } from "../organisation/organisation.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { signInMessage } from "./auth.mail.ts";
import * as repo from "./auth.repository.ts";
import {
  hashAddress,
  hashToken,
  isThrottled,
  type LinkState,
  newSecretToken,
  SESSION_TOUCH_EVERY_MS,
  SIGN_IN_LINK_LIFETIME_MS,
  sessionExpiry,
  signInLinkState,
  THROTTLE,
} from "./auth.ts";
import { requiresSecondFactor } from "./second-factor/second-factor.ts";
import type { Viewer } from "./viewer.ts";

export interface AuthDeps {
  db: Db;
  now: () => Date;
  secret: string;
  publicUrl: string;
  brandName: string;
  demo: boolean;
  afterCommit: () => void;
  secondFactorRoles: readonly Role[];
  /** Set when ProConnect is on: ends the session and returns the provider's logout URL for ProConnect sessions. */
  proconnectSignOut?: (sessionHash: string) => Promise<string | null>;
}

export type SignInRequestResult =
  | { kind: "accepted"; demoLink: string | null }
  | { kind: "throttled" };

export async function requestSignInLink(deps: AuthDeps, input: { email: string; ip: string }): Promise<SignInRequestResult> {
  const email = normalizeEmail(input.email);
  const now = deps.now();
  const emailHash = hashAddress(email, deps.secret);
  const result = await deps.db.transaction().execute(async (trx): Promise<SignInRequestResult> => {
    const recent = await repo.countRecentSignInRequests(trx, emailHash, input.ip, new Date(now.getTime() - THROTTLE.windowMs));
    if (isThrottled(recent)) return { kind: "throttled" };
    await repo.recordSignInRequest(trx, emailHash, input.ip, now);
    const user = await repo.findActiveUserByEmail(trx, email);
    if (!user) return { kind: "accepted", demoLink: null };
    const token = newSecretToken();
    const tokenHash = hashToken(token);
    await repo.insertSignInToken(trx, {
      tokenHash,
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_IN_LINK_LIFETIME_MS),
    });
    const link = `${deps.publicUrl}/connexion/lien?jeton=${encodeURIComponent(token)}`;
    await enqueueMessage(trx, signInMessage({ to: user.email, firstName: user.first_name, link, brandName: deps.brandName, tokenHash, now }));
    return { kind: "accepted", demoLink: deps.demo ? link : null };
  });
  if (result.kind === "accepted") deps.afterCommit();
  return result;
}

export async function checkSignInLink(deps: AuthDeps, token: string): Promise<LinkState> {
  return signInLinkState(await repo.findSignInToken(deps.db, hashToken(token)), deps.now());
}

export type UseLinkResult =
  | { kind: "signed_in"; sessionToken: string; expiresAt: Date; secondFactorDue: boolean }
  | { kind: "refused"; state: Exclude<LinkState, "valid"> };

export async function useSignInLink(deps: AuthDeps, token: string, userAgent: string | null): Promise<UseLinkResult> {
  const now = deps.now();
  const tokenHash = hashToken(token);
  return deps.db.transaction().execute(async (trx): Promise<UseLinkResult> => {
    const userId = await repo.consumeSignInToken(trx, tokenHash, now);
    if (!userId) {
      const state = signInLinkState(await repo.findSignInToken(trx, tokenHash), now);
      return { kind: "refused", state: state === "valid" ? "used" : state };
    }
    const sessionToken = newSecretToken();
    const expiresAt = sessionExpiry(now, now);
    await repo.insertSession(trx, { idHash: hashToken(sessionToken), userId, createdAt: now, expiresAt, userAgent });
    await recordAudit(trx, { at: now, actorUserId: userId, action: "auth.sign_in", subjectType: "user", subjectId: userId });
    const secondFactorDue = requiresSecondFactor(await repo.findRoleAssignments(trx, userId), deps.secondFactorRoles);
    return { kind: "signed_in", sessionToken, expiresAt, secondFactorDue };
  });
}

/** The session's person, and when (if ever) this session gave a second factor. */
export async function loadViewer(
  deps: Pick<AuthDeps, "db" | "now">,
  sessionToken: string,
): Promise<{ viewer: Viewer; secondFactorAt: Date | null } | null> {
  const now = deps.now();
  const idHash = hashToken(sessionToken);
  const session = await repo.findSessionWithUser(deps.db, idHash, now);
  if (!session) return null;
  if (now.getTime() - session.last_seen_at.getTime() > SESSION_TOUCH_EVERY_MS) {
    await repo.touchSession(deps.db, idHash, now, sessionExpiry(session.created_at, now));
  }
  const viewer: Viewer = {
    userId: session.user_id,
    sessionHash: idHash,
    email: session.email,
    firstName: session.first_name,
    lastName: session.last_name,
    roles: await repo.findRoleAssignments(deps.db, session.user_id),
  };
  return { viewer, secondFactorAt: session.second_factor_at };
}

export async function signOut(deps: Pick<AuthDeps, "db">, session: { sessionHash: string }): Promise<void> {
  await repo.deleteSession(deps.db, session.sessionHash);
}

export async function signOutEverywhere(deps: Pick<AuthDeps, "db" | "now">, viewer: Viewer): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await repo.deleteUserSessions(trx, viewer.userId);
    await recordAudit(trx, {
      at: deps.now(),
      actorUserId: viewer.userId,
      action: "auth.sign_out_everywhere",
      subjectType: "user",
      subjectId: viewer.userId,
      details: { sessions: ended },
    });
    return ended;
  });
}

export async function countActiveSessions(deps: Pick<AuthDeps, "db" | "now">, viewer: Viewer): Promise<number> {
  return repo.countUserSessions(deps.db, viewer.userId, deps.now());
}
