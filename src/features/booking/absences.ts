// An advisor's absences: one-off (from an instant to an instant: leave, a sick day) or recurring (some
// weekdays, a time range or the whole day, within validity dates: the weekly Afpa training day). Expanded
// here into busy intervals in Paris wall-clock time, so "every Tuesday" stays Tuesday across DST changes.
import { addDays, isoWeekday, parisToInstant } from "../calendar/paris-time.ts";
import type { AbsenceKind } from "./booking.ts";
import { type Interval, mergeIntervals } from "./intervals.ts";

export interface OneOffAbsence {
  type: "once";
  kind: AbsenceKind;
  start: Date;
  end: Date;
}

export interface RecurringAbsence {
  type: "weekly";
  kind: AbsenceKind;
  weekdays: number[]; // 1 = Monday … 7 = Sunday
  startTime: string | null; // HH:MM, or null with endTime null for the whole day
  endTime: string | null;
  validFrom: string; // YYYY-MM-DD
  validTo: string | null;
}

export type Absence = OneOffAbsence | RecurringAbsence;

/** Busy time from these absences that meets the Paris dates [from, to] (inclusive), sorted and merged. */
export function absenceIntervals(absences: readonly Absence[], from: string, to: string): Interval[] {
  const rangeStart = parisToInstant(from, "00:00").getTime();
  const rangeEnd = parisToInstant(addDays(to, 1), "00:00").getTime();
  const out: Interval[] = [];
  for (const absence of absences) {
    if (absence.type === "once") {
      const start = absence.start.getTime();
      const end = absence.end.getTime();
      if (start < rangeEnd && end > rangeStart) out.push({ start, end });
      continue;
    }
    const first = from > absence.validFrom ? from : absence.validFrom;
    const last = absence.validTo !== null && absence.validTo < to ? absence.validTo : to;
    const weekdays = new Set(absence.weekdays);
    for (let date = first; date <= last; date = addDays(date, 1)) {
      if (weekdays.has(isoWeekday(date))) out.push(recurringOn(absence, date));
    }
  }
  return mergeIntervals(out);
}

function recurringOn(absence: RecurringAbsence, date: string): Interval {
  if (absence.startTime === null || absence.endTime === null) {
    return { start: parisToInstant(date, "00:00").getTime(), end: parisToInstant(addDays(date, 1), "00:00").getTime() };
  }
  return { start: parisToInstant(date, absence.startTime).getTime(), end: parisToInstant(date, absence.endTime).getTime() };
}

export type AbsenceProblem = { field: string; message: string };

export function checkAbsence(absence: Absence): AbsenceProblem[] {
  const problems: AbsenceProblem[] = [];
  if (absence.type === "once") {
    if (Number.isNaN(absence.start.getTime())) problems.push({ field: "start", message: "Indiquez le début de l'absence." });
    if (Number.isNaN(absence.end.getTime())) problems.push({ field: "end", message: "Indiquez la fin de l'absence." });
    else if (absence.end.getTime() <= absence.start.getTime()) {
      problems.push({ field: "end", message: "La fin de l'absence doit être après son début." });
    }
    return problems;
  }
  if (absence.weekdays.length === 0 || absence.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push({ field: "weekdays", message: "Choisissez au moins un jour de la semaine." });
  }
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  if ((absence.startTime === null) !== (absence.endTime === null)) {
    problems.push({ field: "endTime", message: "Indiquez l'heure de début et l'heure de fin, ou aucune pour la journée entière." });
  } else if (absence.startTime !== null && absence.endTime !== null) {
    if (!time.test(absence.startTime)) problems.push({ field: "startTime", message: "Indiquez l'heure de début, par exemple 09:00." });
    if (!time.test(absence.endTime)) problems.push({ field: "endTime", message: "Indiquez l'heure de fin, par exemple 17:00." });
    else if (time.test(absence.startTime) && absence.endTime <= absence.startTime) {
      problems.push({ field: "endTime", message: "L'heure de fin doit être après l'heure de début." });
    }
  }
  if (absence.validTo !== null && absence.validTo < absence.validFrom) {
    problems.push({ field: "validTo", message: "La date de fin doit être après la date de début." });
  }
  return problems;
}
