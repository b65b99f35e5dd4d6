// What a new report starts with, so an advisor types as little as possible: today (Paris), the place
// of their last report, and their usual duration (the most frequent in their last 50 reports).
import { toParis } from "../calendar/paris-time.ts";
import type { PlaceType } from "./taxonomy.ts";

/** How many recent reports decide the usual duration. */
export const RECENT_REPORTS_FOR_DEFAULTS = 50;
export const FALLBACK_DURATION_MINUTES = 30;

export interface RecentReport {
  placeType: PlaceType;
  placeId: string | null;
  communeCode: string | null;
  durationMinutes: number;
}

export interface ReportDefaults {
  date: string;
  placeType: PlaceType | null;
  placeId: string | null;
  /** The commune of a home or « other place » report (the place's commune is not a default to type). */
  communeCode: string | null;
  durationMinutes: number;
}

/** `recent`: the advisor's reports, most recent first (only the first 50 count). */
export function reportDefaults(now: Date, recent: readonly RecentReport[]): ReportDefaults {
  const window = recent.slice(0, RECENT_REPORTS_FOR_DEFAULTS);
  const last = window[0];
  return {
    date: toParis(now).date,
    placeType: last?.placeType ?? null,
    placeId: last?.placeType === "lieu-activite" ? last.placeId : null,
    communeCode: last?.placeType === "domicile" || last?.placeType === "autre-lieu" ? last.communeCode : null,
    durationMinutes: usualDuration(window),
  };
}

/** The most frequent duration; on a tie, the one used most recently. */
export function usualDuration(recent: readonly RecentReport[]): number {
  const counts = new Map<number, number>();
  for (const report of recent) counts.set(report.durationMinutes, (counts.get(report.durationMinutes) ?? 0) + 1);
  let best: number | null = null;
  // Map iteration follows first insertion, i.e. recency, so a strict `>` keeps the most recent on ties.
  for (const [minutes, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = minutes;
  return best ?? FALLBACK_DURATION_MINUTES;
}
