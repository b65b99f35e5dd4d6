// /agenda/absences: an advisor manages their own absences; managers and coordinators those of their advisors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { toParis } from "../calendar/paris-time.ts";
import { deleteAbsence, findAbsence, insertAbsence } from "./absences.repository.ts";
import { AbsencesPage } from "./absences.views.tsx";
import { type AbsenceFormValues, blankAbsenceForm, readAbsenceForm, validateAbsenceForm } from "./absences-form.ts";
import { type AgendaActor, canSeeAdvisor } from "./agenda.policy.ts";
import { type AdvisorSummary, findAdvisor, listAbsences } from "./agenda.repository.ts";
import { chooseAdvisor, isUuid, requireAgendaActor } from "./agenda.service.ts";
import { AdvisorPickPage } from "./agenda.views.tsx";

const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })]));
const QUERY = Type.Object({ conseiller: Type.Optional(Type.String({ maxLength: 64 })), message: Type.Optional(Type.String({ maxLength: 20 })) });
const NOTICES: Record<string, string> = { ajoutee: "L'absence a été ajoutée.", supprimee: "L'absence a été supprimée." };

export async function absencesRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: AgendaActor,
    advisor: AdvisorSummary,
    form: { values?: AbsenceFormValues; errors?: Record<string, string>; notice?: string | null },
  ) {
    const errors = form.errors ?? {};
    const model = {
      advisor,
      isOwn: actor.advisorIds.includes(advisor.id),
      absences: await listAbsences(deps.db, advisor.id),
      values: form.values ?? blankAbsenceForm(toParis(deps.now()).date),
      errors,
      notice: form.notice ?? null,
    };
    return sendHtml(reply, AbsencesPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  const back = (actor: AgendaActor, advisorId: string, message: string) =>
    `/agenda/absences?${actor.advisorIds.includes(advisorId) ? "" : `conseiller=${advisorId}&`}message=${message}`;

  app.get("/agenda/absences", { schema: { hide: true, querystring: QUERY } }, async (request, reply) => {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const query = request.query as { conseiller?: string; message?: string };
    const choice = await chooseAdvisor(deps.db, actor, query.conseiller);
    if (choice.kind === "pick") {
      return sendHtml(reply, AdvisorPickPage({ ctx: pageContext(request, reply), advisors: choice.advisors, target: "/agenda/absences" }));
    }
    return render(request, reply, actor, choice.advisor, { notice: query.message ? (NOTICES[query.message] ?? null) : null });
  });

  app.post("/agenda/absences", { schema: { hide: true, querystring: QUERY, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const choice = await chooseAdvisor(deps.db, actor, (request.query as { conseiller?: string }).conseiller);
    if (choice.kind === "pick") throw new HttpError("not_found");
    const values = readAbsenceForm(request.body as Record<string, string | string[]>);
    const { input, errors } = validateAbsenceForm(values);
    if (!input) return render(request, reply, actor, choice.advisor, { values, errors });
    await insertAbsence(deps.db, choice.advisor.id, input);
    return reply.redirect(back(actor, choice.advisor.id, "ajoutee"), 303);
  });

  app.post(
    "/agenda/absences/:id/supprimer",
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 64 }) }), querystring: QUERY } },
    async (request, reply) => {
      const actor = await requireAgendaActor(deps.db, requireViewer(request));
      const id = (request.params as { id: string }).id;
      const absence = isUuid(id) ? await findAbsence(deps.db, id) : undefined;
      const advisor = absence ? await findAdvisor(deps.db, absence.advisor_id) : undefined;
      if (!absence || !advisor || !canSeeAdvisor(actor, advisor)) throw new HttpError("not_found");
      await deleteAbsence(deps.db, absence.id);
      return reply.redirect(back(actor, advisor.id, "supprimee"), 303);
    },
  );
}
