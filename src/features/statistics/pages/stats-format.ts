// How the statistics pages write figures, periods and buckets in French. Pure.
// « public » figures (the /chiffres page) never show a count from 1 to 4: they read « moins de 5 ».

import { hoursText, lowerFirst } from "../../../web/french-format.ts";
import type { Dimension, Granularity, StatsTotals } from "../statistics.ts";
import { DIMENSIONS } from "../statistics.ts";

export type Privacy = "exact" | "public";

/** The smallest count the public page shows as a number. */
export const PUBLIC_THRESHOLD = 5;

const NUMBER = new Intl.NumberFormat("fr-FR");
const ONE_DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const MONTH = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const SHORT_DAY = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", timeZone: "UTC" });
const SHORT_MONTH = new Intl.DateTimeFormat("fr-FR", { month: "short", timeZone: "UTC" });

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * A count the public figures suppressed (« moins de 5 », also a larger one hidden so that a small one
 * cannot be recovered by subtraction): the views' numbers carry it as this value.
 */
export const HIDDEN = -1;
/** A count of 5 or more hidden only so that a small one cannot be recovered: « non publié ». */
export const WITHHELD = -2;

/** True when the figure must not be shown as a number on a public page. */
export function isHidden(n: number, privacy: Privacy): boolean {
  return n === HIDDEN || n === WITHHELD || (privacy === "public" && n > 0 && n < PUBLIC_THRESHOLD);
}

export function formatCount(n: number, privacy: Privacy = "exact"): string {
  if (n === WITHHELD) return "non publié";
  return isHidden(n, privacy) ? `moins de ${PUBLIC_THRESHOLD}` : NUMBER.format(n);
}

/**
 * « 2 431 accompagnements », « 1 atelier », « moins de 5 personnes », « accompagnements : non publié ».
 * Given the word for none, zero reads in words: « aucune déjà suivie », not « 0 déjà suivie ».
 */
export function countOf(n: number, one: string, many: string, privacy: Privacy = "exact", none?: "aucun" | "aucune"): string {
  if (n === WITHHELD) return `${many} : non publié`;
  if (n === 0 && none !== undefined) return `${none} ${one}`;
  return `${formatCount(n, privacy)} ${n > 1 || isHidden(n, privacy) ? many : one}`;
}

/** Minutes as hours, one decimal at most: « 12,5 h ». */
export function formatHours(minutes: number): string {
  if (minutes === HIDDEN || minutes === WITHHELD) return "non publié";
  return hoursText(ONE_DECIMAL.format(minutes / 60));
}

/** A share as a whole percentage, « 38 % »; « 0 % » when the whole is zero (never NaN). */
export function formatShare(part: number, whole: number): string {
  const share = whole > 0 ? Math.round((part / whole) * 100) : 0;
  return `${share} %`;
}

export function formatDay(day: string): string {
  return DAY.format(utc(day)).replace(/^1 /, "1er ");
}

export function formatMonth(day: string): string {
  return MONTH.format(utc(day));
}

const lastDayOfMonth = (day: string) => {
  const d = utc(`${day.slice(0, 7)}-01`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
};

/** « en octobre 2026 » for a whole month, « du 1er au 15 octobre 2026 » otherwise. */
export function periodPhrase(from: string, to: string): string {
  if (from.endsWith("-01") && to === lastDayOfMonth(from)) return `en ${formatMonth(from)}`;
  if (from === to) return `le ${formatDay(from)}`;
  return `du ${formatDay(from)} au ${formatDay(to)}`;
}

/** The label of a bucket of the series, in full (tables) or short (chart axis). */
export function bucketLabel(start: string, granularity: Granularity, short = false): string {
  if (granularity === "mois") return short ? `${SHORT_MONTH.format(utc(start))} ${start.slice(2, 4)}` : formatMonth(start);
  if (granularity === "semaine") return short ? SHORT_DAY.format(utc(start)) : `semaine du ${formatDay(start)}`;
  return short ? SHORT_DAY.format(utc(start)) : formatDay(start);
}

export const GRANULARITY_LABELS: Record<Granularity, { label: string; per: string }> = {
  jour: { label: "Par jour", per: "par jour" },
  semaine: { label: "Par semaine", per: "par semaine" },
  mois: { label: "Par mois", per: "par mois" },
};

/** What a breakdown counts: activities for « per activity » dimensions, accompaniments for the others. */
export function measureOf(dimension: Dimension): "activities" | "accompaniments" {
  return DIMENSIONS[dimension].unit === "activity" ? "activities" : "accompaniments";
}

export function measureWords(measure: "activities" | "accompaniments"): { one: string; many: string } {
  return measure === "activities" ? { one: "activité", many: "activités" } : { one: "accompagnement", many: "accompagnements" };
}

/** The total a breakdown's shares are taken from. */
export function wholeOf(dimension: Dimension, totals: StatsTotals): number {
  return measureOf(dimension) === "activities" ? totals.activities : totals.accompaniments;
}

/** « Thématique » → « thématiques », for « une activité peut compter dans plusieurs thématiques ». */
export const MULTI_VALUED_NOTES: Partial<Record<Dimension, string>> = {
  theme: "Une activité peut compter dans plusieurs thématiques : les parts ne s'additionnent pas.",
  procedureArea: "Une activité peut compter dans plusieurs démarches : les parts ne s'additionnent pas.",
  equipment: "Une activité peut compter dans plusieurs types de matériel : les parts ne s'additionnent pas.",
};

/** A label starting with a lower-case letter, for use inside a sentence (« aide aux démarches »). */
export function inSentence(label: string): string {
  return lowerFirst(label);
}
