// The network view, pure part: weekly hours of permanence, the advisor's main place, training periods in
// plain French, activity in the last 30 days, filters and groups with their totals.

import { clockTime, clockTimeOf, durationText } from "../../web/french-format.ts";
import { addDays } from "../calendar/paris-time.ts";
import { STRUCTURE_KINDS, type StructureKind } from "../organisation/organisation.ts";

/** An advisor is active when something they did is dated within this many days before today (inclusive). */
export const ACTIVE_WINDOW_DAYS = 30;

export interface PermanenceHours {
  placeId: string;
  weekdays: number[];
  startTime: string; // HH:MM
  endTime: string; // HH:MM
  everyWeeks: number;
  validFrom: string;
  validTo: string | null;
}

export function isValidOn(p: { validFrom: string; validTo: string | null }, date: string): boolean {
  return p.validFrom <= date && (p.validTo === null || p.validTo >= date);
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Average minutes per week of one permanence: each weekday counts its time range, divided by the rhythm
 * (every other week counts half). Cancelled dates and public holidays are exceptions and do not count.
 */
export function weeklyMinutes(p: PermanenceHours): number {
  const span = Math.max(0, minutesOf(p.endTime) - minutesOf(p.startTime));
  return (new Set(p.weekdays).size * span) / Math.max(1, p.everyWeeks);
}

/** Weekly minutes of the permanences valid today. */
export function advisorWeeklyMinutes(permanences: readonly PermanenceHours[], today: string): number {
  return permanences.filter((p) => isValidOn(p, today)).reduce((sum, p) => sum + weeklyMinutes(p), 0);
}

/** The place where the advisor spends the most weekly time today (ties: the smallest id, for a stable answer). */
export function mainPlaceId(permanences: readonly PermanenceHours[], today: string): string | null {
  const byPlace = new Map<string, number>();
  for (const p of permanences) if (isValidOn(p, today)) byPlace.set(p.placeId, (byPlace.get(p.placeId) ?? 0) + weeklyMinutes(p));
  let best: [string, number] | null = null;
  for (const entry of [...byPlace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (best === null || entry[1] > best[1]) best = entry;
  }
  return best?.[0] ?? null;
}

/** "7 h 30", "45 min", "0 h": minutes rounded to the minute. */
export function formatHours(minutes: number): string {
  const total = Math.round(minutes);
  return total === 0 ? clockTime(0, 0) : durationText(total);
}

/** Decimal hours for spreadsheets, French style: "7,5", "1,25". */
export function decimalHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100).replace(".", ",");
}

export type TrainingPeriod =
  | { type: "weekly"; weekdays: number[]; startTime: string | null; endTime: string | null; validFrom: string; validTo: string | null }
  | { type: "dated"; from: string; to: string };

const WEEKDAYS = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/** "3 mars 2027", "1er mai 2027". */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d === 1 ? "1er" : d} ${MONTHS[m - 1]} ${y}`;
}

function frenchList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items.at(-1)}`;
}

const frenchTime = clockTimeOf;

/** « Formation le mardi », « Formation le lundi et le jeudi de 9 h à 12 h, jusqu'au 30 juin 2027 », « Formation du 3 au 7 mars 2027 ». */
export function trainingPhrase(period: TrainingPeriod, today: string): string {
  if (period.type === "dated") {
    if (period.from === period.to) return `Formation le ${frenchDate(period.from)}`;
    return `Formation du ${frenchDate(period.from)} au ${frenchDate(period.to)}`;
  }
  const days = frenchList([...new Set(period.weekdays)].sort((a, b) => a - b).map((d) => `le ${WEEKDAYS[d]}`));
  const hours = period.startTime && period.endTime ? ` de ${frenchTime(period.startTime)} à ${frenchTime(period.endTime)}` : "";
  const from = period.validFrom > today ? `, à partir du ${frenchDate(period.validFrom)}` : "";
  const to = period.validTo !== null ? `, jusqu'au ${frenchDate(period.validTo)}` : "";
  return `Formation ${days}${hours}${from}${to}`;
}

/** Training periods not over yet, as phrases, weekly ones first then dated ones by date. */
export function currentTrainingPhrases(periods: readonly TrainingPeriod[], today: string): string[] {
  const live = periods.filter((p) => (p.type === "dated" ? p.to >= today : p.validTo === null || p.validTo >= today));
  const start = (p: TrainingPeriod) => (p.type === "dated" ? `1${p.from}` : `0${p.validFrom}`);
  return [...live].sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0)).map((p) => trainingPhrase(p, today));
}

/** Active: the last activity (report, attended appointment, workshop led) is at most 30 days before today. */
export function isActive(lastActivity: string | null, today: string): boolean {
  return lastActivity !== null && lastActivity >= addDays(today, -ACTIVE_WINDOW_DAYS);
}

export function latestDate(dates: readonly (string | null)[]): string | null {
  let latest: string | null = null;
  for (const d of dates) if (d !== null && (latest === null || d > latest)) latest = d;
  return latest;
}

export function employerKindLabel(kind: string): string {
  return Object.hasOwn(STRUCTURE_KINDS, kind) ? STRUCTURE_KINDS[kind as StructureKind] : kind;
}
