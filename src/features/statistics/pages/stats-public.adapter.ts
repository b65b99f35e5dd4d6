// The public figures (small counts suppressed by the query module) in the shape the views draw: every
// small count becomes HIDDEN (« moins de 5 » on screen), a larger one hidden with it WITHHELD (« non publié »).

import type { StatsResult, StatsTotals } from "../statistics.ts";
import { type PublicCount, type PublicStatsResult, WITHHELD_COUNT } from "../stats-figures.ts";
import { HIDDEN, WITHHELD } from "./stats-format.ts";

const count = (value: PublicCount | null): number => (typeof value === "number" ? value : value === WITHHELD_COUNT ? WITHHELD : HIDDEN);

export function fromPublicResult(p: PublicStatsResult): StatsResult {
  const totals = Object.fromEntries(Object.entries(p.totals).map(([key, value]) => [key, count(value)])) as unknown as StatsTotals;
  return {
    filters: p.filters,
    granularity: p.granularity,
    totals,
    series: p.series.map((s) => ({ start: s.start, activities: count(s.activities), accompaniments: count(s.accompaniments), minutes: count(s.minutes) })),
    breakdowns: p.breakdowns.map((b) => ({
      dimension: b.dimension,
      rows: b.rows.map((r) => ({ code: r.code, label: r.label, activities: count(r.activities), accompaniments: count(r.accompaniments), minutes: count(r.minutes) })),
    })),
  };
}
