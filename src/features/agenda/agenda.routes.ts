// The advisor agenda: day and week views, the private calendar feed, and (from sibling files) appointment
// pages, motifs and absences.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { toParis } from "../calendar/paris-time.ts";
import { absencesRoutes } from "./absences.routes.ts";
import { agendaModel, chooseAdvisor, requireAgendaActor } from "./agenda.service.ts";
import { agendaRange } from "./agenda.ts";
import { AdvisorPickPage, AgendaPage } from "./agenda.views.tsx";
import { appointmentRoutes } from "./appointment.routes.ts";
import { hasActiveFeed } from "./feed.repository.ts";
import { createFeed, feedText, revokeFeed } from "./feed.service.ts";
import { FeedCreatedPage } from "./feed.views.tsx";
import { kindsRoutes } from "./kinds.routes.ts";
import { openingsRoutes } from "./openings.routes.ts";

const AGENDA_QUERY = Type.Object({
  jour: Type.Optional(Type.String({ maxLength: 20 })),
  semaine: Type.Optional(Type.String({ maxLength: 20 })),
  conseiller: Type.Optional(Type.String({ maxLength: 64 })),
  message: Type.Optional(Type.String({ maxLength: 20 })),
});

const NOTICES: Record<string, string> = {
  revoquee: "L'adresse d'abonnement a été révoquée : les agendas abonnés ne reçoivent plus rien.",
};

export async function agendaRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  app.get("/agenda", { schema: { hide: true, querystring: AGENDA_QUERY } }, async (request, reply) => {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const query = request.query as { jour?: string; semaine?: string; conseiller?: string; message?: string };
    const choice = await chooseAdvisor(deps.db, actor, query.conseiller);
    const ctx = pageContext(request, reply);
    if (choice.kind === "pick") return sendHtml(reply, AdvisorPickPage({ ctx, advisors: choice.advisors, target: "/agenda" }));
    const range = agendaRange(query, toParis(deps.now()).date);
    const model = await agendaModel(deps.db, actor, choice.advisor, range, deps.config.departement.code);
    const feed = model.isOwn ? { active: await hasActiveFeed(deps.db, choice.advisor.id) } : null;
    const notice = query.message ? (NOTICES[query.message] ?? null) : null;
    return sendHtml(reply, AgendaPage({ ctx, model, feed, notice }));
  });

  /** The feed belongs to the advisor themself: managers and coordinators cannot create one for them. */
  async function ownAdvisorId(request: Parameters<typeof requireViewer>[0]): Promise<string> {
    const actor = await requireAgendaActor(deps.db, requireViewer(request));
    const own = actor.advisorIds[0];
    if (own === undefined) throw new HttpError("forbidden");
    return own;
  }

  app.post("/agenda/flux", { schema: { hide: true } }, async (request, reply) => {
    const advisorId = await ownAdvisorId(request);
    const token = await createFeed(deps.db, deps.secret, advisorId, deps.now());
    const url = `${deps.config.publicUrl}/agenda/flux/${token}.ics`;
    return sendHtml(reply, FeedCreatedPage({ ctx: pageContext(request, reply), url }));
  });

  app.post("/agenda/flux/revoquer", { schema: { hide: true } }, async (request, reply) => {
    const advisorId = await ownAdvisorId(request);
    await revokeFeed(deps.db, advisorId, deps.now());
    return reply.redirect("/agenda?message=revoquee", 303);
  });

  app.get(
    "/agenda/flux/:file",
    { schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 100 }) }) } },
    async (request, reply) => {
      const file = (request.params as { file: string }).file;
      const token = file.endsWith(".ics") ? file.slice(0, -4) : "";
      const text = await feedText(deps.db, deps.secret, token, {
        now: deps.now(),
        brandName: deps.config.brand.name,
        publicUrl: deps.config.publicUrl,
      });
      if (text === null) throw new HttpError("not_found");
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, no-store")
        .header("x-robots-tag", "noindex")
        .send(text);
    },
  );

  await appointmentRoutes(app, deps);
  await kindsRoutes(app, deps);
  await absencesRoutes(app, deps);
  await openingsRoutes(app, deps);
}
