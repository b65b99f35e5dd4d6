// /demandes: commune requests. The queue and the commune's list, the request form, one request with its
// thread, messages and status changes; acceptance is in request-accept.routes.ts. Who sees what is in
// requests.policy.ts: a request outside the viewer's scope answers 404 whatever its id, an action that is
// not the viewer's on a request they see answers 403.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import type { CommuneMatch } from "../territory/territory.repository.ts";
import { requestAcceptRoutes } from "./request-accept.routes.ts";
import { requestApiRoutes } from "./request-api.ts";
import { FORM_BODY, ID_PARAMS, requestActor, requireRequest } from "./request-context.ts";
import { blankRequestForm, type RequestFormValues, readRequestForm } from "./request-form.ts";
import { RequestFormPage } from "./request-form.views.tsx";
import { RequestListPage } from "./request-list.views.tsx";
import { RequestPage, type RequestPageModel } from "./request-page.views.tsx";
import { listModel, noticeOf, pageModel } from "./request-pages.service.ts";
import { canFileRequest, sideOn } from "./requests.policy.ts";
import type { RequestDetail } from "./requests.repository.ts";
import { type Actor, changeStatus, type FilingContext, fileRequest, filingContext, postMessage, type RequestsDeps } from "./requests.service.ts";
import { statusFromCode } from "./requests.ts";

const LIST_QUERY = Type.Object({
  statut: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(Type.String({ maxLength: 20 })),
  commune: Type.Optional(Type.String({ maxLength: 10 })),
  suivi: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  message: Type.Optional(Type.String({ maxLength: 20 })),
});
const MESSAGE_QUERY = Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) });

type Body = Record<string, string | string[]>;

function text(body: Body, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
}

export async function requestsRoutes(app: FastifyInstance, deps: RequestsDeps): Promise<void> {
  app.get("/demandes", { schema: { hide: true, querystring: LIST_QUERY } }, async (request, reply) => {
    const actor = await requestActor(deps, request);
    const query = request.query as Record<string, string | undefined>;
    const model = { ...(await listModel(deps, actor, query)), notice: noticeOf(query.message) };
    return sendHtml(reply, RequestListPage({ ctx: pageContext(request, reply), model }));
  });

  function renderForm(request: FastifyRequest, reply: FastifyReply, context: FilingContext, values: RequestFormValues, errors: Record<string, string>, communeChoices: CommuneMatch[]) {
    const model = {
      side: context.side,
      fixedCommune: context.structure?.communeCode ? context.structure.communeName : null,
      structureName: context.structure?.name ?? null,
      places: context.places,
      communeChoices,
      values,
      errors,
    };
    return sendHtml(reply, RequestFormPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  async function filer(request: FastifyRequest): Promise<{ actor: Actor; context: FilingContext }> {
    const actor = await requestActor(deps, request);
    if (!canFileRequest(actor)) throw new HttpError("forbidden", "Seules les communes et la coordination font des demandes.");
    return { actor, context: await filingContext(deps, actor) };
  }

  app.get("/demandes/nouvelle", { schema: { hide: true } }, async (request, reply) => {
    const { actor, context } = await filer(request);
    const contact = context.side === "commune" ? { name: actor.name, email: actor.email } : { name: "", email: "" };
    return renderForm(request, reply, context, blankRequestForm(contact, ""), {}, []);
  });

  app.post("/demandes/nouvelle", { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const { actor, context } = await filer(request);
    const values = readRequestForm(request.body as Body);
    const result = await fileRequest(deps, actor, context, values);
    if (result.ok) return reply.redirect(`/demandes/${result.id}?message=${context.side === "commune" ? "envoyee" : "enregistree"}`, 303);
    return renderForm(request, reply, context, values, result.errors, result.communeChoices);
  });

  async function renderPage(request: FastifyRequest, reply: FastifyReply, actor: Actor, found: RequestDetail, extra: Parameters<typeof pageModel>[3] = {}) {
    const model: RequestPageModel = await pageModel(deps, actor, found, extra);
    return sendHtml(reply, RequestPage({ ctx: pageContext(request, reply), model }), Object.keys(model.errors).length > 0 ? 400 : 200);
  }

  app.get("/demandes/:id", { schema: { hide: true, params: ID_PARAMS, querystring: MESSAGE_QUERY } }, async (request, reply) => {
    const actor = await requestActor(deps, request);
    const found = await requireRequest(deps, actor, (request.params as { id: string }).id);
    return renderPage(request, reply, actor, found, { notice: noticeOf((request.query as { message?: string }).message) });
  });

  app.post("/demandes/:id/messages", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requestActor(deps, request);
    const found = await requireRequest(deps, actor, (request.params as { id: string }).id);
    const side = sideOn(actor, { structureId: found.structure_id });
    if (side === null) throw new HttpError("forbidden", "Vous pouvez lire cette demande, pas y écrire.");
    const body = text(request.body as Body, "message");
    const error = await postMessage(deps, actor, found, side, body);
    if (error !== null) return renderPage(request, reply, actor, found, { errors: { message: error }, values: { message: body } });
    return reply.redirect(`/demandes/${found.id}?message=message#echanges`, 303);
  });

  app.post("/demandes/:id/statut", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requestActor(deps, request);
    const found = await requireRequest(deps, actor, (request.params as { id: string }).id);
    const side = sideOn(actor, { structureId: found.structure_id });
    if (side === null) throw new HttpError("forbidden", "Vous pouvez lire cette demande, pas la modifier.");
    const body = request.body as Body;
    const to = statusFromCode(text(body, "statut"));
    const motif = text(body, "motif");
    const note = text(body, "note");
    const reason = to === "refused" ? motif : note;
    // A missing or too long text is shown beside its field; any other refusal above the actions.
    const field = (to === "refused" && motif === "") || reason.length > 2000 ? (to === "refused" ? "motif" : "note") : "actions";
    const error =
      to === null
        ? "Choisissez une action de la page."
        : to === "accepted"
          ? "Pour accepter, créez ou choisissez la permanence ou l'atelier qui répond à la demande."
          : reason.length > 2000
            ? "Le texte doit faire 2 000 caractères au plus."
            : null;
    const result = error === null && to !== null ? await changeStatus(deps, actor, found, side, to, reason) : { ok: false as const, error: error ?? "" };
    if (!result.ok) return renderPage(request, reply, actor, found, { errors: { [field]: result.error }, values: { motif, note } });
    return reply.redirect(`/demandes/${found.id}?message=statut`, 303);
  });

  await app.register(requestAcceptRoutes, deps);
  await app.register(requestApiRoutes, deps);
}
