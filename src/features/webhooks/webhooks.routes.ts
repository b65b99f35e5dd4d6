// Routes of the webhooks back office. Admins and coordinators only: other signed-in people get 403,
// visitors are sent to sign in, unknown ids answer 404.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { fieldErrorsFrom } from "../../web/components.tsx";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { canManageWebhooks } from "./webhooks.policy.ts";
import { findEndpoint, listDeliveries, listEndpoints } from "./webhooks.repository.ts";
import { checkEndpointRequest, createEndpoint, removeEndpoint, rotateSecret, sendTestEvent } from "./webhooks.service.ts";
import { DeletePage, EndpointFormPage, EndpointListPage, EndpointPage, SecretPage, WEBHOOKS_PATH } from "./webhooks.views.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })]));
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const MESSAGE_QUERY = Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) });
const LOG_SIZE = 50;
const LIST_NOTICES: Record<string, string> = { supprime: "L'abonné a été supprimé : il ne recevra plus d'événement." };
const ENDPOINT_NOTICES: Record<string, string> = {
  test: "Un événement de test part vers l'abonné : son résultat s'affiche dans les envois ci-dessous (rechargez la page).",
};

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function webhookRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const { db, config } = deps;

  function requireManager(request: FastifyRequest): Viewer {
    const viewer = requireViewer(request);
    if (!canManageWebhooks(viewer)) throw new HttpError("forbidden");
    return viewer;
  }

  async function requireEndpoint(request: FastifyRequest) {
    const id = (request.params as { id: string }).id;
    const endpoint = UUID.test(id) ? await findEndpoint(db, id) : undefined;
    if (!endpoint) throw new HttpError("not_found");
    return endpoint;
  }

  app.get(WEBHOOKS_PATH, { schema: { hide: true, querystring: MESSAGE_QUERY } }, async (request, reply) => {
    requireManager(request);
    const message = (request.query as { message?: string }).message;
    const endpoints = await listEndpoints(db);
    return sendHtml(reply, EndpointListPage({ ctx: pageContext(request, reply), endpoints, notice: message ? (LIST_NOTICES[message] ?? null) : null }));
  });

  app.get(`${WEBHOOKS_PATH}/nouveau`, { schema: { hide: true } }, async (request, reply) => {
    requireManager(request);
    return sendHtml(reply, EndpointFormPage({ ctx: pageContext(request, reply), values: { name: "", url: "", events: [] }, errors: {} }));
  });

  app.post(`${WEBHOOKS_PATH}/nouveau`, { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const viewer = requireManager(request);
    const body = request.body as Record<string, string | string[] | undefined>;
    const values = { name: list(body.name)[0] ?? "", url: list(body.url)[0] ?? "", events: list(body.events) };
    const { request: endpointRequest, errors } = checkEndpointRequest(values, config.webhooks.allowLocalHttp);
    if (endpointRequest === null) {
      return sendHtml(reply, EndpointFormPage({ ctx: pageContext(request, reply), values, errors: fieldErrorsFrom(errors) }), 400);
    }
    const created = await createEndpoint(db, endpointRequest, { actorUserId: viewer.userId, now: deps.now() });
    // The secret is in this page only: never in a URL, never cached.
    reply.header("cache-control", "no-store");
    return sendHtml(reply, SecretPage({ ctx: pageContext(request, reply), endpoint: created, secret: created.secret, rotated: false, graceHours: 0 }));
  });

  app.get(`${WEBHOOKS_PATH}/:id`, { schema: { hide: true, params: ID_PARAMS, querystring: MESSAGE_QUERY } }, async (request, reply) => {
    requireManager(request);
    const endpoint = await requireEndpoint(request);
    const message = (request.query as { message?: string }).message;
    const deliveries = await listDeliveries(db, endpoint.id, LOG_SIZE);
    return sendHtml(
      reply,
      EndpointPage({ ctx: pageContext(request, reply), endpoint, deliveries, notice: message ? (ENDPOINT_NOTICES[message] ?? null) : null, now: deps.now() }),
    );
  });

  app.post(`${WEBHOOKS_PATH}/:id/test`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    requireManager(request);
    const endpoint = await requireEndpoint(request);
    await sendTestEvent(db, endpoint.id, deps.now());
    deps.afterCommit();
    return reply.redirect(`${WEBHOOKS_PATH}/${endpoint.id}?message=test`, 303);
  });

  app.post(`${WEBHOOKS_PATH}/:id/secret`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const viewer = requireManager(request);
    const endpoint = await requireEndpoint(request);
    const graceHours = config.webhooks.rotationGraceHours;
    const secret = await rotateSecret(db, endpoint.id, graceHours, { actorUserId: viewer.userId, now: deps.now() });
    reply.header("cache-control", "no-store");
    return sendHtml(reply, SecretPage({ ctx: pageContext(request, reply), endpoint, secret, rotated: true, graceHours }));
  });

  app.get(`${WEBHOOKS_PATH}/:id/supprimer`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    requireManager(request);
    const endpoint = await requireEndpoint(request);
    return sendHtml(reply, DeletePage({ ctx: pageContext(request, reply), endpoint }));
  });

  app.post(`${WEBHOOKS_PATH}/:id/supprimer`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const viewer = requireManager(request);
    const endpoint = await requireEndpoint(request);
    await removeEndpoint(db, endpoint, { actorUserId: viewer.userId, now: deps.now() });
    return reply.redirect(`${WEBHOOKS_PATH}?message=supprime`, 303);
  });
}
