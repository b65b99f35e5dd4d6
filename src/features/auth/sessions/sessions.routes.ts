// /espace/sessions: the person's active sessions; end one, or all the others.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { requireViewer } from "../auth.routes.ts";
import { listSessions, revokeOtherSessions, revokeSession, type SessionsDeps } from "./sessions.service.ts";
import { type SessionsNotice, SessionsPage } from "./sessions.views.tsx";

const NOTICE_BY_QUERY: Record<string, SessionsNotice> = { "1": "ended", autres: "others_ended" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function sessionsRoutes(app: FastifyInstance, deps: SessionsDeps) {
  app.get(
    "/espace/sessions",
    { schema: { hide: true, querystring: Type.Object({ fermee: Type.Optional(Type.String({ maxLength: 10 })) }) } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const { fermee } = request.query as { fermee?: string };
      const notice = fermee ? (NOTICE_BY_QUERY[fermee] ?? null) : null;
      return sendHtml(reply, SessionsPage({ ctx: pageContext(request, reply), sessions: await listSessions(deps, viewer), notice }));
    },
  );

  app.post("/espace/sessions/:id/fermer", { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = request.params as { id: string };
    if (!UUID.test(id) || !(await revokeSession(deps, viewer, id))) throw new HttpError("not_found");
    return reply.redirect("/espace/sessions?fermee=1", 303);
  });

  app.post("/espace/sessions/fermer-les-autres", { schema: { hide: true } }, async (request, reply) => {
    await revokeOtherSessions(deps, requireViewer(request));
    return reply.redirect("/espace/sessions?fermee=autres", 303);
  });
}
