// The booking JSON API: GET /api/v1/creneaux and POST /api/v1/rendez-vous, with the same rules as the pages.
import type { FastifyInstance, FastifyReply } from "fastify";
import { Type } from "typebox";
import { HttpError, problem } from "../../web/errors.ts";
import { isCalendarDate } from "../calendar/calendar-date.ts";
import { daysBetween } from "../calendar/paris-time.ts";
import { hashIp } from "../places/page/place-reports.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import { findBookingPlace } from "./booking.repository.ts";
import { book, type GoneReason, kindsOf, listSlots, type SlotView } from "./booking.service.ts";
import { BOOKING_THROTTLED_MESSAGE } from "./booking.ts";
import { asText, checkDetails, type DetailsInput, type FieldProblem } from "./booking-details.ts";

export const MAX_RANGE_DAYS = 31;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const documentationOnly = () => (data: unknown) => ({ value: data });

const SlotSchema = Type.Object({
  id: Type.String({ description: "Identifiant du créneau, à renvoyer tel quel pour réserver" }),
  debut: Type.String({ format: "date-time" }),
  fin: Type.String({ format: "date-time" }),
  lieu: Type.Object({ id: Type.String(), nom: Type.String() }),
  conseiller: Type.String({ description: "Prénom du conseiller ou de la conseillère" }),
  motif: Type.Object({ id: Type.String(), nom: Type.String(), duree_minutes: Type.Integer(), modalite: Type.String() }),
});

export function slotJson(s: SlotView) {
  return {
    id: s.id,
    debut: s.start.toISOString(),
    fin: s.end.toISOString(),
    lieu: { id: s.placeId, nom: s.placeName },
    conseiller: s.advisorFirstName,
    motif: { id: s.kind.id, nom: s.kind.name, duree_minutes: s.kind.durationMinutes, modalite: s.kind.location },
  };
}


export function parseSlotQuery(query: Record<string, unknown>): { ok: true; placeId: string; from: string; to: string; kindId: string | null } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const placeId = asText(query.lieu);
  const from = asText(query.du);
  const to = asText(query.au);
  const kindId = asText(query.motif);
  if (!UUID.test(placeId)) errors.push({ field: "lieu", message: "Indiquez l'identifiant du lieu (lieu=…)." });
  if (!isCalendarDate(from)) errors.push({ field: "du", message: "Indiquez la première date au format AAAA-MM-JJ (du=…)." });
  if (!isCalendarDate(to)) errors.push({ field: "au", message: "Indiquez la dernière date au format AAAA-MM-JJ (au=…)." });
  else if (isCalendarDate(from) && to < from) errors.push({ field: "au", message: "La date « au » doit suivre la date « du »." });
  else if (isCalendarDate(from) && daysBetween(from, to) >= MAX_RANGE_DAYS) {
    errors.push({ field: "au", message: `La période demandée doit faire au plus ${MAX_RANGE_DAYS} jours.` });
  }
  if (kindId !== "" && !UUID.test(kindId)) errors.push({ field: "motif", message: "Ce motif n'existe pas." });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, placeId, from, to, kindId: kindId === "" ? null : kindId };
}

/** The API body as the form's typed input; wrong types become field errors. */
export function parseBookingBody(body: unknown): { slotId: string; input: DetailsInput; errors: FieldProblem[] } {
  const b = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const errors: FieldProblem[] = [];
  const text = (field: string): string => {
    const v = b[field];
    if (v === undefined || v === null) return "";
    if (typeof v === "number" && field === "annee_naissance") return String(v);
    if (typeof v === "string") return v;
    errors.push({ field, message: "Cette valeur doit être un texte." });
    return "";
  };
  const slotId = text("creneau");
  if (slotId === "") errors.push({ field: "creneau", message: "Indiquez le créneau choisi (son identifiant)." });
  const input: DetailsInput = {
    prenom: text("prenom"),
    nom: text("nom"),
    telephone: text("telephone"),
    courriel: text("courriel"),
    annee_naissance: text("annee_naissance"),
    commune: text("commune"),
    besoins: text("besoins"),
    accompagne: b.accompagne === true,
    consentement: b.consentement === true,
  };
  return { slotId, input, errors };
}

const GONE = {
  taken: problem("slot_taken", "Ce créneau vient d'être réservé. Voici les prochains créneaux libres."),
  unavailable: problem("slot_unavailable", "Ce créneau n'est plus disponible (passé, trop proche ou plus proposé). Voici les prochains créneaux libres."),
};

function sendGone(reply: FastifyReply, reason: GoneReason, next: SlotView[]) {
  return reply.code(409).type("application/problem+json").send({ ...GONE[reason], creneaux: next.map(slotJson) });
}

export async function bookingApiRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  app.get(
    "/api/v1/creneaux",
    {
      schema: {
        summary: "Créneaux libres d'un lieu, du plus proche au plus lointain",
        description: `Créneaux réservables en ligne d'un lieu entre deux dates (au plus ${MAX_RANGE_DAYS} jours). Un paramètre incorrect donne une réponse 400 (application/problem+json) dont le tableau errors nomme chaque paramètre en cause.`,
        tags: ["rendez-vous"],
        querystring: Type.Object({
          lieu: Type.String({ description: "Identifiant du lieu" }),
          du: Type.String({ format: "date" }),
          au: Type.String({ format: "date" }),
          motif: Type.Optional(Type.String({ description: "Identifiant d'un motif de rendez-vous" })),
        }),
        response: { 200: Type.Object({ creneaux: Type.Array(SlotSchema) }) },
      },
      validatorCompiler: documentationOnly,
    },
    async (request) => {
      const parsed = parseSlotQuery(request.query as Record<string, unknown>);
      if (!parsed.ok) throw new HttpError("validation_failed", "Certains paramètres sont incorrects.", parsed.errors);
      const place = await findBookingPlace(deps.db, { id: parsed.placeId });
      if (place === null || !place.isPublic) throw new HttpError("not_found", "Ce lieu n'existe pas.");
      let kinds = await kindsOf(deps, place, "public");
      if (parsed.kindId !== null) {
        kinds = kinds.filter((k) => k.id === parsed.kindId);
        if (kinds.length === 0) throw new HttpError("validation_failed", "Ce motif n'est pas proposé dans ce lieu.", [{ field: "motif", message: "Ce motif n'est pas proposé dans ce lieu." }]);
      }
      const slots = await listSlots(deps, place, kinds, parsed.from, parsed.to);
      return { creneaux: slots.map(slotJson) };
    },
  );

  app.post(
    "/api/v1/rendez-vous",
    {
      schema: {
        summary: "Réserver un créneau",
        description:
          "Réserve un créneau renvoyé par GET /api/v1/creneaux. Il faut un téléphone ou un courriel, et consentement: true. " +
          "Réponses : 201 avec le rendez-vous et son lien personnel de gestion ; 409 avec les prochains créneaux libres, code slot_taken si quelqu'un vient de le prendre ou slot_unavailable s'il n'est plus proposé (passé, trop proche, absence) ; " +
          "400 avec les champs en cause ; 503 avec Retry-After si trop de réservations arrivent au même instant (réessayez après ce délai).",
        tags: ["rendez-vous"],
        body: Type.Object({
          creneau: Type.String(),
          prenom: Type.String(),
          nom: Type.String({ description: "Nom, ou son initiale" }),
          telephone: Type.Optional(Type.String()),
          courriel: Type.Optional(Type.String()),
          consentement: Type.Literal(true),
          annee_naissance: Type.Optional(Type.Integer()),
          commune: Type.Optional(Type.String({ description: "Nom ou code postal d'une commune du département" })),
          accompagne: Type.Optional(Type.Boolean({ description: "La personne viendra accompagnée" })),
          besoins: Type.Optional(Type.String({ description: "Besoins particuliers" })),
        }),
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      const { slotId, input, errors } = parseBookingBody(request.body);
      const checked = checkDetails(input, deps.now());
      const all = [...errors, ...(checked.ok ? [] : checked.errors)];
      if (all.length > 0 || !checked.ok) throw new HttpError("validation_failed", "Certaines informations sont incorrectes.", all);
      const clientIpHash = hashIp(request.ip, deps.secret);
      const outcome = await book(deps, { slotId, details: checked.details, themes: [], via: "api", bookedByUserId: null, clientIpHash });
      if (outcome.kind === "throttled") throw new HttpError("rate_limited", BOOKING_THROTTLED_MESSAGE);
      if (outcome.kind === "invalid") throw new HttpError("validation_failed", "Certaines informations sont incorrectes.", outcome.errors);
      if (outcome.kind === "taken") return sendGone(reply, outcome.reason, outcome.next);
      const a = outcome.appointment;
      return reply.code(201).send({ ...slotJson(a.slot), id: a.id, creneau: a.slot.id, statut: "planned", lien_gestion: a.manageUrl });
    },
  );
}
