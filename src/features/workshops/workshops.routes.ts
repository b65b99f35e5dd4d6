// Workshops (ateliers): the public catalogue, a workshop's page and registration without an account,
// the registrant's personal page, and the attendance sheet for the workshop's advisor.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, queryString, sendHtml } from "../../web/page.ts";
import { reportButton } from "../activities/report-link.service.ts";
import { THEMES } from "../activities/taxonomy.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { workshopAdminRoutes } from "./admin/workshop-admin.routes.ts";
import { AttendancePage } from "./attendance.views.tsx";
import { CataloguePage } from "./catalogue.views.tsx";
import { type PersonalNotice, PersonalPage } from "./personal-page.views.tsx";
import { cancelRegistration, confirmOffer, register } from "./registration.service.ts";
import { EMPTY_REGISTRATION, type RegistrationInput, validateRegistration } from "./registration-form.ts";
import { WorkshopPage } from "./workshop-page.views.tsx";
import { attendanceSheet, catalogue, personalPage, publicWorkshop, registrationDeps, saveAttendance } from "./workshops.service.ts";

const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const IdParams = Type.Object({ id: Type.String({ pattern: UUID }) });
const TokenBody = Type.Object({ jeton: Type.String({ minLength: 1, maxLength: 200 }) });
const THEME_CODES = new Set<string>(THEMES.map((t) => t.code));
const NOTICES = new Set(["new", "confirmed", "cancelled", "expired", "closed"]);
/** `?depuis=autodiagnostic`: the link from a self-diagnostic's result, kept in the registration form. */
const SELF_DIAGNOSTIC = "autodiagnostic";

export async function workshopsRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const registration = registrationDeps(deps);

  app.get(
    "/ateliers",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          theme: Type.Optional(Type.String({ maxLength: 60 })),
          commune: Type.Optional(Type.String({ maxLength: 10 })),
          lieu: Type.Optional(Type.String({ maxLength: 200 })),
          distance: Type.Optional(Type.String({ maxLength: 2 })),
          page: Type.Optional(Type.String({ maxLength: 6 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as { theme?: string; commune?: string; lieu?: string; distance?: string; page?: string };
      const theme = q.theme && THEME_CODES.has(q.theme) ? q.theme : null;
      const commune = q.commune && /^[0-9AB]{5}$/.test(q.commune) ? q.commune : null;
      const remote = q.distance === "1";
      const page = Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1);
      const result = await catalogue(deps, { theme, commune, place: q.lieu || null, remote, page });
      const lieu = result.place;
      const hrefFor = (p: number) => `/ateliers${queryString({ theme, commune, lieu, distance: remote ? "1" : null, page: p > 1 ? p : null })}`;
      const model = { ...result, page, filter: { theme: theme ?? "", commune: commune ?? "", place: lieu ?? "", remote }, hrefFor };
      return sendHtml(reply, CataloguePage({ ctx: pageContext(request, reply), model }));
    },
  );

  app.get(
    "/ateliers/inscription",
    { schema: { hide: true, querystring: Type.Object({ jeton: Type.Optional(Type.String({ maxLength: 200 })), etat: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const q = request.query as { jeton?: string; etat?: string };
      const notice = (q.etat && NOTICES.has(q.etat) ? q.etat : null) as PersonalNotice;
      const model = q.jeton ? await personalPage(deps, q.jeton, notice) : null;
      if (!model) throw new HttpError("not_found", "Ce lien d'inscription n'est pas valable. Vérifiez qu'il a été copié en entier.");
      reply.header("referrer-policy", "no-referrer").header("cache-control", "no-store");
      return sendHtml(reply, PersonalPage({ ctx: pageContext(request, reply), model }));
    },
  );

  const personalRedirect = (token: string, state: string) => `/ateliers/inscription${queryString({ jeton: token, etat: state })}`;

  app.post("/ateliers/inscription/confirmer", { schema: { hide: true, body: TokenBody } }, async (request, reply) => {
    const { jeton } = request.body as { jeton: string };
    const outcome = await confirmOffer(registration, jeton);
    if (outcome === "not_found") throw new HttpError("not_found", "Ce lien d'inscription n'est pas valable.");
    const state = outcome === "done" ? "confirmed" : outcome === "expired" ? "expired" : "closed";
    return reply.redirect(personalRedirect(jeton, state), 303);
  });

  app.post("/ateliers/inscription/annuler", { schema: { hide: true, body: TokenBody } }, async (request, reply) => {
    const { jeton } = request.body as { jeton: string };
    const outcome = await cancelRegistration(registration, jeton);
    if (outcome === "not_found") throw new HttpError("not_found", "Ce lien d'inscription n'est pas valable.");
    return reply.redirect(personalRedirect(jeton, outcome === "done" ? "cancelled" : "closed"), 303);
  });

  app.get(
    "/ateliers/:id",
    { schema: { hide: true, params: IdParams, querystring: Type.Object({ depuis: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const found = await publicWorkshop(deps, (request.params as { id: string }).id);
      if (!found) throw new HttpError("not_found", "Cet atelier n'existe pas ou n'est pas ouvert au public.");
      const fromSelfDiagnostic = (request.query as { depuis?: string }).depuis === SELF_DIAGNOSTIC;
      const model = { ...found, form: EMPTY_REGISTRATION, errors: {}, fromSelfDiagnostic };
      return sendHtml(reply, WorkshopPage({ ctx: pageContext(request, reply), model }));
    },
  );

  app.post(
    "/ateliers/:id/inscription",
    {
      schema: {
        hide: true,
        params: IdParams,
        body: Type.Object({
          prenom: Type.Optional(Type.String({ maxLength: 500 })),
          nom: Type.Optional(Type.String({ maxLength: 500 })),
          telephone: Type.Optional(Type.String({ maxLength: 100 })),
          courriel: Type.Optional(Type.String({ maxLength: 500 })),
          consentement: Type.Optional(Type.String({ maxLength: 5 })),
          depuis: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const body = request.body as Partial<Record<keyof RegistrationInput | "depuis", string>>;
      const input: RegistrationInput = {
        prenom: body.prenom ?? "",
        nom: body.nom ?? "",
        telephone: body.telephone ?? "",
        courriel: body.courriel ?? "",
        consentement: body.consentement === "1",
      };
      const fromSelfDiagnostic = body.depuis === SELF_DIAGNOSTIC;
      const checked = validateRegistration(input);
      if (checked.ok) {
        const outcome = await register(registration, id, checked.value, null, fromSelfDiagnostic ? "self_diagnostic" : null);
        if (outcome.kind === "done") return reply.redirect(personalRedirect(outcome.token, "new"), 303);
        if (outcome.kind === "not_found") throw new HttpError("not_found", "Cet atelier n'existe pas ou n'est pas ouvert au public.");
      }
      const found = await publicWorkshop(deps, id);
      if (!found) throw new HttpError("not_found", "Cet atelier n'existe pas ou n'est pas ouvert au public.");
      const errors = checked.ok ? {} : checked.errors;
      return sendHtml(reply, WorkshopPage({ ctx: pageContext(request, reply), model: { ...found, form: input, errors, fromSelfDiagnostic } }), checked.ok ? 409 : 400);
    },
  );

  app.get(
    "/gestion/ateliers/:id/presences",
    { schema: { hide: true, params: IdParams, querystring: Type.Object({ enregistre: Type.Optional(Type.String({ maxLength: 2 })) }) } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const sheet = await attendanceSheet(deps, viewer, (request.params as { id: string }).id);
      if (sheet.kind === "not_found") throw new HttpError("not_found", "Cet atelier n'existe pas.");
      if (sheet.kind === "forbidden") throw new HttpError("forbidden", "Seuls l'animateur de l'atelier et les responsables de sa structure notent les présences.");
      const saved = (request.query as { enregistre?: string }).enregistre === "1";
      const report = await reportButton(
        deps.db,
        { workshopId: sheet.workshop.id },
        { own: sheet.workshop.advisor_user_id === viewer.userId, startsAt: sheet.workshop.starts_at, cancelled: sheet.workshop.cancelled_at !== null, now: deps.now() },
      );
      return sendHtml(reply, AttendancePage({ ctx: pageContext(request, reply), model: { workshop: sheet.workshop, people: sheet.people, saved, report } }));
    },
  );

  app.post("/gestion/ateliers/:id/presences", { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const id = (request.params as { id: string }).id;
    const outcome = await saveAttendance(deps, viewer, id, (request.body ?? {}) as Record<string, unknown>);
    if (outcome === "not_found") throw new HttpError("not_found", "Cet atelier n'existe pas.");
    if (outcome === "forbidden") throw new HttpError("forbidden", "Seuls l'animateur de l'atelier et les responsables de sa structure notent les présences.");
    return reply.redirect(`/gestion/ateliers/${id}/presences?enregistre=1`, 303);
  });

  await app.register(workshopAdminRoutes, deps);
}
