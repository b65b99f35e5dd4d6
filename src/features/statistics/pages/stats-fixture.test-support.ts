// Fixture results for the pure view tests: a month of a small network, and an empty period.
import type { Breakdown, StatsFilters, StatsResult, StatsTotals } from "../statistics.ts";
import { EMPTY_FILTERS } from "../stats-query.ts";

export function filtersOf(from: string, to: string, extra: Partial<StatsFilters> = {}): StatsFilters {
  return { from, to, ...EMPTY_FILTERS, ...extra };
}

const ZERO: StatsTotals = {
  activities: 0,
  individualActivities: 0,
  collectiveActivities: 0,
  accompaniments: 0,
  people: 0,
  newPeople: 0,
  followedPeople: 0,
  anonymousPeople: 0,
  workshopParticipants: 0,
  minutes: 0,
};

const themes: Breakdown = {
  dimension: "theme",
  rows: [
    { code: "aide-demarches", label: "Aide aux démarches administratives", activities: 924, accompaniments: 1010, minutes: 41_000 },
    { code: "email", label: "E-mail", activities: 400, accompaniments: 520, minutes: 18_000 },
    { code: "ia", label: "Intelligence artificielle", activities: 3, accompaniments: 3, minutes: 90 },
  ],
};

const gender: Breakdown = {
  dimension: "gender",
  rows: [
    { code: "feminin", label: "Féminin", activities: 1300, accompaniments: 1400, minutes: 50_000 },
    { code: "masculin", label: "Masculin", activities: 1000, accompaniments: 1027, minutes: 40_000 },
    { code: "non-communique", label: "Non communiqué", activities: 4, accompaniments: 4, minutes: 120 },
  ],
};

/** October 2026: 2 431 accompaniments, mostly administrative help (38 % of activities). */
export const OCTOBER: StatsResult = {
  filters: filtersOf("2026-10-01", "2026-10-31"),
  granularity: "semaine",
  totals: {
    activities: 2431,
    individualActivities: 2300,
    collectiveActivities: 131,
    accompaniments: 2431,
    people: 1800,
    newPeople: 900,
    followedPeople: 700,
    anonymousPeople: 200,
    workshopParticipants: 131,
    minutes: 90_120,
  },
  series: [
    { start: "2026-09-28", activities: 300, accompaniments: 300, minutes: 12_000 },
    { start: "2026-10-05", activities: 700, accompaniments: 712, minutes: 25_000 },
    { start: "2026-10-12", activities: 600, accompaniments: 600, minutes: 22_000 },
    { start: "2026-10-19", activities: 500, accompaniments: 500, minutes: 18_000 },
    { start: "2026-10-26", activities: 331, accompaniments: 319, minutes: 13_120 },
  ],
  breakdowns: [themes, gender],
};

export const EMPTY: StatsResult = {
  filters: filtersOf("2026-10-01", "2026-10-31"),
  granularity: "mois",
  totals: ZERO,
  series: [{ start: "2026-10-01", activities: 0, accompaniments: 0, minutes: 0 }],
  breakdowns: [
    { dimension: "theme", rows: [] },
    { dimension: "gender", rows: [] },
  ],
};
