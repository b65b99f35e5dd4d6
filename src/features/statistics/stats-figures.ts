// Pure shaping of statistics: duration bands, the « non communiqué » row, and the suppression of small
// counts in figures shown to the public.
import { type Breakdown, DIMENSIONS, type Dimension, type SeriesPoint, type StatsFilters, type StatsResult, type StatsTotals } from "./statistics.ts";

export const NOT_COMMUNICATED = { code: "non-communique", label: "Non communiqué" } as const;

/** Bands of an activity's duration; `max` is included. */
export const DURATION_BANDS = [
  { code: "moins-30-min", label: "Moins de 30 min", max: 29 },
  { code: "30-min-1-h", label: "De 30 min à 1 h", max: 60 },
  { code: "1-h-2-h", label: "Plus d'1 h, jusqu'à 2 h", max: 120 },
  { code: "plus-2-h", label: "Plus de 2 h", max: Number.POSITIVE_INFINITY },
] as const;
export type DurationBand = (typeof DURATION_BANDS)[number]["code"];

export function durationBandOf(minutes: number): DurationBand {
  return (DURATION_BANDS.find((band) => minutes <= band.max) ?? DURATION_BANDS[3]).code;
}

/** What a small count becomes in public figures. */
export const SMALL_COUNT = "moins de 5";
export const SMALL_COUNT_THRESHOLD = 5;
/** A larger count hidden only so that a small one cannot be recovered by subtraction. */
export const WITHHELD_COUNT = "non publié";
export type PublicCount = number | typeof SMALL_COUNT | typeof WITHHELD_COUNT;

export interface PublicBreakdownRow {
  code: string;
  label: string;
  activities: PublicCount;
  accompaniments: PublicCount;
  /** Null when the row's counts are suppressed: the time spent would tell them. */
  minutes: number | null;
}

export interface PublicStatsResult {
  filters: StatsFilters;
  granularity: StatsResult["granularity"];
  totals: Record<keyof StatsTotals, PublicCount>;
  series: { start: string; activities: PublicCount; accompaniments: PublicCount; minutes: number | null }[];
  breakdowns: { dimension: Dimension; rows: PublicBreakdownRow[] }[];
}

/**
 * Cells that add up to a shown total: every count from 1 to 4 is suppressed (primary), and when only
 * one cell of the group is suppressed, the smallest other non-zero cell is suppressed too (secondary),
 * so that no suppressed count can be recovered by subtracting the others from the total. 0 stays 0:
 * it describes nobody. Cells that do not add up to a total (multi-valued dimensions) get primary only.
 */
export function suppressGroup(values: number[], additive = true): PublicCount[] {
  const small = (n: number) => n > 0 && n < SMALL_COUNT_THRESHOLD;
  const hidden = new Set(values.flatMap((n, i) => (small(n) ? [i] : [])));
  if (additive && hidden.size === 1) {
    let next = -1;
    values.forEach((n, i) => {
      if (n > 0 && !hidden.has(i) && (next === -1 || n < (values[next] ?? 0))) next = i;
    });
    if (next !== -1) hidden.add(next);
  }
  // A secondary cell is 5 or more: saying « moins de 5 » there would be false, so it reads « non publié ».
  return values.map((n, i) => (!hidden.has(i) ? n : small(n) ? SMALL_COUNT : WITHHELD_COUNT));
}

function suppressRows<T extends { activities: number; accompaniments: number; minutes: number }>(rows: T[], additive: boolean) {
  const activities = suppressGroup(
    rows.map((r) => r.activities),
    additive,
  );
  const accompaniments = suppressGroup(
    rows.map((r) => r.accompaniments),
    additive,
  );
  return rows.map((row, i) => {
    const a = activities[i] ?? SMALL_COUNT;
    const p = accompaniments[i] ?? SMALL_COUNT;
    return { ...row, activities: a, accompaniments: p, minutes: typeof a === "string" || typeof p === "string" ? null : row.minutes };
  });
}

/**
 * Public figures: totals, series and breakdowns with small counts suppressed (see suppressGroup). The
 * totals' parts are suppressed together: individual + collective activities, new + followed +
 * anonymous people. The advisor breakdown is left out: the public sees no one's personal output.
 */
export function suppressSmallCounts(result: StatsResult): PublicStatsResult {
  const t = result.totals;
  const [individualActivities, collectiveActivities] = suppressGroup([t.individualActivities, t.collectiveActivities]);
  const [newPeople, followedPeople, anonymousPeople] = suppressGroup([t.newPeople, t.followedPeople, t.anonymousPeople]);
  const [activities, accompaniments, people, workshopParticipants] = suppressGroup([t.activities, t.accompaniments, t.people, t.workshopParticipants], false);
  const totals: PublicStatsResult["totals"] = {
    activities: activities ?? SMALL_COUNT,
    individualActivities: individualActivities ?? SMALL_COUNT,
    collectiveActivities: collectiveActivities ?? SMALL_COUNT,
    accompaniments: accompaniments ?? SMALL_COUNT,
    people: people ?? SMALL_COUNT,
    newPeople: newPeople ?? SMALL_COUNT,
    followedPeople: followedPeople ?? SMALL_COUNT,
    anonymousPeople: anonymousPeople ?? SMALL_COUNT,
    workshopParticipants: workshopParticipants ?? SMALL_COUNT,
    minutes: t.activities > 0 && t.activities < SMALL_COUNT_THRESHOLD ? SMALL_COUNT : t.minutes,
  };
  const breakdowns = result.breakdowns
    .filter((b: Breakdown) => b.dimension !== "advisor")
    .map((b) => ({ dimension: b.dimension, rows: suppressRows(b.rows, !DIMENSIONS[b.dimension].multiValued) }));
  const series = suppressRows<SeriesPoint>(result.series, true);
  return { filters: result.filters, granularity: result.granularity, totals, series, breakdowns };
}
