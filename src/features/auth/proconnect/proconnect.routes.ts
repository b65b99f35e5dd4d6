// ProConnect routes: start (/connexion/proconnect), the provider's return (/connexion/proconnect/retour),
// and the return after the provider's logout. Registered only when ProConnect is configured.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { SESSION_COOKIE } from "../auth.ts";
import { JoinRequestSentPage } from "../join-requests/join-request-form.views.tsx";
import { findPendingBySub } from "../join-requests/join-requests.repository.ts";
import { submitJoinRequest } from "../join-requests/join-requests.service.ts";
import {
  checkJoinForm,
  decodeJoinIdentity,
  encodeJoinIdentity,
  JOIN_COOKIE,
  JOIN_LIFETIME_MS,
  JOIN_PATH,
  JOIN_SENT_PATH,
  type JoinIdentity,
  readJoinForm,
  UNSURE,
} from "../join-requests/join-requests.ts";
import { findStructureBySiret } from "./proconnect.repository.ts";
import { audit, finishSignIn, type ProConnectDeps, type Provider, startSignIn } from "./proconnect.service.ts";
import {
  CALLBACK_PATH,
  decodeFlow,
  encodeFlow,
  FAILURE_MESSAGES,
  FLOW_COOKIE,
  FLOW_LIFETIME_MS,
  LOGGED_OUT_PATH,
  type ProConnectFailure,
  type ProConnectIdentity,
} from "./proconnect.ts";

const JOIN_BODY = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 5_000 }));

import { ProConnectFailedPage, UnknownAccountPage } from "./proconnect.views.tsx";

const FAILURE_STATUS: Record<ProConnectFailure, number> = {
  cancelled: 400,
  provider_error: 400,
  state_missing: 400,
  state_expired: 400,
  state_mismatch: 400,
  token_refused: 400,
  no_email: 400,
  join_expired: 400,
  unavailable: 503,
};

export async function proconnectRoutes(app: FastifyInstance, opts: { deps: ProConnectDeps; provider: Provider }) {
  const { deps, provider } = opts;
  const secure = deps.publicUrl.startsWith("https://");
  const flowCookie = { path: "/connexion/proconnect", httpOnly: true, sameSite: "lax", secure } as const;

  const fail = (request: FastifyRequest, reply: FastifyReply, failure: ProConnectFailure) =>
    sendHtml(reply, ProConnectFailedPage({ ctx: pageContext(request, reply), message: FAILURE_MESSAGES[failure] }), FAILURE_STATUS[failure]);

  app.get("/connexion/proconnect", { schema: { hide: true } }, async (request, reply) => {
    const started = await startSignIn(deps, provider);
    if (started.kind === "failed") {
      await audit(deps, "auth.proconnect_failed", null, { failure: started.failure });
      return fail(request, reply, started.failure);
    }
    // State, nonce and PKCE verifier live in a signed, HTTP-only cookie for 10 minutes, scoped to these routes.
    reply.setCookie(FLOW_COOKIE, encodeFlow(started.flow), { ...flowCookie, signed: true, maxAge: FLOW_LIFETIME_MS / 1000 });
    return reply.redirect(started.url, 303);
  });

  app.get(CALLBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[FLOW_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    // The flow is single-use: whatever happens now, a reload cannot replay it.
    reply.clearCookie(FLOW_COOKIE, flowCookie);
    const query = request.query as Record<string, string | undefined>;
    const flow = decodeFlow(unsigned?.valid ? unsigned.value : null, deps.now());
    const early: ProConnectFailure | null =
      query.error === "access_denied" ? "cancelled" : flow === "missing" ? "state_missing" : flow === "expired" ? "state_expired" : null;
    if (early || typeof flow === "string") {
      const failure = early ?? "state_missing";
      await audit(deps, "auth.proconnect_failed", null, { failure });
      return fail(request, reply, failure);
    }
    const currentUrl = new URL(request.url, deps.publicUrl);
    const result = await finishSignIn(deps, provider, { currentUrl, flow, userAgent: request.headers["user-agent"]?.slice(0, 300) ?? null });
    if (result.kind === "failed") return fail(request, reply, result.failure);
    if (result.kind === "unknown_account") return unknownAccount(request, reply, result.identity, result.structure);
    reply.setCookie(SESSION_COOKIE, result.sessionToken, { path: "/", httpOnly: true, sameSite: "lax", secure, expires: result.expiresAt });
    return reply.redirect(result.secondFactorDue ? "/connexion/second-facteur" : "/espace", 303);
  });

  /**
   * The verified identity goes into a signed, HTTP-only cookie scoped to these routes, so that the request
   * to join stores what ProConnect said, never what a form could claim.
   */
  async function unknownAccount(request: FastifyRequest, reply: FastifyReply, identity: ProConnectIdentity, structure: { name: string } | null) {
    if (!identity.email) return sendHtml(reply, UnknownAccountPage({ ctx: pageContext(request, reply), email: null, structure, join: null }), 403);
    const join: JoinIdentity = { ...identity, email: identity.email, expiresAt: deps.now().getTime() + JOIN_LIFETIME_MS };
    reply.setCookie(JOIN_COOKIE, encodeJoinIdentity(join), { ...flowCookie, signed: true, maxAge: JOIN_LIFETIME_MS / 1000 });
    const pending = await findPendingBySub(deps.db, identity.sub);
    const values = pending ? { role: pending.requested_role ?? UNSURE, message: pending.message ?? "" } : { role: "", message: "" };
    const page = UnknownAccountPage({ ctx: pageContext(request, reply), email: identity.email, structure, join: { values, errors: {}, pendingSince: pending?.created_at ?? null } });
    return sendHtml(reply, page, 403);
  }

  function joinIdentity(request: FastifyRequest): JoinIdentity | null {
    const raw = request.cookies[JOIN_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    return decodeJoinIdentity(unsigned?.valid ? unsigned.value : null, deps.now());
  }

  app.post(JOIN_PATH, { schema: { hide: true, body: JOIN_BODY } }, async (request, reply) => {
    const identity = joinIdentity(request);
    if (!identity) return fail(request, reply, "join_expired");
    const values = readJoinForm(request.body as Record<string, unknown>);
    const checked = checkJoinForm(values);
    if (checked.errors) {
      const structure = identity.siret ? ((await findStructureBySiret(deps.db, identity.siret)) ?? null) : null;
      const pending = await findPendingBySub(deps.db, identity.sub);
      const page = UnknownAccountPage({
        ctx: pageContext(request, reply),
        email: identity.email,
        structure,
        join: { values, errors: checked.errors, pendingSince: pending?.created_at ?? null },
      });
      return sendHtml(reply, page, 400);
    }
    await submitJoinRequest(deps, identity, checked.input);
    return reply.redirect(JOIN_SENT_PATH, 303);
  });

  app.get(JOIN_SENT_PATH, { schema: { hide: true } }, async (request, reply) => {
    const identity = joinIdentity(request);
    // Shown once with the address; the identity is not kept in the browser afterwards.
    reply.clearCookie(JOIN_COOKIE, flowCookie);
    return sendHtml(reply, JoinRequestSentPage({ ctx: pageContext(request, reply), email: identity?.email ?? null }));
  });

  app.get(LOGGED_OUT_PATH, { schema: { hide: true } }, async (_request, reply) => reply.redirect("/connexion?deconnecte=1", 303));
}
