// Use cases of the statistics: a signed-in person's figures (parse → scope → compute) and the public
// figures of the network. Both go through computeStatistics, the one query module.
import type { Db } from "../../db/schema.ts";
import type { FieldError } from "../../web/errors.ts";
import { loadActivityActor } from "../activities/activities.actor.ts";
import type { Viewer } from "../auth/viewer.ts";
import { type StatsScopeRefusal, scopeStatsFilters } from "./statistics.policy.ts";
import { computeStatistics } from "./statistics.repository.ts";
import type { Granularity, StatsFilters, StatsResult } from "./statistics.ts";
import { type PublicStatsResult, suppressSmallCounts } from "./stats-figures.ts";
import { EMPTY_FILTERS, parseStatsQuery, twelveMonthsEnding } from "./stats-query.ts";

export type LoadedStatistics =
  | { kind: "invalid"; input: Record<string, string>; errors: FieldError[]; filters: StatsFilters; granularity: Granularity }
  | { kind: "forbidden"; reason: StatsScopeRefusal }
  | { kind: "ok"; input: Record<string, string>; result: StatsResult };

/** `today` is the Paris day of the request (YYYY-MM-DD): it sets the default period. */
export async function loadStatistics(db: Db, viewer: Viewer, query: Record<string, unknown>, today: string): Promise<LoadedStatistics> {
  const parsed = parseStatsQuery(query, today);
  const actor = await loadActivityActor(db, viewer);
  const scoped = scopeStatsFilters(actor, parsed.filters);
  if (!scoped.ok) return { kind: "forbidden", reason: scoped.reason };
  if (parsed.errors.length > 0) return { kind: "invalid", input: parsed.input, errors: parsed.errors, filters: scoped.filters, granularity: parsed.granularity };
  return { kind: "ok", input: parsed.input, result: await computeStatistics(db, scoped.filters, parsed.granularity) };
}

/** The API's figures: the whole département, narrowed by the query's filters (no identities exist in them). */
export async function apiStatistics(db: Db, query: Record<string, unknown>, today: string): Promise<{ kind: "invalid"; errors: FieldError[] } | { kind: "ok"; result: StatsResult }> {
  const parsed = parseStatsQuery(query, today);
  if (parsed.errors.length > 0) return { kind: "invalid", errors: parsed.errors };
  return { kind: "ok", result: await computeStatistics(db, parsed.filters, parsed.granularity) };
}

/** How long public figures are reused: they change little within an hour, and anyone may ask. */
export const PUBLIC_CACHE_MS = 60 * 60_000;
const publicCache = new Map<string, { at: number; value: Promise<PublicStatsResult> }>();

/**
 * The network's figures over the 12 last months to `today`, by month, small counts suppressed. Kept
 * in this process's memory for an hour, keyed by day (a new day starts a new period); each instance
 * of the application holds its own copy. A failed computation is not kept.
 */
export function publicStatistics(db: Db, today: string, now = Date.now()): Promise<PublicStatsResult> {
  const cached = publicCache.get(today);
  if (cached !== undefined && now - cached.at < PUBLIC_CACHE_MS) return cached.value;
  const { from, to } = twelveMonthsEnding(today);
  const filters = { ...EMPTY_FILTERS, from, to };
  const value = computeStatistics(db, filters, "mois").then(suppressSmallCounts);
  publicCache.clear();
  publicCache.set(today, { at: now, value });
  value.catch(() => publicCache.delete(today));
  return value;
}

/** Forgets the public figures (tests, or after a bulk import). */
export function clearPublicStatistics(): void {
  publicCache.clear();
}
