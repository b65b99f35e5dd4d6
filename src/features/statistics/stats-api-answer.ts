// The answer of GET /api/v1/statistiques in the API's language: French snake_case keys, like every other
// endpoint (`filtres.du`, `totaux.activites`). The English camelCase keys of the first version
// (`filters.from`, `totals.activities`) are still sent beside them for one version, marked deprecated.
// Pure.
import type { Dimension, StatsFilters, StatsResult, StatsTotals } from "./statistics.ts";
import { STATS_PARAMS } from "./statistics.ts";

/** The day the English keys were deprecated, for the `Deprecation` header (RFC 9745: « @ » and Unix seconds). */
export const ENGLISH_KEYS_DEPRECATED_ON = "2026-12-06";
export const DEPRECATION_HEADER = `@${Date.parse(`${ENGLISH_KEYS_DEPRECATED_ON}T00:00:00Z`) / 1000}`;

/** The dimension codes of `repartitions`: the query parameter's name when there is one. */
export const DIMENSION_KEYS: Record<Dimension, string> = {
  type: "type",
  theme: "thematique",
  procedureArea: "demarche",
  durationBand: "tranche_duree",
  placeType: "type_lieu",
  place: "lieu",
  equipment: "materiel",
  autonomy: "autonomie",
  orientation: "orientation",
  ageBand: "tranche_age",
  gender: "genre",
  socialStatus: "statut",
  residenceCommune: "commune_residence",
  employerKind: "employeur",
  advisor: "conseiller",
};

export const TOTAL_KEYS: Record<keyof StatsTotals, string> = {
  activities: "activites",
  individualActivities: "activites_individuelles",
  collectiveActivities: "activites_collectives",
  accompaniments: "accompagnements",
  people: "personnes",
  newPeople: "personnes_nouvelles",
  followedPeople: "personnes_deja_suivies",
  anonymousPeople: "personnes_anonymes",
  workshopParticipants: "participations_ateliers",
  minutes: "duree_minutes",
};

function renamed<K extends string>(record: Record<K, unknown>, names: Record<K, string>): Record<string, unknown> {
  return Object.fromEntries((Object.keys(names) as K[]).map((key) => [names[key], record[key]]));
}

const counts = (c: { activities: number; accompaniments: number; minutes: number }) => ({
  activites: c.activities,
  accompagnements: c.accompaniments,
  duree_minutes: c.minutes,
});

/** The French answer, followed by the deprecated English keys of the first version. */
export function statsApiAnswer(result: StatsResult) {
  return {
    filtres: renamed<keyof StatsFilters>(result.filters, STATS_PARAMS),
    totaux: renamed<keyof StatsTotals>(result.totals, TOTAL_KEYS),
    pas: result.granularity,
    serie: result.series.map((point) => ({ debut: point.start, ...counts(point) })),
    repartitions: result.breakdowns.map((b) => ({
      dimension: DIMENSION_KEYS[b.dimension],
      lignes: b.rows.map((row) => ({ code: row.code, libelle: row.label, ...counts(row) })),
    })),
    ...result,
  };
}
