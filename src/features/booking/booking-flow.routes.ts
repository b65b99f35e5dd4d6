// The booking steps as plain GET pages and one POST, registered twice: for the public under
// /lieux/<slug>/rendez-vous and for staff under /gestion/rendez-vous/nouveau. No JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fieldErrorsFrom } from "../../web/components.tsx";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { addDays, mondayOf, toParis } from "../calendar/paris-time.ts";
import { hashIp } from "../places/page/place-reports.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import { type BookingRequest, book, kindsOf, listSlots, lookUpSlot, type SlotView } from "./booking.service.ts";
import type { AppointmentKindRow } from "./booking.table.ts";
import { addMonths, BOOKING_THROTTLED_MESSAGE } from "./booking.ts";
import { KindPage, NeedPage, NoBookingPage } from "./booking.views.tsx";
import { asList, asText, checkDetails, type DetailsInput, EMPTY_DETAILS, pickThemes } from "./booking-details.ts";
import { DetailsPage } from "./booking-details.views.tsx";
import { buildWeek, type Flow, flowHref, parseWeek } from "./booking-flow.ts";
import { SlotsPage, TakenPage } from "./booking-slots.views.tsx";

type Params = Record<string, unknown>;

export interface FlowSetup {
  prefix: string;
  /** The flow of this request, or null on the first step when no place is chosen yet (see landing). */
  resolve(request: FastifyRequest, params: Params): Promise<Flow | null>;
  landing?(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  /** The person's details already known (a referral booked on their behalf), to fill the last step. */
  prefill?(request: FastifyRequest, params: Params): Promise<Partial<DetailsInput> | null>;
  /** What else the booking's transaction does once the appointment exists. */
  onBooked?(request: FastifyRequest, params: Params): BookingRequest["onBooked"];
}

function detailsFrom(body: Params): DetailsInput {
  const text = (name: keyof DetailsInput) => asText(body[name]);
  return {
    prenom: text("prenom"),
    nom: text("nom"),
    telephone: text("telephone"),
    courriel: text("courriel"),
    annee_naissance: text("annee_naissance"),
    commune: text("commune"),
    besoins: text("besoins"),
    accompagne: asText(body.accompagne) === "oui",
    consentement: asText(body.consentement) === "oui",
  };
}

export function registerBookingFlow(app: FastifyInstance, deps: BookingFeatureDeps, setup: FlowSetup): void {
  const audienceOf = (flow: Flow): "staff" | "public" => (flow.staff ? "staff" : "public");
  const requireFlow = async (request: FastifyRequest, params: Params): Promise<Flow> => {
    const flow = await setup.resolve(request, params);
    if (flow === null) throw new HttpError("not_found", "Choisissez d'abord un lieu.");
    return flow;
  };
  const noBooking = (request: FastifyRequest, reply: FastifyReply, flow: Flow) => sendHtml(reply, NoBookingPage({ ctx: pageContext(request, reply), flow }));

  app.get(setup.prefix, { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Params;
    const flow = await setup.resolve(request, query);
    if (flow === null) {
      if (setup.landing) return setup.landing(request, reply);
      throw new HttpError("not_found");
    }
    const kinds = await kindsOf(deps, flow.place, audienceOf(flow));
    if (kinds.length === 0) return noBooking(request, reply, flow);
    return sendHtml(reply, NeedPage({ ctx: pageContext(request, reply), flow, themes: pickThemes(asList(query.besoin)) }));
  });

  app.get(`${setup.prefix}/motif`, { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Params;
    const flow = await requireFlow(request, query);
    const themes = pickThemes(asList(query.besoin));
    const kinds = await kindsOf(deps, flow.place, audienceOf(flow));
    if (kinds.length === 0) return noBooking(request, reply, flow);
    if (kinds.length === 1) return reply.redirect(flowHref(flow, "creneaux", { motif: kinds[0]!.id, besoin: themes }), 303);
    return sendHtml(reply, KindPage({ ctx: pageContext(request, reply), flow, kinds, themes, errors: {} }));
  });

  app.get(`${setup.prefix}/creneaux`, { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Params;
    const flow = await requireFlow(request, query);
    const themes = pickThemes(asList(query.besoin));
    const kinds = await kindsOf(deps, flow.place, audienceOf(flow));
    if (kinds.length === 0) return noBooking(request, reply, flow);
    const kind: AppointmentKindRow | undefined = kinds.length === 1 ? kinds[0] : kinds.find((k) => k.id === asText(query.motif));
    if (kind === undefined) {
      const errors = { motif: "Choisissez le type de rendez-vous." };
      return sendHtml(reply, KindPage({ ctx: pageContext(request, reply), flow, kinds, themes, errors }), 400);
    }
    const today = toParis(deps.now()).date;
    const lastDate = addMonths(today, kind.latest_months);
    let monday = parseWeek(asText(query.semaine));
    let slots: SlotView[];
    if (monday === null || monday > lastDate) {
      // Without a chosen week: the week of the earliest free slot.
      slots = await listSlots(deps, flow.place, [kind], today, lastDate);
      monday = mondayOf(slots[0] ? toParis(slots[0].start).date : today);
    } else {
      if (addDays(monday, 6) < today) monday = mondayOf(today);
      slots = await listSlots(deps, flow.place, [kind], monday, addDays(monday, 6));
    }
    const week = buildWeek(monday, slots, today, lastDate);
    return sendHtml(reply, SlotsPage({ ctx: pageContext(request, reply), flow, kind, kindCount: kinds.length, themes, week }));
  });

  const showDetails = async (request: FastifyRequest, reply: FastifyReply, flow: Flow, params: Params, input: DetailsInput, errors: Record<string, string>) => {
    const themes = pickThemes(asList(params.besoin));
    const found = await lookUpSlot(deps, asText(params.creneau), audienceOf(flow), flow.place.id);
    if (found.kind === "unknown") throw new HttpError("not_found", "Ce créneau n'existe pas ou n'est plus proposé.");
    if (found.kind === "taken") {
      return sendHtml(reply, TakenPage({ ctx: pageContext(request, reply), flow, reason: found.reason, kindId: found.kindRow.id, next: found.next, themes }), 409);
    }
    const status = Object.keys(errors).length > 0 ? 400 : 200;
    return sendHtml(reply, DetailsPage({ ctx: pageContext(request, reply), flow, slot: found.chosen.slot, themes, input, errors }), status);
  };

  app.get(`${setup.prefix}/coordonnees`, { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Params;
    const flow = await requireFlow(request, query);
    const known = setup.prefill ? await setup.prefill(request, query) : null;
    return showDetails(request, reply, flow, query, { ...EMPTY_DETAILS, ...(known ?? {}) }, {});
  });

  app.post(`${setup.prefix}/coordonnees`, { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Params;
    const flow = await requireFlow(request, body);
    const input = detailsFrom(body);
    const checked = checkDetails(input, deps.now(), flow.place, { staff: flow.staff });
    if (!checked.ok) return showDetails(request, reply, flow, body, input, fieldErrorsFrom(checked.errors));
    const themes = pickThemes(asList(body.besoin));
    const outcome = await book(deps, {
      slotId: asText(body.creneau),
      details: checked.details,
      themes,
      via: flow.staff ? "staff" : "public",
      bookedByUserId: flow.staff ? (request.viewer?.userId ?? null) : null,
      placeId: flow.place.id,
      clientIpHash: flow.staff ? null : hashIp(request.ip, deps.secret),
      onBooked: setup.onBooked?.(request, body),
    });
    if (outcome.kind === "throttled") throw new HttpError("rate_limited", BOOKING_THROTTLED_MESSAGE);
    if (outcome.kind === "booked") return reply.redirect(`/rendez-vous/gerer?jeton=${outcome.appointment.token}&nouveau=1`, 303);
    if (outcome.kind === "invalid") return showDetails(request, reply, flow, body, input, fieldErrorsFrom(outcome.errors));
    return sendHtml(reply, TakenPage({ ctx: pageContext(request, reply), flow, reason: outcome.reason, kindId: outcome.kindId, next: outcome.next, themes }), 409);
  });
}
