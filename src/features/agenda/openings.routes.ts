// /agenda/ouvertures: exceptional openings. An advisor manages their own; managers and coordinators those of
// their advisors.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { type AgendaActor, canSeeAdvisor } from "./agenda.policy.ts";
import { type AdvisorSummary, findAdvisor } from "./agenda.repository.ts";
import { chooseAdvisor, isUuid, requireAgendaActor } from "./agenda.service.ts";
import { deleteOpening, findOpening, insertOpening, listOpeningPlaces, listUpcomingOpenings, overlapsOpening } from "./openings.repository.ts";
import { OpeningsAdvisorPickPage, OpeningsPage } from "./openings.views.tsx";
import { blankOpeningForm, type OpeningFormValues, readOpeningForm, validateOpeningForm } from "./openings-form.ts";

const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })]));
const QUERY = Type.Object({ conseiller: Type.Optional(Type.String({ maxLength: 64 })), message: Type.Optional(Type.String({ maxLength: 20 })) });
const NOTICES: Record<string, string> = {
  ajoutee: "L'ouverture exceptionnelle a été ajoutée : ses créneaux sont proposés en ligne.",
  supprimee: "L'ouverture exceptionnelle a été supprimée.",
};

export async function openingsRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: AgendaActor,
    advisor: AdvisorSummary,
    form: { values?: OpeningFormValues; errors?: Record<string, string>; notice?: string | null },
  ) {
    const errors = form.errors ?? {};
    const model = {
      advisor,
      isOwn: actor.advisorIds.includes(advisor.id),
      openings: await listUpcomingOpenings(deps.db, advisor.id, deps.now()),
      places: await listOpeningPlaces(deps.db, advisor),
      values: form.values ?? blankOpeningForm(),
      errors,
      notice: form.notice ?? null,
    };
    return sendHtml(reply, OpeningsPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  const back = (actor: AgendaActor, advisorId: string, message: string) =>
    `/agenda/ouvertures?${actor.advisorIds.includes(advisorId) ? "" : `conseiller=${advisorId}&`}message=${message}`;

  app.get("/agenda/ouvertures", { schema: { hide: true, querystring: QUERY } }, async (request, reply) => {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const query = request.query as { conseiller?: string; message?: string };
    const choice = await chooseAdvisor(deps.db, actor, query.conseiller);
    if (choice.kind === "pick") {
      return sendHtml(reply, OpeningsAdvisorPickPage({ ctx: pageContext(request, reply), advisors: choice.advisors }));
    }
    return render(request, reply, actor, choice.advisor, { notice: query.message ? (NOTICES[query.message] ?? null) : null });
  });

  app.post("/agenda/ouvertures", { schema: { hide: true, querystring: QUERY, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const choice = await chooseAdvisor(deps.db, actor, (request.query as { conseiller?: string }).conseiller);
    if (choice.kind === "pick") throw new HttpError("not_found");
    const advisor = choice.advisor;
    const values = readOpeningForm(request.body as Record<string, string | string[]>);
    const places = await listOpeningPlaces(deps.db, advisor);
    const { input, errors } = validateOpeningForm(values, { now: deps.now(), placeIds: places.map((p) => p.id) });
    if (!input) return render(request, reply, actor, advisor, { values, errors });
    const saved = await deps.db.transaction().execute(async (trx) => {
      // Serialise the overlap check per advisor: two submissions at once cannot both pass it.
      await trx.selectFrom("advisors").select("id").where("id", "=", advisor.id).forUpdate().executeTakeFirst();
      if (await overlapsOpening(trx, advisor.id, input.start, input.end)) return false;
      await insertOpening(trx, advisor.id, input);
      return true;
    });
    if (!saved) {
      return render(request, reply, actor, advisor, {
        values,
        errors: { start_time: "Ces horaires chevauchent une autre ouverture exceptionnelle : choisissez d'autres horaires." },
      });
    }
    return reply.redirect(back(actor, advisor.id, "ajoutee"), 303);
  });

  app.post(
    "/agenda/ouvertures/:id/supprimer",
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 64 }) }), querystring: QUERY } },
    async (request, reply) => {
      const actor = await requireAgendaActor(deps.db, requireViewer(request));
      const id = (request.params as { id: string }).id;
      const opening = isUuid(id) ? await findOpening(deps.db, id) : undefined;
      const advisor = opening ? await findAdvisor(deps.db, opening.advisor_id) : undefined;
      if (!opening || !advisor || !canSeeAdvisor(actor, advisor)) throw new HttpError("not_found");
      await deleteOpening(deps.db, opening.id);
      return reply.redirect(back(actor, advisor.id, "supprimee"), 303);
    },
  );
}
