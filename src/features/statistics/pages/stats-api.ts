// GET /api/v1/statistiques: its documented parameters and answer (OpenAPI). The answer is the
// StatsResult of the contract as it is: figures only, no one's identity.
import { Type } from "typebox";
import { ACTIVITY_TYPES, AGE_BANDS, GENDERS, PLACE_TYPES, PROCEDURE_AREAS, SOCIAL_STATUSES, type TaxonomyOption, THEMES } from "../../activities/taxonomy.ts";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../../organisation/organisation.ts";
import { DIMENSIONS, type Dimension, GRANULARITIES, STATS_PARAMS } from "../statistics.ts";
import { DIMENSION_KEYS } from "../stats-api-answer.ts";

const codes = (table: readonly { code: string; label: string }[], description: string) =>
  Type.Optional(Type.String({ description: `${description}. Valeurs : ${table.map((o) => `${o.code} (${o.label})`).join(" ; ")}` }));
const taxonomy = (table: readonly TaxonomyOption[], description: string) => codes(table, description);

/** Documentation only: parseStatsQuery checks the parameters and names every bad one in one answer. */
export const StatsQuerySchema = Type.Object({
  du: Type.Optional(Type.String({ format: "date", description: "Premier jour de la période (inclus), AAAA-MM-JJ ; par défaut 12 mois avant « au »" })),
  au: Type.Optional(Type.String({ format: "date", description: "Dernier jour de la période (inclus), AAAA-MM-JJ ; par défaut aujourd'hui (Europe/Paris)" })),
  pas: Type.Optional(
    Type.String({ description: `Pas de la série : ${GRANULARITIES.join(", ")} ; par défaut selon la durée de la période (jour jusqu'à 31 jours, semaine jusqu'à 200, mois au-delà)` }),
  ),
  conseiller: Type.Optional(Type.String({ format: "uuid", description: "Un conseiller ou une conseillère (identifiant)" })),
  structure: Type.Optional(Type.String({ format: "uuid", description: "Une structure employeuse (identifiant)" })),
  epci: Type.Optional(Type.String({ description: "Intercommunalité où a eu lieu l'activité (SIREN à 9 chiffres)" })),
  commune: Type.Optional(Type.String({ description: "Commune où a eu lieu l'activité (code INSEE)" })),
  employeur: codes(
    EMPLOYER_KINDS.map((k) => ({ code: k, label: STRUCTURE_KINDS[k] })),
    "Type de structure employeuse",
  ),
  type: taxonomy(ACTIVITY_TYPES, "Type d'activité"),
  thematique: taxonomy(THEMES, "Thématique"),
  demarche: taxonomy(PROCEDURE_AREAS, "Démarche administrative"),
  type_lieu: taxonomy(PLACE_TYPES, "Type de lieu"),
  lieu: Type.Optional(Type.String({ format: "uuid", description: "Un lieu (identifiant)" })),
  genre: taxonomy(GENDERS, "Genre des personnes accompagnées"),
  tranche_age: taxonomy(AGE_BANDS, "Tranche d'âge des personnes accompagnées"),
  statut: taxonomy(SOCIAL_STATUSES, "Statut social des personnes accompagnées"),
  commune_residence: Type.Optional(Type.String({ description: "Commune de résidence des personnes accompagnées (code INSEE)" })),
});

const Nullable = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
const Counts = {
  activities: Type.Integer({ description: "Activités (comptes rendus)" }),
  accompaniments: Type.Integer({ description: "Accompagnements : 1 par personne et par activité" }),
  minutes: Type.Integer({ description: "Durée des activités, en minutes (une fois par activité)" }),
};

const DEPRECATED = { deprecated: true, description: "Ancienne clé en anglais, envoyée une version encore : lisez la clé française." } as const;
const FrenchCounts = {
  activites: Type.Integer({ description: "Activités (comptes rendus)" }),
  accompagnements: Type.Integer({ description: "Accompagnements : 1 par personne et par activité" }),
  duree_minutes: Type.Integer({ description: "Durée des activités, en minutes (une fois par activité)" }),
};

const FRENCH_FIELDS = {
  filtres: Type.Object(
    {
      du: Type.String({ format: "date" }),
      au: Type.String({ format: "date" }),
      ...Object.fromEntries(
        Object.entries(STATS_PARAMS)
          .filter(([, name]) => name !== "du" && name !== "au")
          .map(([, name]) => [name, Nullable(name)]),
      ),
    },
    { description: "Les filtres appliqués, nommés comme les paramètres" },
  ),
  totaux: Type.Object({
    activites: Type.Integer(),
    activites_individuelles: Type.Integer(),
    activites_collectives: Type.Integer(),
    accompagnements: Type.Integer(),
    personnes: Type.Integer({ description: "Personnes identifiées comptées une fois, plus les accompagnements anonymes" }),
    personnes_nouvelles: Type.Integer(),
    personnes_deja_suivies: Type.Integer(),
    personnes_anonymes: Type.Integer(),
    participations_ateliers: Type.Integer(),
    duree_minutes: Type.Integer(),
  }),
  pas: Type.Union(
    GRANULARITIES.map((g) => Type.Literal(g)),
    { description: "Pas de la série" },
  ),
  serie: Type.Array(Type.Object({ debut: Type.String({ format: "date", description: "Premier jour du pas" }), ...FrenchCounts }), {
    description: "Chaque pas de la période, y compris les vides, dans l'ordre",
  }),
  repartitions: Type.Array(
    Type.Object({
      dimension: Type.Union(
        Object.values(DIMENSION_KEYS).map((d) => Type.Literal(d)),
        {
          description: (Object.entries(DIMENSIONS) as [Dimension, (typeof DIMENSIONS)[Dimension]][])
            .map(([d, v]) => `${DIMENSION_KEYS[d]} : ${v.label}${v.multiValued ? " (plusieurs valeurs par activité)" : ""}`)
            .join(" ; "),
        },
      ),
      lignes: Type.Array(Type.Object({ code: Type.String(), libelle: Type.String(), ...FrenchCounts })),
    }),
  ),
};

const ENGLISH_FIELDS = {
  filters: Type.Object({
    from: Type.String({ format: "date" }),
    to: Type.String({ format: "date" }),
    advisorId: Nullable("conseiller"),
    structureId: Nullable("structure"),
    epciCode: Nullable("epci"),
    communeCode: Nullable("commune"),
    employerKind: Nullable("employeur"),
    type: Nullable("type"),
    theme: Nullable("thematique"),
    procedureArea: Nullable("demarche"),
    placeType: Nullable("type_lieu"),
    placeId: Nullable("lieu"),
    gender: Nullable("genre"),
    ageBand: Nullable("tranche_age"),
    socialStatus: Nullable("statut"),
    residenceCommuneCode: Nullable("commune_residence"),
  }),
  totals: Type.Object({
    activities: Type.Integer(),
    individualActivities: Type.Integer(),
    collectiveActivities: Type.Integer(),
    accompaniments: Type.Integer(),
    people: Type.Integer({ description: "Personnes identifiées comptées une fois, plus les accompagnements anonymes" }),
    newPeople: Type.Integer(),
    followedPeople: Type.Integer(),
    anonymousPeople: Type.Integer(),
    workshopParticipants: Type.Integer(),
    minutes: Type.Integer(),
  }),
  granularity: Type.Union(
    GRANULARITIES.map((g) => Type.Literal(g)),
    { description: "Pas de la série" },
  ),
  series: Type.Array(Type.Object({ start: Type.String({ format: "date", description: "Premier jour du pas" }), ...Counts }), {
    description: "Chaque pas de la période, y compris les vides, dans l'ordre",
  }),
  breakdowns: Type.Array(
    Type.Object({
      dimension: Type.Union(
        Object.keys(DIMENSIONS).map((d) => Type.Literal(d)),
        { description: Object.entries(DIMENSIONS).map(([d, v]) => `${d} : ${v.label}${v.multiValued ? " (plusieurs valeurs par activité)" : ""}`).join(" ; ") },
      ),
      rows: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), ...Counts })),
    }),
  ),
};

/** The French keys, then the English ones of the first version, deprecated (one more version). */
export const StatsAnswerSchema = Type.Object({
  ...FRENCH_FIELDS,
  ...Object.fromEntries(Object.entries(ENGLISH_FIELDS).map(([key, schema]) => [key, { ...schema, ...DEPRECATED }])),
});
