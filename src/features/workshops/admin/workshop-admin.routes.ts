// /gestion/ateliers: the workshops back office — list, create, edit, cancel, weekly series.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { type AgendaActor, isNetworkWide, managedStructureIds } from "../../agenda/agenda.policy.ts";
import { isUuid, loadAgendaActor } from "../../agenda/agenda.service.ts";
import { requireViewer } from "../../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../../booking/booking.deps.ts";
import type { WorkshopRow } from "../../booking/booking.table.ts";
import { toParis } from "../../calendar/paris-time.ts";
import { canTakeAttendance } from "../workshops.policy.ts";
import { ADMIN_PAGE_SIZE, findWorkshop, listAdminWorkshops, seatsHeld, structureOptions, structuresByIds, updateWorkshop } from "./workshop-admin.repository.ts";
import { AdminListPage, CancelPage, PickStructurePage, WorkshopFormPage } from "./workshop-admin.views.tsx";
import { cancelWorkshop } from "./workshop-cancellation.ts";
import { createWorkshops } from "./workshop-creation.ts";
import { blankWorkshopForm, type FormChoices, type FormKind, readWorkshopForm, validateWorkshopForm, type WorkshopFormValues } from "./workshop-form.ts";

const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 40 })]));
const STRUCTURE_QUERY = Type.Object({ structure: Type.Optional(Type.String({ maxLength: 64 })) });
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const NOTICES: Record<string, string> = { cree: "L'atelier a été créé.", enregistre: "L'atelier a été enregistré.", annule: "L'atelier a été annulé et les personnes inscrites prévenues.", serie: "L'atelier régulier a été créé." };

function canManage(actor: AgendaActor, structureId: string): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).includes(structureId);
}

function workshopToForm(w: WorkshopRow): WorkshopFormValues {
  const start = toParis(w.starts_at);
  return {
    ...blankWorkshopForm(w.structure_id),
    advisor_id: w.advisor_id ?? "",
    title: w.title,
    themes: [...w.themes],
    level: w.level,
    description: w.description ?? "",
    mode: w.is_remote ? "remote" : "place",
    place_id: w.place_id ?? "",
    video_url: w.video_url ?? "",
    date: start.date,
    start_time: start.time.slice(0, 5),
    end_time: toParis(w.ends_at).time.slice(0, 5),
    capacity: String(w.capacity),
    visibility: w.is_public ? "public" : "reserved",
  };
}

export async function workshopAdminRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  async function actorOf(request: FastifyRequest): Promise<AgendaActor> {
    const actor = await loadAgendaActor(deps.db, requireViewer(request));
    if (!isNetworkWide(actor) && managedStructureIds(actor).length === 0 && actor.advisorIds.length === 0) throw new HttpError("forbidden");
    return actor;
  }

  async function requireManagedWorkshop(actor: AgendaActor, id: string): Promise<WorkshopRow> {
    const workshop = isUuid(id) ? await findWorkshop(deps.db, id) : undefined;
    if (!workshop || !canManage(actor, workshop.structure_id)) throw new HttpError("not_found", "Cet atelier n'existe pas.");
    return workshop;
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, kind: FormKind, structureId: string, workshopId: string | null, values: WorkshopFormValues, minCapacity: number, fixedSchedule?: FormChoices["fixedSchedule"]) {
    const structure = (await structuresByIds(deps.db, [structureId]))[0];
    if (!structure) throw new HttpError("not_found");
    const options = await structureOptions(deps.db, structureId);
    let errors: Record<string, string> = {};
    let value = null;
    if (request.method === "POST") {
      const checked = validateWorkshopForm(kind, { ...values, structure_id: structureId }, { placeIds: options.places.map((p) => p.id), advisorIds: options.advisors.map((a) => a.id), minCapacity, fixedSchedule });
      errors = checked.errors;
      value = checked.value;
    }
    return { value, send: () => sendHtml(reply, WorkshopFormPage({ ctx: pageContext(request, reply), model: { kind, workshopId, structure, ...options, values, errors } }), Object.keys(errors).length > 0 ? 400 : 200) };
  }

  async function chosenStructure(actor: AgendaActor, request: FastifyRequest): Promise<string | null> {
    const requested = (request.query as { structure?: string }).structure;
    if (requested !== undefined) {
      if (!isUuid(requested) || !canManage(actor, requested)) throw new HttpError("not_found");
      return requested;
    }
    const managed = managedStructureIds(actor);
    if (!isNetworkWide(actor) && managed.length === 0) throw new HttpError("forbidden", "Seuls les responsables de structure et la coordination créent des ateliers.");
    return !isNetworkWide(actor) && managed.length === 1 ? (managed[0] ?? null) : null;
  }

  app.get("/gestion/ateliers", { schema: { hide: true, querystring: Type.Object({ page: Type.Optional(Type.String({ maxLength: 6 })), message: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    const actor = await actorOf(request);
    const viewer = requireViewer(request);
    const q = request.query as { page?: string; message?: string };
    const page = Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1);
    const scope = isNetworkWide(actor) ? ({ all: true } as const) : { all: false as const, structureIds: managedStructureIds(actor), advisorIds: actor.advisorIds };
    const { rows, total } = await listAdminWorkshops(deps.db, scope, deps.now(), page);
    const model = {
      rows: rows.map((r) => ({ ...r, canEdit: canManage(actor, r.structure_id), canMark: canTakeAttendance(viewer, r) })),
      page,
      pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
      canCreate: isNetworkWide(actor) || managedStructureIds(actor).length > 0,
      notice: q.message ? (NOTICES[q.message] ?? null) : null,
    };
    return sendHtml(reply, AdminListPage({ ctx: pageContext(request, reply), ...model }));
  });

  for (const [kind, path] of [
    ["workshop", "/gestion/ateliers/nouveau"],
    ["series", "/gestion/ateliers/series/nouvelle"],
  ] as const) {
    app.get(path, { schema: { hide: true, querystring: STRUCTURE_QUERY } }, async (request, reply) => {
      const actor = await actorOf(request);
      const structureId = await chosenStructure(actor, request);
      if (structureId === null) {
        const structures = await structuresByIds(deps.db, isNetworkWide(actor) ? null : managedStructureIds(actor));
        return sendHtml(reply, PickStructurePage({ ctx: pageContext(request, reply), kind, structures }));
      }
      return (await renderForm(request, reply, kind, structureId, null, blankWorkshopForm(structureId), 0)).send();
    });

    app.post(path, { schema: { hide: true, querystring: STRUCTURE_QUERY, body: FORM_BODY } }, async (request, reply) => {
      const actor = await actorOf(request);
      const structureId = await chosenStructure(actor, request);
      if (structureId === null) throw new HttpError("not_found");
      const form = await renderForm(request, reply, kind, structureId, null, readWorkshopForm(request.body as Record<string, string | string[]>), 0);
      const value = form.value;
      if (!value) return form.send();
      await deps.db.transaction().execute((trx) => createWorkshops(trx, value, deps.now(), deps.config.departement.code));
      return reply.redirect(`/gestion/ateliers?message=${value.kind === "workshop" ? "cree" : "serie"}`, 303);
    });
  }

  app.get("/gestion/ateliers/:id/modifier", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const workshop = await requireManagedWorkshop(await actorOf(request), (request.params as { id: string }).id);
    return (await renderForm(request, reply, "workshop", workshop.structure_id, workshop.id, workshopToForm(workshop), 0)).send();
  });

  app.post("/gestion/ateliers/:id/modifier", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const workshop = await requireManagedWorkshop(await actorOf(request), (request.params as { id: string }).id);
    const values = readWorkshopForm(request.body as Record<string, string | string[]>);
    const current = workshopToForm(workshop);
    const fixed = workshop.series_id === null ? undefined : { date: current.date, start_time: current.start_time, end_time: current.end_time };
    const form = await renderForm(request, reply, "workshop", workshop.structure_id, workshop.id, values, await seatsHeld(deps.db, workshop.id), fixed);
    if (form.value?.kind !== "workshop") return form.send();
    await updateWorkshop(deps.db, workshop.id, form.value);
    return reply.redirect("/gestion/ateliers?message=enregistre", 303);
  });

  app.get("/gestion/ateliers/:id/annuler", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const workshop = await requireManagedWorkshop(await actorOf(request), (request.params as { id: string }).id);
    if (workshop.cancelled_at) return reply.redirect("/gestion/ateliers?message=annule", 303);
    return sendHtml(reply, CancelPage({ ctx: pageContext(request, reply), workshop, seatsTaken: await seatsHeld(deps.db, workshop.id) }));
  });

  app.post("/gestion/ateliers/:id/annuler", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const workshop = await requireManagedWorkshop(await actorOf(request), (request.params as { id: string }).id);
    const sent = await deps.db.transaction().execute((trx) => cancelWorkshop(trx, workshop, { now: deps.now(), brandName: deps.config.brand.name }));
    if (sent > 0) deps.afterCommit();
    return reply.redirect("/gestion/ateliers?message=annule", 303);
  });
}
