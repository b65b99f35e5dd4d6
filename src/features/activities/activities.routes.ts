// Routes of the activity report form: new (blank, from an appointment, a workshop, a copy or a person),
// the report's page, edit and delete. Thin: the service decides, the views render.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { pageContext, queryString, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { isCalendarDate } from "../calendar/calendar-date.ts";
import { referralOfReport } from "../referrals/advisor-referral.repository.ts";
import { loadActivityActor } from "./activities.actor.ts";
import type { ActivityActor } from "./activities.policy.ts";
import { canChangeReport } from "./activities.policy.ts";
import { advisorName, communesByCode, placeName } from "./activities.repository.ts";
import {
  type ActivityDeps,
  checkLink,
  deleteReport,
  editForm,
  type FormOptions,
  formOptions,
  ownReport,
  peopleOnReport,
  type ReportLink,
  type StartQuery,
  saveReport,
  startForm,
  visibleReport,
  writerOf,
} from "./activities.service.ts";
import { offlineReportRoutes } from "./offline-report.routes.ts";
import { formType, type ReportFormValues, readReportForm } from "./report-form.ts";
import { ReportFormPage } from "./report-form.views.tsx";
import { DeleteReportPage, longDate, ReportPage } from "./report-page.views.tsx";

const FORM_BODY = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([Type.String({ maxLength: 6000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 })]),
);
const ID = Type.String({ maxLength: 64 });
const NEW_QUERY = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 20 })),
  "rendez-vous": Type.Optional(ID),
  atelier: Type.Optional(ID),
  copie: Type.Optional(ID),
  beneficiaire: Type.Optional(ID),
  /** The copy a phone keeps for use without network: no named person in it (see offline-report.routes.ts). */
  "hors-ligne": Type.Optional(Type.String({ maxLength: 1 })),
  autodiagnostic: Type.Optional(Type.String({ maxLength: 40 })),
});
const PARAMS = Type.Object({ id: ID });

type NewQuery = {
  type?: string;
  "rendez-vous"?: string;
  atelier?: string;
  copie?: string;
  beneficiaire?: string;
  "hors-ligne"?: string;
  autodiagnostic?: string;
};

function startQuery(q: NewQuery): StartQuery {
  return { type: q.type, appointmentId: q["rendez-vous"], workshopId: q.atelier, copyId: q.copie, beneficiaryId: q.beneficiaire, selfDiagnostic: q.autodiagnostic };
}

/** " du 18 novembre 2026", or nothing when the posted date was emptied or mistyped (formatting it would throw). */
function onDay(date: string): string {
  return isCalendarDate(date) ? ` du ${longDate(date)}` : "";
}

function origin(link: ReportLink, values: ReportFormValues): string | null {
  if (link === null) return null;
  if ("appointmentId" in link) return `Compte rendu du rendez-vous${onDay(values.date)} : la date, le lieu, la durée et les thématiques demandées sont remplis. Vérifiez, complétez et enregistrez.`;
  return `Compte rendu de l'atelier${onDay(values.date)} : le titre, la date, le lieu, la durée et le nombre de présents sont remplis. Vérifiez, complétez et enregistrez.`;
}

export async function activitiesRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  await offlineReportRoutes(app, deps);
  const service: ActivityDeps = {
    db: deps.db,
    now: deps.now,
    departement: deps.config.departement.code,
    notify: { brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl },
  };

  async function actorOf(request: FastifyRequest): Promise<ActivityActor> {
    return loadActivityActor(deps.db, requireViewer(request));
  }

  function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { heading: string; action: string; values: ReportFormValues; options: FormOptions; link: ReportLink; editing: boolean; notice?: string | null },
    errors: Record<string, string>,
  ) {
    const { options, values } = form;
    const page = ReportFormPage({
      ctx: pageContext(request, reply),
      model: {
        heading: form.heading,
        action: form.action,
        values,
        errors,
        places: options.places,
        communes: options.communes.communes,
        people: options.people.map((p) => ({ id: p.id, label: `${p.lastName ?? ""} ${p.firstName ?? ""}`.trim() })),
        partners: options.partners,
        sentReferral: options.sentReferral,
        typeLinks: form.editing || form.link !== null ? null : { individuel: "/activites/nouveau", collectif: "/activites/nouveau?type=collectif" },
        origin: origin(form.link, values),
        notice: form.notice ?? null,
        backHref: form.editing ? form.action.replace(/\/modifier$/, "") : "/activites",
        offline: !form.editing,
      },
    });
    return sendHtml(reply, page, Object.keys(errors).length > 0 ? 400 : 200);
  }

  function newAction(link: ReportLink): string {
    if (link === null) return "/activites/nouveau";
    return `/activites/nouveau${queryString("appointmentId" in link ? { "rendez-vous": link.appointmentId } : { atelier: link.workshopId })}`;
  }

  app.get("/activites/nouveau", { schema: { hide: true, querystring: NEW_QUERY } }, async (request, reply) => {
    const actor = await actorOf(request);
    const query = request.query as NewQuery;
    const start = await startForm(service, actor, startQuery(query));
    if (start.kind === "existing") return reply.redirect(`/activites/${start.reportId}`, 303);
    // The copy kept on the phone names nobody: personal data stays off the device's cache.
    if (query["hors-ligne"] !== undefined) start.options.people = [];
    const heading = formType(start.values) === "collectif" ? "Nouveau compte rendu d'atelier" : "Nouveau compte rendu";
    return renderForm(request, reply, { heading, action: newAction(start.link), values: start.values, options: start.options, link: start.link, editing: false, notice: null }, {});
  });

  app.post("/activites/nouveau", { schema: { hide: true, querystring: NEW_QUERY, body: FORM_BODY } }, async (request, reply) => {
    const actor = await actorOf(request);
    const writer = writerOf(actor);
    const { link, placeId, existing } = await checkLink(service, actor, startQuery(request.query as NewQuery));
    if (existing) return reply.redirect(`/activites/${existing}`, 303);
    const values = readReportForm(request.body as Record<string, unknown>);
    const options = await formOptions(service, actor, writer, [placeId]);
    const outcome = await saveReport(service, writer, options, values, { kind: "new", link });
    if (outcome.ok) return reply.redirect(`/activites/${outcome.id}?message=enregistre`, 303);
    if ("existing" in outcome) return reply.redirect(`/activites/${outcome.existing}`, 303);
    const heading = formType(values) === "collectif" ? "Nouveau compte rendu d'atelier" : "Nouveau compte rendu";
    return renderForm(request, reply, { heading, action: newAction(link), values, options, link, editing: false }, outcome.errors);
  });

  app.get(
    "/activites/:id",
    { schema: { hide: true, params: PARAMS, querystring: Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const actor = await actorOf(request);
      const report = await visibleReport(service, actor, (request.params as { id: string }).id);
      const codes = [report.commune_code, report.beneficiary_commune_code].filter((c): c is string => c !== null);
      const [people, communes, place, advisor] = await Promise.all([
        peopleOnReport(service, actor, report),
        communesByCode(deps.db, codes),
        report.place_id ? placeName(deps.db, report.place_id) : Promise.resolve(null),
        advisorName(deps.db, report.advisor_id),
      ]);
      const model = {
        report,
        advisorName: advisor,
        placeName: place,
        communeNames: Object.fromEntries(communes.map((c) => [c.code, c.name])),
        person: people.person,
        participants: people.participants,
        canChange: canChangeReport(actor, { advisorId: report.advisor_id }),
        saved: (request.query as { message?: string }).message === "enregistre",
      };
      return sendHtml(reply, ReportPage({ ctx: pageContext(request, reply), model }));
    },
  );

  app.get("/activites/:id/modifier", { schema: { hide: true, params: PARAMS } }, async (request, reply) => {
    const actor = await actorOf(request);
    const report = await ownReport(service, actor, (request.params as { id: string }).id);
    const { values, options } = await editForm(service, actor, report);
    return renderForm(request, reply, { heading: "Modifier le compte rendu", action: `/activites/${report.id}/modifier`, values, options, link: null, editing: true }, {});
  });

  app.post("/activites/:id/modifier", { schema: { hide: true, params: PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = await actorOf(request);
    const report = await ownReport(service, actor, (request.params as { id: string }).id);
    const writer = writerOf(actor);
    const values = readReportForm(request.body as Record<string, unknown>);
    const options = await formOptions(service, actor, writer, [report.place_id]);
    options.sentReferral = await referralOfReport(deps.db, report.id);
    const outcome = await saveReport(service, writer, options, values, { kind: "edit", report });
    if (outcome.ok) return reply.redirect(`/activites/${report.id}?message=enregistre`, 303);
    const errors = "errors" in outcome ? outcome.errors : {};
    return renderForm(request, reply, { heading: "Modifier le compte rendu", action: `/activites/${report.id}/modifier`, values, options, link: null, editing: true }, errors);
  });

  app.get("/activites/:id/supprimer", { schema: { hide: true, params: PARAMS } }, async (request, reply) => {
    const actor = await actorOf(request);
    const report = await ownReport(service, actor, (request.params as { id: string }).id);
    return sendHtml(reply, DeleteReportPage({ ctx: pageContext(request, reply), report }));
  });

  app.post("/activites/:id/supprimer", { schema: { hide: true, params: PARAMS } }, async (request, reply) => {
    const actor = await actorOf(request);
    const report = await ownReport(service, actor, (request.params as { id: string }).id);
    await deleteReport(service, actor, report);
    return reply.redirect("/activites?supprime=1", 303);
  });
}
