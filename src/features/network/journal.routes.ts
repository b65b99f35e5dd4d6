// /reseau/journal: the coordination log. Coordinators and admins write it, the Préfecture reads it,
// every other account gets 403; an unknown, deleted or malformed id answers 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { isUuid } from "../agenda/agenda.service.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { toParis } from "../calendar/paris-time.ts";
import { blankCoordinationForm, type CoordinationForm, formOf, readCoordinationForm, readJournalFilter, totalsByKind } from "./coordination.ts";
import { findEvent, listEvents, PAGE_SIZE, totalsForPeriod } from "./journal.repository.ts";
import { changeEvent, checkWithCommune, createEvent, deleteEvent } from "./journal.service.ts";
import { DeletePage, EventPage, JournalPage } from "./journal.views.tsx";
import { EventFormPage } from "./journal-form.views.tsx";
import { canReadJournal, canWriteJournal } from "./network.policy.ts";

const LIST_QUERY = Type.Object({
  du: Type.Optional(Type.String({ maxLength: 20 })),
  au: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
  message: Type.Optional(Type.String({ maxLength: 20 })),
});
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const MESSAGE_QUERY = Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) });
const FORM_BODY = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 10_000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 5 })]));
const NOTICES: Record<string, string> = {
  ajoute: "L'action a été ajoutée au journal.",
  enregistre: "Les modifications ont été enregistrées.",
  supprime: "L'action a été supprimée du journal.",
};

export async function journalRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  function reader(request: FastifyRequest): Viewer {
    const viewer = requireViewer(request);
    if (!canReadJournal(viewer.roles)) throw new HttpError("forbidden");
    return viewer;
  }

  function writer(request: FastifyRequest): Viewer {
    const viewer = requireViewer(request);
    if (!canWriteJournal(viewer.roles)) throw new HttpError("forbidden");
    return viewer;
  }

  async function requireEvent(request: FastifyRequest) {
    const { id } = request.params as { id: string };
    const event = isUuid(id) ? await findEvent(deps.db, id) : undefined;
    if (!event) throw new HttpError("not_found");
    return event;
  }

  function renderForm(request: FastifyRequest, reply: FastifyReply, eventId: string | null, values: CoordinationForm, errors: Record<string, string>) {
    const page = EventFormPage({ ctx: pageContext(request, reply), eventId, values, errors });
    return sendHtml(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  const notice = (request: FastifyRequest) => NOTICES[(request.query as { message?: string }).message ?? ""] ?? null;

  app.get("/reseau/journal", { schema: { hide: true, querystring: LIST_QUERY } }, async (request, reply) => {
    const viewer = reader(request);
    const filter = readJournalFilter(request.query as Record<string, string | undefined>, toParis(deps.now()).date);
    const [{ total, rows }, totals] = await Promise.all([listEvents(deps.db, filter), totalsForPeriod(deps.db, filter)]);
    const page = JournalPage({
      ctx: pageContext(request, reply),
      filter,
      rows,
      total,
      pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      totals: totalsByKind(totals),
      canWrite: canWriteJournal(viewer.roles),
      notice: notice(request),
    });
    return sendHtml(reply, page);
  });

  app.get("/reseau/journal/nouveau", { schema: { hide: true } }, async (request, reply) => {
    writer(request);
    return renderForm(request, reply, null, blankCoordinationForm(toParis(deps.now()).date), {});
  });

  app.post("/reseau/journal/nouveau", { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const viewer = writer(request);
    const values = readCoordinationForm(request.body as Record<string, string | string[]>);
    const checked = await checkWithCommune(deps.db, values, deps.now());
    if (checked.input === null) return renderForm(request, reply, null, values, checked.errors);
    const id = await createEvent(deps.db, checked.input, viewer.userId, deps.now());
    return reply.redirect(`/reseau/journal/${id}?message=ajoute`, 303);
  });

  app.get("/reseau/journal/:id", { schema: { hide: true, params: ID_PARAMS, querystring: MESSAGE_QUERY } }, async (request, reply) => {
    const viewer = reader(request);
    const event = await requireEvent(request);
    return sendHtml(reply, EventPage({ ctx: pageContext(request, reply), event, canWrite: canWriteJournal(viewer.roles), notice: notice(request) }));
  });

  app.get("/reseau/journal/:id/modifier", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    writer(request);
    const event = await requireEvent(request);
    return renderForm(request, reply, event.id, formOf(event), {});
  });

  app.post("/reseau/journal/:id/modifier", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const viewer = writer(request);
    const event = await requireEvent(request);
    const values = readCoordinationForm(request.body as Record<string, string | string[]>);
    const checked = await checkWithCommune(deps.db, values, deps.now());
    if (checked.input === null) return renderForm(request, reply, event.id, values, checked.errors);
    await changeEvent(deps.db, event, checked.input, viewer.userId, deps.now());
    return reply.redirect(`/reseau/journal/${event.id}?message=enregistre`, 303);
  });

  app.get("/reseau/journal/:id/supprimer", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    writer(request);
    const event = await requireEvent(request);
    return sendHtml(reply, DeletePage({ ctx: pageContext(request, reply), event }));
  });

  app.post("/reseau/journal/:id/supprimer", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const viewer = writer(request);
    const event = await requireEvent(request);
    await deleteEvent(deps.db, event, viewer.userId, deps.now());
    return reply.redirect("/reseau/journal?message=supprime", 303);
  });
}
