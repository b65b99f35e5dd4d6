// Sign-in pages (/connexion), sign-out, and the personal space (/espace).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { findStructureNames } from "../organisation/organisation.repository.ts";
import { isPlausibleEmail, normalizeEmail, ROLES } from "../organisation/organisation.ts";
import { AccountPage } from "./account.views.tsx";
import { toolLinks } from "./account-links.ts";
import * as auth from "./auth.service.ts";
import { LINK_STATE_MESSAGES, SESSION_COOKIE } from "./auth.ts";
import { ConfirmLinkPage, LinkRefusedPage, SignInPage, SignInSentPage } from "./auth.views.tsx";
import type { Viewer } from "./viewer.ts";

const NOTICE_BY_QUERY = { "1": "signed_out", partout: "signed_out_everywhere" } as const;

export function requireViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new HttpError("unauthenticated");
  return request.viewer;
}

export async function authRoutes(app: FastifyInstance, deps: auth.AuthDeps) {
  const secure = deps.publicUrl.startsWith("https://");
  const clearSession = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure });

  app.get(
    "/connexion",
    { schema: { hide: true, querystring: Type.Object({ deconnecte: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const { deconnecte } = request.query as { deconnecte?: string };
      const notice = deconnecte ? NOTICE_BY_QUERY[deconnecte as keyof typeof NOTICE_BY_QUERY] : undefined;
      return sendHtml(reply, SignInPage({ ctx: pageContext(request, reply), form: { email: "", notice }, proconnect: deps.proconnectSignOut !== undefined }));
    },
  );

  app.post(
    "/connexion",
    { schema: { hide: true, body: Type.Object({ email: Type.Optional(Type.String({ maxLength: 1000 })) }) } },
    async (request, reply) => {
      const raw = (request.body as { email?: string }).email ?? "";
      const email = normalizeEmail(raw);
      const ctx = pageContext(request, reply);
      if (email === "") {
        return sendHtml(reply, SignInPage({ ctx, proconnect: deps.proconnectSignOut !== undefined, form: { email: raw, error: "Saisissez votre adresse électronique." } }), 400);
      }
      if (!isPlausibleEmail(email)) {
        return sendHtml(
          reply,
          SignInPage({ ctx, proconnect: deps.proconnectSignOut !== undefined, form: { email: raw, error: "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr." } }),
          400,
        );
      }
      const result = await auth.requestSignInLink(deps, { email, ip: request.ip });
      if (result.kind === "throttled") {
        return sendHtml(reply, SignInPage({ ctx, proconnect: deps.proconnectSignOut !== undefined, form: { email: raw, notice: "throttled" } }), 429);
      }
      return sendHtml(reply, SignInSentPage({ ctx, email, demoLink: result.demoLink }));
    },
  );

  app.get(
    "/connexion/lien",
    { schema: { hide: true, querystring: Type.Object({ jeton: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const token = (request.query as { jeton?: string }).jeton ?? "";
      const ctx = pageContext(request, reply);
      const state = token ? await auth.checkSignInLink(deps, token) : "unknown";
      if (state !== "valid") return sendHtml(reply, LinkRefusedPage({ ctx, message: LINK_STATE_MESSAGES[state] }), 400);
      // Mail scanners open links: the GET only shows a button, the POST signs in.
      return sendHtml(reply, ConfirmLinkPage({ ctx, token }));
    },
  );

  app.post(
    "/connexion/lien",
    { schema: { hide: true, body: Type.Object({ jeton: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const token = (request.body as { jeton?: string }).jeton ?? "";
      const result = await auth.useSignInLink(deps, token, request.headers["user-agent"]?.slice(0, 300) ?? null);
      if (result.kind === "refused") {
        return sendHtml(reply, LinkRefusedPage({ ctx: pageContext(request, reply), message: LINK_STATE_MESSAGES[result.state] }), 400);
      }
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure,
        expires: result.expiresAt,
      });
      return reply.redirect(result.secondFactorDue ? "/connexion/second-facteur" : "/espace", 303);
    },
  );

  app.post("/deconnexion", { schema: { hide: true } }, async (request, reply) => {
    const session = request.viewer ?? request.pendingSignIn;
    // A ProConnect session also ends at the provider (end-session endpoint), which then sends the person back.
    const providerLogout = session && deps.proconnectSignOut ? await deps.proconnectSignOut(session.sessionHash) : null;
    if (session && !providerLogout) await auth.signOut(deps, session);
    clearSession(reply);
    if (providerLogout) return reply.redirect(providerLogout, 303);
    return reply.redirect("/connexion?deconnecte=1", 303);
  });

  app.post("/deconnexion/partout", { schema: { hide: true } }, async (request, reply) => {
    await auth.signOutEverywhere(deps, requireViewer(request));
    clearSession(reply);
    return reply.redirect("/connexion?deconnecte=partout", 303);
  });

  app.get("/espace", { schema: { hide: true } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const structures = await findStructureNames(deps.db, viewer.roles.flatMap((r) => (r.structureId ? [r.structureId] : [])));
    const links = toolLinks(viewer);
    return sendHtml(
      reply,
      AccountPage({
        ctx: pageContext(request, reply),
        model: {
          fullName: `${viewer.firstName} ${viewer.lastName}`,
          email: viewer.email,
          roles: viewer.roles.map((r) => ({ label: ROLES[r.role].label, structure: r.structureId ? (structures.get(r.structureId) ?? null) : null })),
          activeSessions: await auth.countActiveSessions(deps, viewer),
          links,
        },
      }),
    );
  });
}
