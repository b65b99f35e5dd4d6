// Routes of the admins' back office of API tokens: list, create (the token shown once), revoke.
// Admins only: other signed-in people get 403 as on the other admin pages; unknown ids 404.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { fieldErrorsFrom } from "../../web/components.tsx";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { hasRole, type Viewer } from "../auth/viewer.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { findApiToken, listApiTokens } from "./api-tokens.repository.ts";
import { checkTokenRequest, createApiToken, revokeToken } from "./api-tokens.service.ts";
import { RevokePage, TOKENS_PATH, TokenCreatedPage, TokenFormPage, TokenListPage } from "./api-tokens.views.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 60 }), { maxItems: 10 })]));
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const NOTICES: Record<string, string> = { revoque: "Le jeton a été révoqué : il ne donne plus accès à l'API." };

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function apiTokenRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const { db } = deps;

  function requireAdmin(request: FastifyRequest): Viewer {
    const viewer = requireViewer(request);
    if (!hasRole(viewer, "admin")) throw new HttpError("forbidden");
    return viewer;
  }

  async function requireToken(id: string) {
    const token = UUID.test(id) ? await findApiToken(db, id) : undefined;
    if (!token) throw new HttpError("not_found");
    return token;
  }

  app.get(TOKENS_PATH, { schema: { hide: true, querystring: Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    requireAdmin(request);
    const message = (request.query as { message?: string }).message;
    const tokens = await listApiTokens(db);
    return sendHtml(reply, TokenListPage({ ctx: pageContext(request, reply), tokens, notice: message ? (NOTICES[message] ?? null) : null }));
  });

  app.get(`${TOKENS_PATH}/nouveau`, { schema: { hide: true } }, async (request, reply) => {
    requireAdmin(request);
    return sendHtml(reply, TokenFormPage({ ctx: pageContext(request, reply), values: { name: "", scopes: [] }, errors: {} }));
  });

  app.post(`${TOKENS_PATH}/nouveau`, { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const viewer = requireAdmin(request);
    const body = request.body as Record<string, string | string[] | undefined>;
    const name = list(body.name)[0] ?? "";
    const scopes = list(body.scopes);
    const { request: tokenRequest, errors } = checkTokenRequest(name, scopes);
    if (tokenRequest === null) {
      return sendHtml(reply, TokenFormPage({ ctx: pageContext(request, reply), values: { name, scopes }, errors: fieldErrorsFrom(errors) }), 400);
    }
    const created = await createApiToken(db, tokenRequest, { actorUserId: viewer.userId, now: deps.now(), via: "web" });
    // The token is in this page only: never in a URL, never cached.
    reply.header("cache-control", "no-store");
    return sendHtml(reply, TokenCreatedPage({ ctx: pageContext(request, reply), name: created.name, scopes: created.scopes, token: created.token }));
  });

  app.get(`${TOKENS_PATH}/:id/revoquer`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    requireAdmin(request);
    const token = await requireToken((request.params as { id: string }).id);
    if (token.revoked_at !== null) return reply.redirect(TOKENS_PATH, 303);
    return sendHtml(reply, RevokePage({ ctx: pageContext(request, reply), token: { ...token, created_by: null } }));
  });

  app.post(`${TOKENS_PATH}/:id/revoquer`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const viewer = requireAdmin(request);
    const token = await requireToken((request.params as { id: string }).id);
    await revokeToken(db, token.id, { actorUserId: viewer.userId, now: deps.now(), via: "web" });
    return reply.redirect(`${TOKENS_PATH}?message=revoque`, 303);
  });
}
