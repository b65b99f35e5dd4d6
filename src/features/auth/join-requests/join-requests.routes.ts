// /reseau/demandes-acces: coordinators and admins review the requests to join sent through ProConnect.
// Every other account gets 403; an unknown or malformed id answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { isUuid } from "../../agenda/agenda.service.ts";
import type { BookingFeatureDeps } from "../../booking/booking.deps.ts";
import { requireViewer } from "../auth.routes.ts";
import type { Viewer } from "../viewer.ts";
import { canReviewJoinRequests, grantableRoles } from "./join-requests.policy.ts";
import { countPending, findRequest, type JoinRequestLine, listDecided, listPending, listStructureChoices } from "./join-requests.repository.ts";
import { acceptJoinRequest, type DecisionDeps, refuseJoinRequest } from "./join-requests.service.ts";
import { type DecisionForm, PAGE_SIZE, readDecisionForm } from "./join-requests.ts";
import { JoinRequestPage, JoinRequestsPage } from "./join-requests.views.tsx";

const LIST_QUERY = Type.Object({
  etat: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  message: Type.Optional(Type.String({ maxLength: 20 })),
});
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const MESSAGE_QUERY = Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) });
const FORM_BODY = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 5_000 }));
const NOTICES: Record<string, string> = {
  acceptee: "La demande est acceptée : le compte est prêt et la personne a reçu un courriel.",
  refusee: "La demande est refusée : la personne a reçu un courriel avec la raison.",
  "deja-traitee": "Cette demande avait déjà été traitée entre-temps : rien n'a été changé.",
};

function pageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export async function joinRequestRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const decisionDeps: DecisionDeps = { db: deps.db, now: deps.now, brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl, afterCommit: deps.afterCommit };

  function reviewer(request: FastifyRequest): Viewer {
    const viewer = requireViewer(request);
    if (!canReviewJoinRequests(viewer.roles)) throw new HttpError("forbidden");
    return viewer;
  }

  async function requireRequest(request: FastifyRequest): Promise<JoinRequestLine> {
    const { id } = request.params as { id: string };
    const found = isUuid(id) ? await findRequest(deps.db, id) : undefined;
    if (!found) throw new HttpError("not_found");
    return found;
  }

  async function renderRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    joinRequest: JoinRequestLine,
    form: { accept?: DecisionForm; reason?: string; errors?: Record<string, string> } = {},
  ) {
    const errors = form.errors ?? {};
    const page = JoinRequestPage({
      ctx: pageContext(request, reply),
      request: joinRequest,
      now: deps.now(),
      structures: joinRequest.status === "pending" ? await listStructureChoices(deps.db) : [],
      grantable: grantableRoles(viewer.roles),
      accept: form.accept ?? { role: "", structure_id: joinRequest.proposed_structure_id ?? "" },
      reason: form.reason ?? "",
      errors,
      notice: NOTICES[(request.query as { message?: string }).message ?? ""] ?? null,
    });
    return sendHtml(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get("/reseau/demandes-acces", { schema: { hide: true, querystring: LIST_QUERY } }, async (request, reply) => {
    reviewer(request);
    const query = request.query as { etat?: string; page?: string; message?: string };
    const view = query.etat === "traitees" ? "decided" : "pending";
    const page = pageNumber(query.page);
    const [{ rows, total }, pendingCount] = await Promise.all([
      view === "pending" ? listPending(deps.db, page) : listDecided(deps.db, page),
      countPending(deps.db),
    ]);
    return sendHtml(
      reply,
      JoinRequestsPage({
        ctx: pageContext(request, reply),
        view,
        rows,
        total,
        pendingCount,
        page,
        pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        now: deps.now(),
        notice: NOTICES[query.message ?? ""] ?? null,
      }),
    );
  });

  app.get("/reseau/demandes-acces/:id", { schema: { hide: true, params: ID_PARAMS, querystring: MESSAGE_QUERY } }, async (request, reply) => {
    const viewer = reviewer(request);
    return renderRequest(request, reply, viewer, await requireRequest(request));
  });

  app.post("/reseau/demandes-acces/:id/accepter", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const viewer = reviewer(request);
    const joinRequest = await requireRequest(request);
    const form = readDecisionForm(request.body as Record<string, unknown>);
    const result = await acceptJoinRequest(decisionDeps, viewer, joinRequest.id, form);
    if (result.kind === "invalid") return renderRequest(request, reply, viewer, joinRequest, { accept: form, errors: result.errors });
    return reply.redirect(`/reseau/demandes-acces/${joinRequest.id}?message=${result.kind === "accepted" ? "acceptee" : "deja-traitee"}`, 303);
  });

  app.post("/reseau/demandes-acces/:id/refuser", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const viewer = reviewer(request);
    const joinRequest = await requireRequest(request);
    const reason = String((request.body as Record<string, unknown>).reason ?? "");
    const result = await refuseJoinRequest(decisionDeps, viewer, joinRequest.id, reason);
    if (result.kind === "invalid") return renderRequest(request, reply, viewer, joinRequest, { reason, errors: result.errors });
    return reply.redirect(`/reseau/demandes-acces/${joinRequest.id}?message=${result.kind === "refused" ? "refusee" : "deja-traitee"}`, 303);
  });
}
