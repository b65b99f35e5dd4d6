// GET /api/v1/demandes: the commune requests of the network, newest first, walked with an opaque cursor.
// Authenticated by an API token with the « demandes » scope (tokens are created by admins). The contact
// person's name, e-mail and phone and the thread's messages are left out: a system that needs to write to
// the commune uses the request's page.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { type FieldError, HttpError } from "../../web/errors.ts";
import { requireApiScope } from "../api-tokens/api-auth.ts";
import { isCalendarDate } from "../calendar/calendar-date.ts";
import { type ApiFilter, type ApiRequestRow, requestBatch } from "./requests.repository.ts";
import type { RequestsDeps } from "./requests.service.ts";
import { CHANNEL_CODES, REQUEST_KINDS, REQUEST_RHYTHMS, REQUEST_STATUSES, type RequestKind, statusFromCode } from "./requests.ts";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;
const documentationOnly = () => (data: unknown) => ({ value: data });

export function encodeCursor(number: number): string {
  return Buffer.from(JSON.stringify([number])).toString("base64url");
}

export function decodeCursor(text: string): number | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 1 || !Number.isSafeInteger(value[0]) || (value[0] as number) < 1) return null;
    return value[0] as number;
  } catch {
    return null;
  }
}

const KIND_BY_CODE = new Map(Object.entries(REQUEST_KINDS).map(([kind, k]) => [k.code as string, kind as RequestKind]));

function one(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  return typeof value === "string" ? value.trim() : Array.isArray(value) ? String(value.at(-1) ?? "").trim() : "";
}

export function parseApiQuery(query: Record<string, unknown>): { filter: ApiFilter; limit: number; cursor: number | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const statut = one(query, "statut");
  const status = statut === "" ? null : statusFromCode(statut);
  if (statut !== "" && status === null) errors.push({ field: "statut", message: "« statut » vaut nouvelle, en-etude, acceptee, refusee ou cloturee." });
  const type = one(query, "type");
  const kind = type === "" ? null : (KIND_BY_CODE.get(type) ?? null);
  if (type !== "" && kind === null) errors.push({ field: "type", message: "« type » vaut permanence, intervention, ateliers ou public-particulier." });
  const commune = one(query, "commune");
  if (commune !== "" && !/^(\d{5}|2[AB]\d{3})$/.test(commune)) errors.push({ field: "commune", message: "« commune » est un code INSEE de 5 caractères, par exemple 47195." });
  const dates: Record<"du" | "au", string | null> = { du: null, au: null };
  for (const name of ["du", "au"] as const) {
    const text = one(query, name);
    if (text !== "" && !isCalendarDate(text)) errors.push({ field: name, message: `« ${name} » est une date AAAA-MM-JJ, par exemple 2026-11-01.` });
    else if (text !== "") dates[name] = text;
  }
  if (dates.du !== null && dates.au !== null && dates.au < dates.du) errors.push({ field: "au", message: "« au » doit suivre « du »." });
  const rawLimit = one(query, "limite");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== "") {
    if (/^\d{1,4}$/.test(rawLimit) && Number(rawLimit) >= 1 && Number(rawLimit) <= MAX_LIMIT) limit = Number(rawLimit);
    else errors.push({ field: "limite", message: `« limite » doit être un nombre entier de 1 à ${MAX_LIMIT}.` });
  }
  const rawCursor = one(query, "curseur");
  const cursor = rawCursor === "" ? null : decodeCursor(rawCursor);
  if (rawCursor !== "" && cursor === null) errors.push({ field: "curseur", message: "Ce curseur n'est pas valide : reprenez la valeur « suivant » d'une réponse." });
  return { filter: { status, kind, communeCode: commune === "" ? null : commune, from: dates.du, to: dates.au }, limit, cursor, errors };
}

export function apiJson(r: ApiRequestRow) {
  return {
    id: r.id,
    numero: r.number,
    type: REQUEST_KINDS[r.kind].code,
    statut: REQUEST_STATUSES[r.status].code,
    commune: { code_insee: r.commune_code, nom: r.commune_name },
    structure_id: r.structure_id,
    lieu: r.place_id === null ? null : { id: r.place_id, nom: r.place_name },
    adresse: r.address,
    jours: r.weekdays,
    heure_debut: r.start_time,
    heure_fin: r.end_time,
    rythme: r.rhythm === null ? null : REQUEST_RHYTHMS[r.rhythm].code,
    date_souhaitee: r.start_date,
    publics: r.publics,
    precisions_public: r.public_details,
    personnes_attendues: r.expected_people,
    description: r.details,
    canal: CHANNEL_CODES[r.channel],
    deposee_le: r.created_at.toISOString(),
    statut_change_le: r.status_changed_at.toISOString(),
    premiere_reponse_le: r.answered_at?.toISOString() ?? null,
    decidee_le: r.decided_at?.toISOString() ?? null,
    motif_refus: r.decision_reason,
    reponse: { permanence_id: r.permanence_id, atelier_id: r.workshop_id, ateliers_reguliers_id: r.workshop_series_id },
  };
}

const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = (description: string) => Type.String({ format: "date-time", description });
const Uuid = () => Type.String({ format: "uuid" });

const RequestSchema = Type.Object({
  id: Uuid(),
  numero: Type.Integer({ description: "Numéro de la demande, celui que la commune cite (« demande n° 12 »)" }),
  type: Type.String({ enum: Object.values(REQUEST_KINDS).map((k) => k.code) }),
  statut: Type.String({ enum: Object.values(REQUEST_STATUSES).map((s) => s.code) }),
  commune: Type.Object({ code_insee: Type.String(), nom: Type.String() }),
  structure_id: Nullable(Uuid()),
  lieu: Type.Union([Type.Object({ id: Uuid(), nom: Nullable(Type.String()) }), Type.Null()]),
  adresse: Nullable(Type.String()),
  jours: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { description: "Jours souhaités, 1 = lundi … 7 = dimanche" }),
  heure_debut: Nullable(Type.String({ description: "HH:MM, heure de Paris" })),
  heure_fin: Nullable(Type.String({ description: "HH:MM, heure de Paris" })),
  rythme: Type.Union([Type.String({ enum: Object.values(REQUEST_RHYTHMS).map((r) => r.code) }), Type.Null()]),
  date_souhaitee: Nullable(Type.String({ format: "date" })),
  publics: Type.Array(Type.String(), { description: "Codes des publics du standard national (jeunes, seniors…)" }),
  precisions_public: Nullable(Type.String()),
  personnes_attendues: Nullable(Type.Integer()),
  description: Type.String(),
  canal: Type.String({ enum: Object.values(CHANNEL_CODES) }),
  deposee_le: Instant("Date de dépôt"),
  statut_change_le: Instant("Dernier changement de statut"),
  premiere_reponse_le: Type.Union([Instant("Première réponse de la coordination"), Type.Null()]),
  decidee_le: Type.Union([Instant("Acceptation ou refus"), Type.Null()]),
  motif_refus: Nullable(Type.String()),
  reponse: Type.Object({ permanence_id: Nullable(Uuid()), atelier_id: Nullable(Uuid()), ateliers_reguliers_id: Nullable(Uuid()) }),
});

export async function requestApiRoutes(app: FastifyInstance, deps: RequestsDeps): Promise<void> {
  app.get(
    "/api/v1/demandes",
    {
      schema: {
        summary: "Demandes des communes au réseau (permanence, intervention, ateliers, public particulier)",
        security: [{ jeton: [] }],
        description:
          "De la plus récente à la plus ancienne. Authentification : en-tête Authorization: Bearer <jeton> d'un jeton d'API ayant la portée « demandes » " +
          "(401 invalid_token sans jeton valide, 403 insufficient_scope sans la portée). Pour la page suivante, renvoyez la valeur « suivant » dans " +
          "« curseur » avec les mêmes filtres ; « suivant » vaut null à la fin. Un paramètre incorrect donne une réponse 400 (application/problem+json) " +
          "dont le tableau errors nomme chaque paramètre en cause. Les coordonnées de la personne à contacter et les messages échangés n'y figurent pas.",
        tags: ["demandes"],
        querystring: Type.Object({
          statut: Type.Optional(Type.String({ enum: Object.values(REQUEST_STATUSES).map((s) => s.code) })),
          type: Type.Optional(Type.String({ enum: Object.values(REQUEST_KINDS).map((k) => k.code) })),
          commune: Type.Optional(Type.String({ description: "Code INSEE de la commune, par exemple 47195" })),
          du: Type.Optional(Type.String({ format: "date", description: "Déposées à partir de ce jour (AAAA-MM-JJ, heure de Paris)" })),
          au: Type.Optional(Type.String({ format: "date", description: "Déposées jusqu'à ce jour inclus" })),
          curseur: Type.Optional(Type.String({ description: "Valeur « suivant » de la réponse précédente" })),
          limite: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
        }),
        response: { 200: Type.Object({ demandes: Type.Array(RequestSchema), suivant: Type.Union([Type.String(), Type.Null()]) }) },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      await requireApiScope(deps.db, request, reply, "demandes", deps.now());
      const parsed = parseApiQuery(request.query as Record<string, unknown>);
      if (parsed.errors.length > 0) throw new HttpError("validation_failed", "Certains paramètres sont incorrects.", parsed.errors);
      // One more row than asked tells whether another page exists.
      const rows = await requestBatch(deps.db, parsed.filter, parsed.cursor, parsed.limit + 1);
      const page = rows.slice(0, parsed.limit);
      const last = page.at(-1);
      reply.header("cache-control", "private, no-store");
      return { demandes: page.map(apiJson), suivant: rows.length > parsed.limit && last !== undefined ? encodeCursor(last.number) : null };
    },
  );
}
