// ProConnect sign-in with openid-client: authorization code + PKCE, state and nonce, id_token and signed
// userinfo verified against the provider's keys, and logout through its end-session endpoint.
import * as oidc from "openid-client";
import type { ProConnectConfig } from "../../../config.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import * as authRepo from "../auth.repository.ts";
import type { AuthDeps } from "../auth.service.ts";
import { hashToken, newSecretToken, sessionExpiry } from "../auth.ts";
import { requiresSecondFactor } from "../second-factor/second-factor.ts";
import * as repo from "./proconnect.repository.ts";
import {
  CALLBACK_PATH,
  claimsParameter,
  countsAsSecondFactor,
  FLOW_LIFETIME_MS,
  type FlowState,
  identityFrom,
  LOGGED_OUT_PATH,
  PROCONNECT_SCOPE,
  type ProConnectFailure,
  type ProConnectIdentity,
  randomFlowValue,
} from "./proconnect.ts";

export interface ProConnectDeps extends AuthDeps {
  proconnect: ProConnectConfig;
}

export type Provider = { configuration(): Promise<oidc.Configuration> };

/** Discovery is cached for the process; a failed discovery is retried at the next sign-in. */
export function createProvider(config: ProConnectConfig): Provider {
  let pending: Promise<oidc.Configuration> | null = null;
  return {
    configuration() {
      if (!pending) {
        pending = oidc
          .discovery(
            new URL(config.issuer),
            config.clientId,
            { client_secret: config.clientSecret, id_token_signed_response_alg: "RS256", userinfo_signed_response_alg: "RS256" },
            oidc.ClientSecretPost(config.clientSecret),
            { execute: config.issuer.startsWith("http://") ? [oidc.allowInsecureRequests] : [], timeout: 10 },
          )
          .then((configuration) => {
            // Verify the signatures of the id_token and the userinfo JWT, not only their claims.
            oidc.enableNonRepudiationChecks(configuration);
            return configuration;
          });
        pending.catch(() => {
          pending = null;
        });
      }
      return pending;
    },
  };
}

export type StartResult = { kind: "redirect"; url: string; flow: FlowState } | { kind: "failed"; failure: ProConnectFailure };

export async function startSignIn(deps: ProConnectDeps, provider: Provider): Promise<StartResult> {
  let configuration: oidc.Configuration;
  try {
    configuration = await provider.configuration();
  } catch {
    return { kind: "failed", failure: "unavailable" };
  }
  const flow: FlowState = {
    state: randomFlowValue(),
    nonce: randomFlowValue(),
    verifier: oidc.randomPKCECodeVerifier(),
    expiresAt: deps.now().getTime() + FLOW_LIFETIME_MS,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${deps.publicUrl}${CALLBACK_PATH}`,
    scope: PROCONNECT_SCOPE,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    claims: claimsParameter(deps.proconnect.acr),
  });
  return { kind: "redirect", url: url.href, flow };
}

export type CallbackResult =
  | { kind: "signed_in"; sessionToken: string; expiresAt: Date; secondFactorDue: boolean }
  | { kind: "unknown_account"; identity: ProConnectIdentity; structure: { id: string; name: string } | null }
  | { kind: "failed"; failure: ProConnectFailure };

function classify(error: unknown): ProConnectFailure {
  if (error instanceof oidc.AuthorizationResponseError) return error.error === "access_denied" ? "cancelled" : "provider_error";
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500 ? "unavailable" : "token_refused";
  if (error instanceof oidc.ClientError) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Response && cause.status >= 500) return "unavailable";
    if (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_TIMEOUT") return "unavailable";
    return "token_refused";
  }
  return "unavailable";
}

export async function audit(deps: ProConnectDeps, action: string, actorUserId: string | null, details: Record<string, unknown>) {
  await recordAudit(deps.db, { at: deps.now(), actorUserId, action, subjectType: actorUserId ? "user" : undefined, subjectId: actorUserId ?? undefined, details });
}

export async function finishSignIn(
  deps: ProConnectDeps,
  provider: Provider,
  input: { currentUrl: URL; flow: FlowState; userAgent: string | null },
): Promise<CallbackResult> {
  const failed = async (failure: ProConnectFailure, reason?: string): Promise<CallbackResult> => {
    await audit(deps, "auth.proconnect_failed", null, { failure, ...(reason ? { reason: reason.slice(0, 200) } : {}) });
    return { kind: "failed", failure };
  };
  const params = input.currentUrl.searchParams;
  if (params.get("state") !== input.flow.state) return failed("state_mismatch");
  let configuration: oidc.Configuration;
  try {
    configuration = await provider.configuration();
  } catch (error) {
    return failed("unavailable", String(error));
  }
  let identity: ProConnectIdentity;
  let idToken: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, input.currentUrl, {
      pkceCodeVerifier: input.flow.verifier,
      expectedState: input.flow.state,
      expectedNonce: input.flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) return failed("token_refused", "no id_token");
    idToken = tokens.id_token;
    const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    identity = identityFrom(userinfo as Record<string, unknown>, claims as Record<string, unknown>);
  } catch (error) {
    const failure = classify(error);
    return failed(failure, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }

  const now = deps.now();
  const found = await deps.db.transaction().execute(async (trx) => {
    const linked = await repo.findLinkedActiveUser(trx, identity.sub);
    if (linked) return { userId: linked.id, linkedNow: false };
    if (!identity.email) return null;
    const byEmail = await authRepo.findActiveUserByEmail(trx, identity.email);
    if (!byEmail) return null;
    // An account already linked to another ProConnect subject is not re-linked silently.
    if (await repo.findSubOfUser(trx, byEmail.id)) return null;
    await repo.insertLink(trx, { sub: identity.sub, userId: byEmail.id, at: now });
    await recordAudit(trx, { at: now, actorUserId: byEmail.id, action: "auth.proconnect_linked", subjectType: "user", subjectId: byEmail.id });
    return { userId: byEmail.id, linkedNow: true };
  });
  if (!found) {
    const structure = identity.siret ? ((await repo.findStructureBySiret(deps.db, identity.siret)) ?? null) : null;
    await audit(deps, "auth.proconnect_unknown_account", null, { siret: identity.siret, structureId: structure?.id ?? null });
    return { kind: "unknown_account", identity, structure };
  }

  const multiFactor = countsAsSecondFactor(identity.acr, deps.proconnect.multiFactorAcr);
  return deps.db.transaction().execute(async (trx): Promise<CallbackResult> => {
    const sessionToken = newSecretToken();
    const idHash = hashToken(sessionToken);
    const expiresAt = sessionExpiry(now, now);
    await authRepo.insertSession(trx, { idHash, userId: found.userId, createdAt: now, expiresAt, userAgent: input.userAgent });
    await repo.insertProConnectSession(trx, idHash, idToken);
    if (multiFactor) await repo.markSecondFactor(trx, idHash, now);
    await recordAudit(trx, {
      at: now,
      actorUserId: found.userId,
      action: "auth.sign_in",
      subjectType: "user",
      subjectId: found.userId,
      details: { method: "proconnect", acr: identity.acr, second_factor: multiFactor },
    });
    const secondFactorDue = !multiFactor && requiresSecondFactor(await authRepo.findRoleAssignments(trx, found.userId), deps.secondFactorRoles);
    return { kind: "signed_in", sessionToken, expiresAt, secondFactorDue };
  });
}

/**
 * Ends the local session; when it was opened through ProConnect, returns the provider's end-session URL
 * (with id_token_hint and post_logout_redirect_uri) so the provider's session ends too.
 */
export async function signOutUrl(deps: ProConnectDeps, provider: Provider, sessionHash: string): Promise<string | null> {
  const idToken = await repo.findIdToken(deps.db, sessionHash);
  await authRepo.deleteSession(deps.db, sessionHash);
  if (!idToken) return null;
  try {
    const configuration = await provider.configuration();
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: `${deps.publicUrl}${LOGGED_OUT_PATH}` }).href;
  } catch {
    return null;
  }
}
