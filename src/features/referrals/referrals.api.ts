// GET and POST /api/v1/orientations, with an API token of scope « orientations ». GET lists the referrals
// of the network (their steps, never the person's identity nor the content of the help); POST lets a
// partner's own system refer a person for one of its structures, with the person's recorded consent.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { type FieldError, HttpError } from "../../web/errors.ts";
import { isUuid } from "../agenda/agenda.service.ts";
import { requireApiScope } from "../api-tokens/api-auth.ts";
import type { ReferralFormValues } from "./referral-form.ts";
import type { ReferralDetail } from "./referrals.repository.ts";
import { findReferralById, listReferrals } from "./referrals.repository.ts";
import { createReferral, formPlaces, type ReferralsDeps } from "./referrals.service.ts";
import { CONSENT_MODES, CONTACT_PREFERENCES, REFERRAL_STATUSES, statusFromCode, URGENCIES } from "./referrals.ts";

const documentationOnly = () => (data: unknown) => ({ value: data });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export function referralJson(r: ReferralDetail) {
  return {
    id: r.id,
    numero: r.number,
    statut: REFERRAL_STATUSES[r.status].code,
    source: r.source === "partner" ? "partenaire" : "conseiller",
    structure_source: { id: r.from_structure_id, nom: r.from_name },
    structure_cible: { id: r.target_structure_id, nom: r.target_name },
    lieu: r.target_place_id === null ? null : { id: r.target_place_id, nom: r.place_name },
    besoins: r.themes,
    urgence: r.urgency,
    envoyee_le: r.created_at.toISOString(),
    statut_change_le: r.status_changed_at.toISOString(),
    rendez_vous_le: r.appointment_at?.toISOString() ?? null,
  };
}

const ReferralSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  numero: Type.Integer(),
  statut: Type.String({ enum: Object.values(REFERRAL_STATUSES).map((s) => s.code) }),
  source: Type.String({ enum: ["partenaire", "conseiller"] }),
  structure_source: Type.Object({ id: Type.String(), nom: Type.String() }),
  structure_cible: Type.Object({ id: Type.String(), nom: Type.String() }),
  lieu: Type.Union([Type.Object({ id: Type.String(), nom: Nullable(Type.String()) }), Type.Null()]),
  besoins: Type.Array(Type.String()),
  urgence: Type.String({ enum: Object.keys(URGENCIES) }),
  envoyee_le: Type.String({ format: "date-time" }),
  statut_change_le: Type.String({ format: "date-time" }),
  rendez_vous_le: Nullable(Type.String({ format: "date-time" })),
});

const PostSchema = Type.Object({
  structure_source_id: Type.String({ format: "uuid", description: "La structure partenaire qui oriente" }),
  lieu_id: Type.String({ format: "uuid", description: "Le lieu du réseau vers lequel la personne est orientée" }),
  besoins: Type.Array(Type.String(), { description: "Codes des thèmes (taxonomie des comptes rendus), au moins un" }),
  precisions: Type.Optional(Type.String()),
  urgence: Type.String({ enum: Object.keys(URGENCIES) }),
  personne: Type.Object({ prenom: Type.String(), nom: Type.String(), telephone: Type.Optional(Type.String()), courriel: Type.Optional(Type.String()), commune: Type.Optional(Type.String()) }),
  contact_prefere: Type.String({ enum: Object.keys(CONTACT_PREFERENCES) }),
  consentement: Type.Object({ recueilli: Type.Boolean(), mode: Type.String({ enum: Object.keys(CONSENT_MODES) }) }),
});

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

const FIELD_NAMES: Record<string, string> = {
  lieu: "lieu_id",
  besoin: "besoins",
  besoins: "precisions",
  urgence: "urgence",
  prenom: "personne.prenom",
  nom: "personne.nom",
  telephone: "personne.telephone",
  courriel: "personne.courriel",
  commune: "personne.commune",
  contact: "contact_prefere",
  consentement: "consentement.recueilli",
  mode_consentement: "consentement.mode",
};

export function valuesFromJson(body: Record<string, unknown>): ReferralFormValues {
  const person = (typeof body.personne === "object" && body.personne !== null ? body.personne : {}) as Record<string, unknown>;
  const consent = (typeof body.consentement === "object" && body.consentement !== null ? body.consentement : {}) as Record<string, unknown>;
  return {
    lieu: str(body.lieu_id),
    besoin: Array.isArray(body.besoins) ? body.besoins.map(String) : [],
    besoins: str(body.precisions),
    urgence: str(body.urgence),
    prenom: str(person.prenom),
    nom: str(person.nom),
    telephone: str(person.telephone),
    courriel: str(person.courriel),
    contact: str(body.contact_prefere),
    commune: str(person.commune),
    consentement: consent.recueilli === true,
    mode_consentement: str(consent.mode),
  };
}

export async function referralApiRoutes(app: FastifyInstance, deps: ReferralsDeps): Promise<void> {
  app.get(
    "/api/v1/orientations",
    {
      schema: {
        summary: "Orientations de personnes vers le réseau et leurs étapes",
        security: [{ jeton: [] }],
        description:
          "Les 500 plus récentes au plus, filtrables par « statut ». Jeton de portée « orientations » (401 invalid_token, 403 insufficient_scope). " +
          "Ni l'identité de la personne ni le contenu de l'accompagnement n'y figurent.",
        tags: ["orientations"],
        querystring: Type.Object({ statut: Type.Optional(Type.String({ enum: Object.values(REFERRAL_STATUSES).map((s) => s.code) })) }),
        response: { 200: Type.Object({ orientations: Type.Array(ReferralSchema) }) },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      await requireApiScope(deps.db, request, reply, "orientations", deps.now());
      const statut = str((request.query as Record<string, unknown>).statut);
      const status = statut === "" ? null : statusFromCode(statut);
      if (statut !== "" && status === null) {
        throw new HttpError("validation_failed", "Certains paramètres sont incorrects.", [{ field: "statut", message: `« statut » vaut ${Object.values(REFERRAL_STATUSES).map((s) => s.code).join(", ")}.` }]);
      }
      const rows = await listReferrals(deps.db, { all: true }, { side: "all", statuses: status === null ? null : [status] }, 500);
      reply.header("cache-control", "private, no-store");
      return { orientations: rows.map(referralJson) };
    },
  );

  app.post(
    "/api/v1/orientations",
    {
      schema: {
        summary: "Orienter une personne (système d'un partenaire)",
        security: [{ jeton: [] }],
        description:
          "Crée une orientation au nom d'une structure partenaire. L'accord de la personne est obligatoire (consentement.recueilli = true, avec son mode). " +
          "Réponse 201 avec l'orientation ; 400 application/problem+json dont errors nomme chaque champ en cause.",
        tags: ["orientations"],
        body: PostSchema,
        response: { 201: ReferralSchema },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      await requireApiScope(deps.db, request, reply, "orientations", deps.now());
      const body = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const sourceId = str(body.structure_source_id);
      const source = isUuid(sourceId) ? await deps.db.selectFrom("structures").select(["id", "kind"]).where("id", "=", sourceId).executeTakeFirst() : undefined;
      if (source?.kind !== "partner") {
        throw new HttpError("validation_failed", "Certains champs sont incorrects.", [{ field: "structure_source_id", message: "Indiquez l'identifiant d'une structure partenaire du réseau." }]);
      }
      const result = await createReferral(deps, { structureId: source.id, userId: null, email: null }, valuesFromJson(body), await formPlaces(deps));
      if (!result.ok) {
        const errors: FieldError[] = Object.entries(result.errors).map(([field, message]) => ({ field: FIELD_NAMES[field] ?? field, message }));
        throw new HttpError("validation_failed", "Certains champs sont incorrects.", errors);
      }
      const created = await findReferralById(deps.db, result.id);
      reply.code(201);
      return referralJson(created as ReferralDetail);
    },
  );
}
