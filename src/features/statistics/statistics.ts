// Statistics of the network's activity: the contract shared by the query module, the dashboards,
// the monthly report, the exports, the public figures and GET /api/v1/statistiques.
// Pure: types and the definitions of each figure; the SQL that computes them lives in the repository.
//
// Definitions (the same everywhere, written in docs/statistics.md):
// - activities: reports (individual + collective), deleted ones excluded.
// - accompaniments: one per person per activity — 1 for an individual report, `participants_total`
//   for a collective one (known participants + anonymous ones).
// - people: identified people counted once each (distinct records) + anonymous accompaniments (each
//   counted as one person, since nothing lets us tell two anonymous visits apart). Identified people
//   split into new (first accompaniment ever falls in the period) and followed up (accompanied before).
//   people = newPeople + followedPeople + anonymousPeople.
// - workshopParticipants: accompaniments of collective activities.
// - minutes: the activities' durations (an activity's time counts once, whatever its participants).
// Dates are Paris calendar days (a report's `date` is a Paris day already); a period is inclusive.

export const GRANULARITIES = ["jour", "semaine", "mois"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Filters combine (AND). `advisorId`, `structureId`, `epciCode`, `communeCode` and `employerKind` set
 * the scope; the others narrow what is counted. `communeCode`/`epciCode` are where the activity took
 * place (the place's commune, or the typed commune for home and other places; remote ones have none).
 * Profile filters (gender, age band, social status, residence commune) select accompaniments: a
 * collective activity then counts with only its matching participants.
 */
export interface StatsFilters {
  /** Inclusive Paris days, YYYY-MM-DD. */
  from: string;
  to: string;
  advisorId: string | null;
  structureId: string | null;
  epciCode: string | null;
  communeCode: string | null;
  employerKind: string | null;
  type: string | null;
  theme: string | null;
  procedureArea: string | null;
  placeType: string | null;
  placeId: string | null;
  gender: string | null;
  ageBand: string | null;
  socialStatus: string | null;
  residenceCommuneCode: string | null;
}

/** The query names, as the dashboard URL, the exports and the API spell them. */
export const STATS_PARAMS = {
  from: "du",
  to: "au",
  advisorId: "conseiller",
  structureId: "structure",
  epciCode: "epci",
  communeCode: "commune",
  employerKind: "employeur",
  type: "type",
  theme: "thematique",
  procedureArea: "demarche",
  placeType: "type_lieu",
  placeId: "lieu",
  gender: "genre",
  ageBand: "tranche_age",
  socialStatus: "statut",
  residenceCommuneCode: "commune_residence",
} as const satisfies Record<keyof StatsFilters, string>;

export interface StatsTotals {
  activities: number;
  individualActivities: number;
  collectiveActivities: number;
  accompaniments: number;
  people: number;
  newPeople: number;
  followedPeople: number;
  anonymousPeople: number;
  workshopParticipants: number;
  minutes: number;
}

/**
 * Breakdowns. "Per activity" dimensions count activities (and their accompaniments); "per person"
 * dimensions count accompaniments. Single-valued dimensions add up to the totals; multi-valued ones
 * (themes, procedure areas, equipment) do not, since one activity can have several values.
 */
export const DIMENSIONS = {
  type: { label: "Type d'activité", unit: "activity", multiValued: false },
  theme: { label: "Thématique", unit: "activity", multiValued: true },
  procedureArea: { label: "Démarche administrative", unit: "activity", multiValued: true },
  durationBand: { label: "Durée", unit: "activity", multiValued: false },
  placeType: { label: "Type de lieu", unit: "activity", multiValued: false },
  place: { label: "Lieu", unit: "activity", multiValued: false },
  equipment: { label: "Matériel utilisé", unit: "activity", multiValued: true },
  autonomy: { label: "Autonomie (accompagnements individuels)", unit: "activity", multiValued: false },
  orientation: { label: "Orientation (accompagnements individuels)", unit: "activity", multiValued: false },
  ageBand: { label: "Tranche d'âge", unit: "accompaniment", multiValued: false },
  gender: { label: "Genre", unit: "accompaniment", multiValued: false },
  socialStatus: { label: "Statut social", unit: "accompaniment", multiValued: false },
  residenceCommune: { label: "Commune de résidence", unit: "accompaniment", multiValued: false },
  employerKind: { label: "Type de structure employeuse", unit: "activity", multiValued: false },
  advisor: { label: "Conseiller numérique", unit: "activity", multiValued: false },
} as const;
export type Dimension = keyof typeof DIMENSIONS;

export interface BreakdownRow {
  /** The taxonomy code, an id (place, advisor) or an INSEE code; "non-communique" when unknown. */
  code: string;
  label: string;
  activities: number;
  accompaniments: number;
  minutes: number;
}

export interface Breakdown {
  dimension: Dimension;
  /** Sorted by accompaniments (per person) or activities (per activity), descending, then label. */
  rows: BreakdownRow[];
}

export interface SeriesPoint {
  /** First Paris day of the bucket, YYYY-MM-DD (a Monday for weeks, the 1st for months). */
  start: string;
  activities: number;
  accompaniments: number;
  minutes: number;
}

export interface StatsResult {
  filters: StatsFilters;
  totals: StatsTotals;
  granularity: Granularity;
  /** Every bucket of the period, empty ones included, in order. */
  series: SeriesPoint[];
  breakdowns: Breakdown[];
}
