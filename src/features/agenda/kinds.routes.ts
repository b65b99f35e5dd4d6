// /gestion/motifs: the appointment kinds of a structure, for its managers and the coordination.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { type AgendaActor, canManageKinds, canUseKinds, isNetworkWide, managedStructureIds } from "./agenda.policy.ts";
import { isUuid, loadAgendaActor } from "./agenda.service.ts";
import { findKind, findStructure, insertKind, listKinds, listStructuresWithAdvisors, updateKind } from "./kinds.repository.ts";
import { KindFormPage, KindsPage, StructurePickPage } from "./kinds.views.tsx";
import { blankKindForm, type KindFormValues, kindToForm, readKindForm, validateKindForm } from "./kinds-form.ts";

const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 })]));
const STRUCTURE_QUERY = Type.Object({ structure: Type.Optional(Type.String({ maxLength: 64 })), message: Type.Optional(Type.String({ maxLength: 20 })) });
const KIND_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const NOTICES: Record<string, string> = { ajoute: "Le motif a été ajouté.", enregistre: "Le motif a été enregistré." };

type Structure = { id: string; name: string };

export async function kindsRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  async function requireActor(request: FastifyRequest): Promise<AgendaActor> {
    const actor = await loadAgendaActor(deps.db, requireViewer(request));
    if (!canUseKinds(actor)) throw new HttpError("forbidden");
    return actor;
  }

  /** The structure when the actor manages it; 404 otherwise (ids cannot be probed). */
  async function requireStructure(actor: AgendaActor, id: string | undefined): Promise<Structure> {
    const structure = isUuid(id) ? await findStructure(deps.db, id) : undefined;
    if (!structure || !canManageKinds(actor, structure.id)) throw new HttpError("not_found");
    return structure;
  }

  function renderForm(request: FastifyRequest, reply: FastifyReply, structure: Structure, kindId: string | null, values: KindFormValues, errors: Record<string, string>) {
    const page = KindFormPage({ ctx: pageContext(request, reply), structure, kindId, values, errors });
    return sendHtml(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get("/gestion/motifs", { schema: { hide: true, querystring: STRUCTURE_QUERY } }, async (request, reply) => {
    const actor = await requireActor(request);
    const query = request.query as { structure?: string; message?: string };
    const managed = managedStructureIds(actor);
    const canPickOther = isNetworkWide(actor) || managed.length > 1;
    if (!query.structure && canPickOther) {
      const structures = await listStructuresWithAdvisors(deps.db, isNetworkWide(actor) ? null : managed);
      return sendHtml(reply, StructurePickPage({ ctx: pageContext(request, reply), structures }));
    }
    const structure = await requireStructure(actor, query.structure ?? managed[0]);
    const kinds = await listKinds(deps.db, structure.id);
    const notice = query.message ? (NOTICES[query.message] ?? null) : null;
    return sendHtml(reply, KindsPage({ ctx: pageContext(request, reply), structure, kinds, notice, canPickOther }));
  });

  app.get("/gestion/motifs/nouveau", { schema: { hide: true, querystring: STRUCTURE_QUERY } }, async (request, reply) => {
    const actor = await requireActor(request);
    const structure = await requireStructure(actor, (request.query as { structure?: string }).structure);
    return renderForm(request, reply, structure, null, blankKindForm(), {});
  });

  app.post("/gestion/motifs/nouveau", { schema: { hide: true, querystring: STRUCTURE_QUERY, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireActor(request);
    const structure = await requireStructure(actor, (request.query as { structure?: string }).structure);
    const values = readKindForm(request.body as Record<string, string | string[]>);
    const { input, errors } = validateKindForm(values);
    if (!input) return renderForm(request, reply, structure, null, values, errors);
    await insertKind(deps.db, structure.id, input);
    return reply.redirect(`/gestion/motifs?structure=${structure.id}&message=ajoute`, 303);
  });

  async function requireKind(actor: AgendaActor, id: string) {
    const kind = isUuid(id) ? await findKind(deps.db, id) : undefined;
    if (!kind || !canManageKinds(actor, kind.structure_id)) throw new HttpError("not_found");
    const structure = await requireStructure(actor, kind.structure_id);
    return { kind, structure };
  }

  app.get("/gestion/motifs/:id/modifier", { schema: { hide: true, params: KIND_PARAMS } }, async (request, reply) => {
    const actor = await requireActor(request);
    const { kind, structure } = await requireKind(actor, (request.params as { id: string }).id);
    return renderForm(request, reply, structure, kind.id, kindToForm(kind), {});
  });

  app.post("/gestion/motifs/:id/modifier", { schema: { hide: true, params: KIND_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireActor(request);
    const { kind, structure } = await requireKind(actor, (request.params as { id: string }).id);
    const values = readKindForm(request.body as Record<string, string | string[]>);
    const { input, errors } = validateKindForm(values);
    if (!input) return renderForm(request, reply, structure, kind.id, values, errors);
    await updateKind(deps.db, kind.id, input);
    return reply.redirect(`/gestion/motifs?structure=${structure.id}&message=enregistre`, 303);
  });
}
