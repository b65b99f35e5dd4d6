// GET /api/v1/activites: every report of the network, anonymised (no name, no beneficiary id; a
// pseudonymous key, an HMAC of the id, lets a reader count people without knowing who they are),
// filtered like the list and walked with an opaque cursor. Authenticated by an API token with the
// « activites » scope (tokens are created by admins).
import { createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { type FieldError, HttpError } from "../../../web/errors.ts";
import { requireApiScope } from "../../api-tokens/api-auth.ts";
import type { BookingFeatureDeps } from "../../booking/booking.deps.ts";
import { isCalendarDate } from "../../calendar/calendar-date.ts";
import { parseFilters, readFilterInput } from "./activity-filters.ts";
import { type ExportRow, type Keyset, reportBatch } from "./activity-list.repository.ts";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;
const documentationOnly = () => (data: unknown) => ({ value: data });

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.date, keyset.id])).toString("base64url");
}

export function decodeCursor(text: string): Keyset | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [date, id] = value as unknown[];
    if (typeof date !== "string" || typeof id !== "string") return null;
    if (!isCalendarDate(date) || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { date, id };
  } catch {
    return null;
  }
}

/** The same person gives the same key, and the key cannot be turned back into an id without the secret. */
export function personKey(secret: string, beneficiaryId: string): string {
  return createHmac("sha256", secret).update(`activites:personne:${beneficiaryId}`).digest("base64url").slice(0, 22);
}

export function parseApiQuery(query: Record<string, unknown>) {
  const errors: FieldError[] = [];
  const input = readFilterInput(query);
  if (input.beneficiaire !== "") errors.push({ field: "beneficiaire", message: "L'API est anonymisée : le filtre par personne n'existe pas." });
  input.beneficiaire = "";
  const parsed = parseFilters(input);
  errors.push(...parsed.errors);
  const rawLimit = typeof query.limite === "string" ? query.limite.trim() : "";
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== "") {
    if (/^\d{1,4}$/.test(rawLimit) && Number(rawLimit) >= 1 && Number(rawLimit) <= MAX_LIMIT) limit = Number(rawLimit);
    else errors.push({ field: "limite", message: `« limite » doit être un nombre entier de 1 à ${MAX_LIMIT}.` });
  }
  const rawCursor = typeof query.curseur === "string" ? query.curseur.trim() : "";
  const cursor = rawCursor === "" ? null : decodeCursor(rawCursor);
  if (rawCursor !== "" && cursor === null) errors.push({ field: "curseur", message: "Ce curseur n'est pas valide : reprenez la valeur « suivant » d'une réponse." });
  return { filters: parsed.filters, limit, cursor, errors };
}

export function apiJson(row: ExportRow & { anonymous_participants?: unknown }, secret: string) {
  const individual = row.type === "individuel";
  return {
    id: row.id,
    date: row.date,
    type: row.type,
    lieu: { type: row.place_type, id: row.place_id, code_insee: row.commune_code },
    duree_minutes: row.duration_minutes,
    materiel: row.equipment,
    thematiques: row.themes,
    demarches: row.procedure_areas,
    autonomie: row.autonomy,
    oriente: row.oriented,
    structure_redirection: row.referral_structure,
    beneficiaire: individual
      ? {
          cle: row.beneficiary_id === null ? null : personKey(secret, row.beneficiary_id),
          genre: row.beneficiary_gender,
          tranche_age: row.beneficiary_age_band,
          statut: row.beneficiary_social_status,
          code_insee: row.beneficiary_commune_code,
        }
      : null,
    atelier: individual ? null : { titre: row.title, niveau: row.level, participants: row.participants_total, participants_anonymes: row.anonymous_total },
    conseiller_id: row.advisor_id,
    structure_id: row.structure_id,
  };
}

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = () => Type.String();

const ActivitySchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  date: Type.String({ format: "date", description: "Jour de l'activité (heure de Paris)" }),
  type: Type.String({ enum: ["individuel", "collectif"] }),
  lieu: Type.Object({
    type: Type.String({ enum: ["lieu-activite", "domicile", "a-distance", "autre-lieu"] }),
    id: Nullable(Text()),
    code_insee: Nullable(Text()),
  }),
  duree_minutes: Type.Integer(),
  materiel: Type.Array(Type.String()),
  thematiques: Type.Array(Type.String()),
  demarches: Type.Array(Type.String()),
  autonomie: Nullable(Text()),
  oriente: Type.Union([Type.Boolean(), Type.Null()]),
  structure_redirection: Nullable(Text()),
  beneficiaire: Type.Union([
    Type.Object({
      cle: Type.Union([Type.String({ description: "Clé pseudonyme stable de la personne (empreinte), null si elle est anonyme" }), Type.Null()]),
      genre: Nullable(Text()),
      tranche_age: Nullable(Text()),
      statut: Nullable(Text()),
      code_insee: Type.Union([Type.String({ description: "Commune de résidence" }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  atelier: Type.Union([
    Type.Object({ titre: Nullable(Text()), niveau: Nullable(Text()), participants: Type.Integer(), participants_anonymes: Type.Integer() }),
    Type.Null(),
  ]),
  conseiller_id: Type.String({ format: "uuid" }),
  structure_id: Type.String({ format: "uuid" }),
});

export async function activityApiRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  app.get(
    "/api/v1/activites",
    {
      schema: {
        summary: "Comptes rendus d'activité du réseau, anonymisés",
        security: [{ jeton: [] }],
        description:
          "Du plus récent au plus ancien. Authentification : en-tête Authorization: Bearer <jeton> d'un jeton d'API ayant la portée « activites » " +
          "(401 invalid_token sans jeton valide, 403 insufficient_scope sans la portée). Pour la page suivante, renvoyez la valeur « suivant » " +
          "dans « curseur » avec les mêmes filtres ; « suivant » vaut null à la fin. Un paramètre incorrect donne une réponse 400 " +
          "(application/problem+json) dont le tableau errors nomme chaque paramètre en cause. Les codes sont ceux de la taxonomie nationale.",
        tags: ["activites"],
        querystring: Type.Object({
          du: Type.Optional(Type.String({ format: "date", description: "Premier jour inclus (AAAA-MM-JJ)" })),
          au: Type.Optional(Type.String({ format: "date", description: "Dernier jour inclus (AAAA-MM-JJ)" })),
          type: Type.Optional(Type.String({ enum: ["individuel", "collectif"] })),
          thematique: Type.Optional(Type.String({ description: "Code d'une thématique, par exemple aide-demarches" })),
          lieu: Type.Optional(Type.String({ format: "uuid", description: "Identifiant d'un lieu" })),
          structure: Type.Optional(Type.String({ format: "uuid", description: "Identifiant de la structure employeuse" })),
          conseiller: Type.Optional(Type.String({ format: "uuid", description: "Identifiant du conseiller" })),
          curseur: Type.Optional(Type.String({ description: "Valeur « suivant » de la réponse précédente" })),
          limite: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })),
        }),
        response: { 200: Type.Object({ activites: Type.Array(ActivitySchema), suivant: Type.Union([Type.String(), Type.Null()]) }) },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      await requireApiScope(deps.db, request, reply, "activites", deps.now());
      const parsed = parseApiQuery(request.query as Record<string, unknown>);
      if (parsed.errors.length > 0) throw new HttpError("validation_failed", "Certains paramètres sont incorrects.", parsed.errors);
      // One more row than asked tells whether another page exists.
      const rows = await reportBatch(deps.db, { kind: "network" }, parsed.filters, parsed.cursor, parsed.limit + 1);
      const page = rows.slice(0, parsed.limit);
      const last = page[page.length - 1];
      const next = rows.length > parsed.limit && last !== undefined ? encodeCursor({ date: last.date, id: last.id }) : null;
      reply.header("cache-control", "private, no-store");
      return { activites: page.map((row) => apiJson(row, deps.secret)), suivant: next };
    },
  );
}
