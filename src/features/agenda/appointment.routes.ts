// An appointment's page in the agenda: status change and private notes (POST with CSRF).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pageContext, sendHtml } from "../../web/page.ts";
import { reportButton } from "../activities/report-link.service.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import type { AgendaActor } from "./agenda.policy.ts";
import { seesFullNames } from "./agenda.policy.ts";
import { requireAgendaActor } from "./agenda.service.ts";
import type { AppointmentDetail } from "./appointment.repository.ts";
import { type AppointmentDeps, changeStatus, NOTES_MAX_LENGTH, requireAppointment, saveNotes } from "./appointment.service.ts";
import { AppointmentPage, isStatus } from "./appointment.views.tsx";

const PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const QUERY = Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) });
const NOTICES: Record<string, string> = { statut: "Le statut a été enregistré.", notes: "Les notes ont été enregistrées." };

export async function appointmentRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const serviceDeps: AppointmentDeps = {
    db: deps.db,
    now: deps.now,
    afterCommit: deps.afterCommit,
    brandName: deps.config.brand.name,
    publicUrl: deps.config.publicUrl,
    smsEnabled: deps.config.sms.provider !== "none",
  };

  async function load(request: FastifyRequest): Promise<{ actor: AgendaActor; appointment: AppointmentDetail }> {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const appointment = await requireAppointment(deps.db, actor, (request.params as { id: string }).id);
    return { actor, appointment };
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: AgendaActor,
    appointment: AppointmentDetail,
    form: { status?: string; notes?: string; errors?: Record<string, string>; notice?: string | null },
    code = 200,
  ) {
    const isOwn = actor.advisorIds.includes(appointment.advisorId);
    const report = await reportButton(
      deps.db,
      { appointmentId: appointment.id },
      { own: isOwn, startsAt: appointment.startsAt, cancelled: appointment.status === "cancelled", now: deps.now() },
    );
    const model = {
      appointment,
      report,
      full: seesFullNames(actor, appointment.advisorId),
      isOwn,
      status: form.status ?? appointment.status,
      notes: form.notes ?? appointment.notes ?? "",
      errors: form.errors ?? {},
      notice: form.notice ?? null,
    };
    return sendHtml(reply, AppointmentPage({ ctx: pageContext(request, reply), model }), code);
  }

  app.get("/agenda/rendez-vous/:id", { schema: { hide: true, params: PARAMS, querystring: QUERY } }, async (request, reply) => {
    const { actor, appointment } = await load(request);
    const { message } = request.query as { message?: string };
    return render(request, reply, actor, appointment, { notice: message ? (NOTICES[message] ?? null) : null });
  });

  app.post(
    "/agenda/rendez-vous/:id/statut",
    { schema: { hide: true, params: PARAMS, body: Type.Object({ statut: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const { actor, appointment } = await load(request);
      const status = (request.body as { statut?: string }).statut ?? "";
      if (!isStatus(status)) return render(request, reply, actor, appointment, { status, errors: { statut: "Choisissez un statut de la liste." } }, 400);
      const viewer = requireViewer(request);
      const result = await changeStatus(serviceDeps, appointment, status, { userId: viewer.userId, email: viewer.email });
      if (!result.ok) return render(request, reply, actor, appointment, { status, errors: { statut: result.error } }, 409);
      return reply.redirect(`/agenda/rendez-vous/${appointment.id}?message=statut`, 303);
    },
  );

  app.post(
    "/agenda/rendez-vous/:id/notes",
    { schema: { hide: true, params: PARAMS, body: Type.Object({ notes: Type.Optional(Type.String({ maxLength: 20_000 })) }) } },
    async (request, reply) => {
      const { actor, appointment } = await load(request);
      const notes = (request.body as { notes?: string }).notes ?? "";
      if (notes.length > NOTES_MAX_LENGTH) {
        return render(request, reply, actor, appointment, { notes, errors: { notes: `Les notes ne doivent pas dépasser ${NOTES_MAX_LENGTH} caractères.` } }, 400);
      }
      await saveNotes(serviceDeps, appointment, notes);
      return reply.redirect(`/agenda/rendez-vous/${appointment.id}?message=notes`, 303);
    },
  );
}
