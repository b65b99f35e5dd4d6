// /orientations: referrals. The lists (received, sent, all), the referral form, one referral with the
// receiving side's answers, and the printable slip. Who sees what is in referrals.policy.ts: a referral
// outside the viewer's scope answers 404 whatever its id; an action that is not the viewer's answers 403.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { isUuid } from "../agenda/agenda.service.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { toParis } from "../calendar/paris-time.ts";
import { qrCodeSvg } from "../places/page/qr-code.ts";
import { BLANK_REFERRAL, type ReferralFormValues, readReferralForm } from "./referral-form.ts";
import { ReferralFormPage } from "./referral-form.views.tsx";
import { ReferralListPage } from "./referral-list.views.tsx";
import { ReferralPage, type ReferralPageModel } from "./referral-page.views.tsx";
import { ReferralSlipPage } from "./referral-slip.views.tsx";
import { referralStatistics } from "./referral-statistics.repository.ts";
import { referralApiRoutes } from "./referrals.api.ts";
import { canRefer, canUseReferrals, isNetworkReader, memberStructureIds, type ReferralActor, referralScope, referringStructureIds, seesPerson, sideOn } from "./referrals.policy.ts";
import { findReferral, listReferralEvents, listReferrals, type ReferralDetail } from "./referrals.repository.ts";
import { answerReferral, createReferral, formPlaces, originOf, type ReferralsDeps, referralActor } from "./referrals.service.ts";
import { canBook, receiverActions, statusFromCode } from "./referrals.ts";

const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 5_000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 40 })]));
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const NOTICES: Record<string, string> = { envoyee: "L'orientation est envoyée : la structure qui la reçoit est prévenue par courriel.", statut: "L'orientation est mise à jour." };

export function referralsDeps(deps: BookingFeatureDeps): ReferralsDeps {
  return { db: deps.db, now: deps.now, afterCommit: deps.afterCommit, departement: deps.config.departement.code, notify: { brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl } };
}

function actorOf(request: FastifyRequest): ReferralActor {
  const actor = referralActor(requireViewer(request));
  if (!canUseReferrals(actor)) throw new HttpError("forbidden", "Les orientations concernent les partenaires et les structures du réseau.");
  return actor;
}

function personAccess(r: ReferralDetail) {
  return { source: r.source, fromStructureId: r.from_structure_id, targetStructureId: r.target_structure_id, createdByUserId: r.created_by_user_id };
}

async function requireReferral(deps: ReferralsDeps, actor: ReferralActor, id: string): Promise<ReferralDetail> {
  const found = isUuid(id) ? await findReferral(deps.db, id, referralScope(actor)) : undefined;
  if (!found) throw new HttpError("not_found", "Cette orientation n'existe pas ou ne vous concerne pas.");
  return found;
}

export async function referralsRoutes(app: FastifyInstance, bookingDeps: BookingFeatureDeps): Promise<void> {
  const deps = referralsDeps(bookingDeps);

  app.get("/orientations", { schema: { hide: true, querystring: Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const scope = referralScope(actor);
    const member = memberStructureIds(actor);
    const refers = referringStructureIds(actor).length > 0;
    const model = {
      canRefer: canRefer(actor),
      // A partner also receives advisors' referrals, and the network's structures send some to partners.
      received: member.length > 0 ? await listReferrals(deps.db, { all: false, fromStructureIds: [], targetStructureIds: member }, { side: "received", statuses: null }) : null,
      sent: member.length > 0 ? await listReferrals(deps.db, { all: false, fromStructureIds: member, targetStructureIds: [] }, { side: "sent", statuses: null }) : null,
      all: isNetworkReader(actor) && scope.all ? await listReferrals(deps.db, scope, { side: "all", statuses: null }) : null,
      notice: NOTICES[(request.query as { message?: string }).message ?? ""] ?? null,
      showsPerson: (r: ReferralDetail) => seesPerson(actor, personAccess(r)),
      // A partner's own figures: every referral it sent, to this day.
      figures: refers
        ? await referralStatistics(deps.db, { all: false, fromStructureIds: referringStructureIds(actor), targetStructureIds: [] }, { from: "2000-01-01", to: toParis(deps.now()).date })
        : null,
    };
    return sendHtml(reply, ReferralListPage({ ctx: pageContext(request, reply), model }));
  });

  async function renderForm(request: FastifyRequest, reply: FastifyReply, actor: ReferralActor, values: ReferralFormValues, errors: Record<string, string>) {
    const fromId = referringStructureIds(actor)[0] as string;
    const from = await deps.db.selectFrom("structures").select("name").where("id", "=", fromId).executeTakeFirstOrThrow();
    const model = { fromName: from.name, places: await formPlaces(deps), values, errors };
    return sendHtml(reply, ReferralFormPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  function referrer(request: FastifyRequest): ReferralActor {
    const actor = actorOf(request);
    if (!canRefer(actor)) throw new HttpError("forbidden", "Seuls les agents des partenaires orientent des personnes depuis cette page.");
    return actor;
  }

  app.get("/orientations/nouvelle", { schema: { hide: true } }, async (request, reply) => {
    const actor = referrer(request);
    return renderForm(request, reply, actor, BLANK_REFERRAL, {});
  });

  app.post("/orientations/nouvelle", { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const actor = referrer(request);
    const values = readReferralForm(request.body as Record<string, unknown>);
    const origin = originOf(actor);
    if (origin === null) throw new HttpError("forbidden");
    const result = await createReferral(deps, origin, values, await formPlaces(deps));
    if (!result.ok) return renderForm(request, reply, actor, values, result.errors);
    return reply.redirect(`/orientations/${result.id}?message=envoyee`, 303);
  });

  async function renderPage(request: FastifyRequest, reply: FastifyReply, actor: ReferralActor, r: ReferralDetail, extra: Partial<ReferralPageModel> = {}) {
    const side = sideOn(actor, { fromStructureId: r.from_structure_id, targetStructureId: r.target_structure_id });
    const showPerson = seesPerson(actor, personAccess(r));
    if (showPerson && r.anonymised_at === null) {
      await recordAudit(deps.db, { at: deps.now(), actorUserId: actor.userId, action: "referral.viewed", subjectType: "referral", subjectId: r.id });
    }
    const consentBy = r.consent_by_user_id ? await deps.db.selectFrom("users").select(["first_name", "last_name"]).where("id", "=", r.consent_by_user_id).executeTakeFirst() : undefined;
    const model: ReferralPageModel = {
      referral: r,
      side,
      showPerson,
      events: await listReferralEvents(deps.db, r.id),
      actions: side === "receiver" ? receiverActions(r.status, r.source) : [],
      bookHref: side === "receiver" && canBook(r.status, r.source) && r.target_place_id ? `/gestion/rendez-vous/nouveau?lieu=${r.target_place_id}&orientation=${r.id}${r.themes.map((t) => `&besoin=${t}`).join("")}` : null,
      consentByName: consentBy ? `${consentBy.first_name} ${consentBy.last_name}` : null,
      errors: {},
      values: { motif: "" },
      notice: null,
      ...extra,
    };
    return sendHtml(reply, ReferralPage({ ctx: pageContext(request, reply), model }), Object.keys(model.errors).length > 0 ? 400 : 200);
  }

  app.get("/orientations/:id", { schema: { hide: true, params: ID_PARAMS, querystring: Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await requireReferral(deps, actor, (request.params as { id: string }).id);
    return renderPage(request, reply, actor, found, { notice: NOTICES[(request.query as { message?: string }).message ?? ""] ?? null });
  });

  app.post("/orientations/:id/statut", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await requireReferral(deps, actor, (request.params as { id: string }).id);
    if (sideOn(actor, { fromStructureId: found.from_structure_id, targetStructureId: found.target_structure_id }) !== "receiver") {
      throw new HttpError("forbidden", "Seule la structure qui reçoit l'orientation y répond.");
    }
    const body = request.body as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string).trim() : "");
    const to = statusFromCode(field("statut"));
    const motif = field("motif");
    const result = to !== null && receiverActions(found.status, found.source).includes(to) ? await answerReferral(deps, actor, found, to, motif) : { ok: false as const, error: "Choisissez une action de la page." };
    if (!result.ok) {
      const key = to === "declined" || to === "redirected" ? "motif" : "actions";
      return renderPage(request, reply, actor, found, { errors: { [key]: result.error }, values: { motif } });
    }
    return reply.redirect(`/orientations/${found.id}?message=statut`, 303);
  });

  app.get("/orientations/:id/fiche", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const actor = actorOf(request);
    const found = await requireReferral(deps, actor, (request.params as { id: string }).id);
    // A referral to a partner has no place nor appointment: nothing for the person to carry.
    if (found.source === "advisor") throw new HttpError("not_found", "Une orientation vers un partenaire n'a pas de fiche : la structure partenaire contacte la personne.");
    if (sideOn(actor, { fromStructureId: found.from_structure_id, targetStructureId: found.target_structure_id }) === "reader") {
      throw new HttpError("forbidden", "La fiche d'orientation est pour la personne orientée.");
    }
    const placeUrl = found.place_slug ? `${bookingDeps.config.publicUrl.replace(/\/$/, "")}/lieux/${found.place_slug}` : null;
    const qr = placeUrl ? await qrCodeSvg(placeUrl, `Code QR : page du lieu ${found.place_name ?? ""}`) : null;
    return sendHtml(reply, ReferralSlipPage({ ctx: pageContext(request, reply), referral: found, placeUrl, qr }));
  });

  await app.register(referralApiRoutes, deps);
}
