// Pure: whether the statistics rollup can answer a query exactly, and how the period splits into the
// whole months it holds and the partial months at each end. A partial month's cells are either its
// own days read from the base tables, or — when that is fewer days to read — the month's rollup cells
// minus the base-table cells of the month's other days. Its people always come from the rollup (each
// partition's people carry their first and last counted day in it).
import { addDays, daysBetween } from "../calendar/paris-time.ts";
import type { Granularity, StatsFilters } from "./statistics.ts";
import { addMonths } from "./stats-query.ts";

export interface RollupPlan {
  /** First days of the first and last whole months of the period (both included). */
  firstMonth: string;
  lastMonth: string;
  /** Partial months at the ends, as inclusive day ranges. */
  edges: RollupEdge[];
  /** First days of the first and last months whose rollup cells are read (whole months + subtracted edges' months). */
  cellMonths: { first: string; last: string };
}

export interface RollupEdge {
  from: string;
  to: string;
  /** The month's other days, when the edge is read as whole month minus them; null: the edge's own days. */
  minus: { from: string; to: string } | null;
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

/**
 * The plan, or null when the rollup cannot answer: another filter, a finer step, no whole month.
 * `today` (Paris day) only weighs the choice for partial months: reports cannot be dated after it, so
 * those days cost nothing to read.
 */
export function rollupPlan(f: StatsFilters, granularity: Granularity, today?: string): RollupPlan | null {
  if (granularity !== "mois" || NOT_IN_ROLLUP.some((key) => f[key] !== null) || f.from > f.to) return null;
  const firstMonth = f.from === monthOf(f.from) ? f.from : addMonths(monthOf(f.from), 1);
  const lastMonth = f.to === lastDayOf(monthOf(f.to)) ? monthOf(f.to) : addMonths(monthOf(f.to), -1);
  if (firstMonth > lastMonth) return null;
  const edges: RollupEdge[] = [];
  const cellMonths = { first: firstMonth, last: lastMonth };
  if (f.from < firstMonth) {
    const month = monthOf(f.from);
    const edge = { from: f.from, to: addDays(firstMonth, -1) };
    const minus = { from: month, to: addDays(f.from, -1) };
    const subtract = fewerDays(minus, edge, today);
    if (subtract) cellMonths.first = month;
    edges.push({ ...edge, minus: subtract ? minus : null });
  }
  if (f.to > lastDayOf(lastMonth)) {
    const month = addMonths(lastMonth, 1);
    const edge = { from: month, to: f.to };
    const minus = { from: addDays(f.to, 1), to: lastDayOf(month) };
    const subtract = fewerDays(minus, edge, today);
    if (subtract) cellMonths.last = month;
    edges.push({ ...edge, minus: subtract ? minus : null });
  }
  return { firstMonth, lastMonth, edges, cellMonths };
}

/** Whether range `a` has fewer days up to `today` than range `b` (the base tables then scan less). */
function fewerDays(a: { from: string; to: string }, b: { from: string; to: string }, today: string | undefined): boolean {
  const days = (r: { from: string; to: string }) => {
    const to = today !== undefined && r.to > today ? today : r.to;
    return to < r.from ? 0 : daysBetween(r.from, to) + 1;
  };
  return days(a) < days(b);
}
