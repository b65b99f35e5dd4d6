// Pure: whether the statistics rollup can answer a query exactly, and how the period splits into the
// whole months it holds and the partial months at each end, read from the base tables.
import { addDays } from "../calendar/paris-time.ts";
import type { Granularity, StatsFilters } from "./statistics.ts";
import { addMonths } from "./stats-query.ts";

export interface RollupPlan {
  /** First days of the first and last whole months of the period (both included). */
  firstMonth: string;
  lastMonth: string;
  /** Partial months at the ends, as inclusive day ranges. */
  edges: { from: string; to: string }[];
}

/** Filters the rollup's key (month, structure, type) answers; any other one means the base tables. */
const NOT_IN_ROLLUP = [
  "advisorId",
  "epciCode",
  "communeCode",
  "theme",
  "procedureArea",
  "placeType",
  "placeId",
  "gender",
  "ageBand",
  "socialStatus",
  "residenceCommuneCode",
] as const satisfies readonly (keyof StatsFilters)[];

const monthOf = (day: string) => `${day.slice(0, 8)}01`;
const lastDayOf = (month: string) => addDays(addMonths(month, 1), -1);

/** The plan, or null when the rollup cannot answer: another filter, a finer step, no whole month. */
export function rollupPlan(f: StatsFilters, granularity: Granularity): RollupPlan | null {
  if (granularity !== "mois" || NOT_IN_ROLLUP.some((key) => f[key] !== null) || f.from > f.to) return null;
  const firstMonth = f.from === monthOf(f.from) ? f.from : addMonths(monthOf(f.from), 1);
  const lastMonth = f.to === lastDayOf(monthOf(f.to)) ? monthOf(f.to) : addMonths(monthOf(f.to), -1);
  if (firstMonth > lastMonth) return null;
  const edges: RollupPlan["edges"] = [];
  if (f.from < firstMonth) edges.push({ from: f.from, to: addDays(firstMonth, -1) });
  if (f.to > lastDayOf(lastMonth)) edges.push({ from: addMonths(lastMonth, 1), to: f.to });
  return { firstMonth, lastMonth, edges };
}
