// A permanence is an advisor's recurring presence at a place: some weekdays, a time range, every N weeks,
// within validity dates, minus cancelled dates and French public holidays. Occurrences are computed here,
// in Paris wall-clock time, so 9:00 stays 9:00 across daylight-saving changes.
import { addDays, mondayOf, parisToInstant } from "../calendar/paris-time.ts";

export const PERMANENCE_MODES = {
  drop_in: "Sans rendez-vous",
  appointment: "Sur rendez-vous",
  both: "Avec ou sans rendez-vous",
} as const;

export type PermanenceMode = keyof typeof PERMANENCE_MODES;

export interface PermanenceRule {
  weekdays: number[]; // 1 = Monday … 7 = Sunday
  startTime: string; // HH:MM
  endTime: string; // HH:MM
  everyWeeks: number; // 1 = every week, 2 = every other week …
  validFrom: string; // YYYY-MM-DD, also the anchor of the N-week rhythm
  validTo: string | null;
  cancelledDates: string[];
}

export interface Occurrence {
  date: string;
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

/** Occurrences whose date lies in [fromDate, toDate], in order. Days are walked as UTC midnights (fast). */
export function occurrences(rule: PermanenceRule, fromDate: string, toDate: string, holidays: ReadonlySet<string>): Occurrence[] {
  const first = fromDate > rule.validFrom ? fromDate : rule.validFrom;
  const last = rule.validTo !== null && rule.validTo < toDate ? rule.validTo : toDate;
  if (first > last) return [];
  const weekdays = new Set(rule.weekdays);
  const cancelled = new Set(rule.cancelledDates);
  const anchor = Date.parse(`${mondayOf(rule.validFrom)}T00:00:00Z`);
  const lastMs = Date.parse(`${last}T00:00:00Z`);
  const out: Occurrence[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= lastMs; ms += DAY_MS) {
    const weekday = new Date(ms).getUTCDay() || 7;
    if (!weekdays.has(weekday)) continue;
    const date = new Date(ms).toISOString().slice(0, 10);
    if (cancelled.has(date) || holidays.has(date)) continue;
    const week = Math.round((ms - (weekday - 1) * DAY_MS - anchor) / (7 * DAY_MS));
    if (week % rule.everyWeeks !== 0) continue;
    out.push({ date, start: parisToInstant(date, rule.startTime), end: parisToInstant(date, rule.endTime) });
  }
  return out;
}

/** Occurrences not yet over at `now`, at most `limit`, looking `horizonDays` ahead. */
export function upcomingOccurrences(
  rule: PermanenceRule,
  now: Date,
  today: string,
  holidays: ReadonlySet<string>,
  options: { limit: number; horizonDays: number },
): Occurrence[] {
  return occurrences(rule, today, addDays(today, options.horizonDays), holidays)
    .filter((o) => o.end.getTime() > now.getTime())
    .slice(0, options.limit);
}

export type RuleProblem = { field: keyof PermanenceRule; message: string };

export function checkPermanenceRule(rule: PermanenceRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rule.weekdays.length === 0 || rule.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push({ field: "weekdays", message: "Choisissez au moins un jour de la semaine." });
  }
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!time.test(rule.startTime)) problems.push({ field: "startTime", message: "Indiquez l'heure de début, par exemple 09:00." });
  if (!time.test(rule.endTime)) problems.push({ field: "endTime", message: "Indiquez l'heure de fin, par exemple 12:00." });
  else if (time.test(rule.startTime) && rule.endTime <= rule.startTime) {
    problems.push({ field: "endTime", message: "L'heure de fin doit être après l'heure de début." });
  }
  if (!Number.isInteger(rule.everyWeeks) || rule.everyWeeks < 1 || rule.everyWeeks > 8) {
    problems.push({ field: "everyWeeks", message: "Le rythme doit être de 1 à 8 semaines." });
  }
  if (rule.validTo !== null && rule.validTo < rule.validFrom) {
    problems.push({ field: "validTo", message: "La date de fin doit être après la date de début." });
  }
  return problems;
}
