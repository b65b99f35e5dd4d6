// The absence form: one-off (from a date and time to a date and time) or weekly (weekdays, a time range or
// the whole day, validity dates). The rules themselves are checked by checkAbsence.
import { type Absence, checkAbsence } from "../booking/absences.ts";
import { ABSENCE_KINDS, type AbsenceKind } from "../booking/booking.ts";
import { addDays, parisToInstant } from "../calendar/paris-time.ts";
import type { AbsenceValues } from "./absences.repository.ts";
import { parseIsoDate } from "./agenda.ts";

export interface AbsenceFormValues {
  type: string;
  kind: string;
  label: string;
  start_date: string;
  start_time: string;
  end_date: string;
  end_time: string;
  weekdays: string[];
  weekly_start: string;
  weekly_end: string;
  valid_from: string;
  valid_to: string;
}

type RawForm = Record<string, string | string[] | undefined>;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function readAbsenceForm(body: RawForm): AbsenceFormValues {
  const weekdays = body.weekdays === undefined ? [] : Array.isArray(body.weekdays) ? body.weekdays : [body.weekdays];
  return {
    type: first(body.type),
    kind: first(body.kind),
    label: first(body.label),
    start_date: first(body.start_date),
    start_time: first(body.start_time),
    end_date: first(body.end_date),
    end_time: first(body.end_time),
    weekdays: weekdays.filter((d) => /^[1-7]$/.test(d)),
    weekly_start: first(body.weekly_start),
    weekly_end: first(body.weekly_end),
    valid_from: first(body.valid_from),
    valid_to: first(body.valid_to),
  };
}

export function blankAbsenceForm(today: string): AbsenceFormValues {
  return {
    type: "",
    kind: "",
    label: "",
    start_date: "",
    start_time: "",
    end_date: "",
    end_time: "",
    weekdays: [],
    weekly_start: "",
    weekly_end: "",
    valid_from: today,
    valid_to: "",
  };
}

function validateOnce(v: AbsenceFormValues, kind: AbsenceKind, errors: Record<string, string>): Absence | null {
  const startDate = parseIsoDate(v.start_date);
  const endDate = parseIsoDate(v.end_date);
  if (startDate === null) errors.start_date = "Indiquez la date de début, par exemple 2026-12-21.";
  if (endDate === null) errors.end_date = "Indiquez la date de fin, par exemple 2026-12-24.";
  if (v.start_time !== "" && !TIME.test(v.start_time)) errors.start_time = "Indiquez l'heure de début, par exemple 09:00, ou laissez vide.";
  if (v.end_time !== "" && !TIME.test(v.end_time)) errors.end_time = "Indiquez l'heure de fin, par exemple 17:00, ou laissez vide.";
  if (startDate === null || endDate === null || errors.start_time || errors.end_time) return null;
  const start = parisToInstant(startDate, v.start_time || "00:00");
  const end = v.end_time ? parisToInstant(endDate, v.end_time) : parisToInstant(addDays(endDate, 1), "00:00");
  return { type: "once", kind, start, end };
}

function validateWeekly(v: AbsenceFormValues, kind: AbsenceKind, errors: Record<string, string>): Absence | null {
  const validFrom = parseIsoDate(v.valid_from);
  const validTo = v.valid_to === "" ? null : parseIsoDate(v.valid_to);
  if (validFrom === null) errors.valid_from = "Indiquez la date de début, par exemple 2026-09-01.";
  if (v.valid_to !== "" && validTo === null) errors.valid_to = "La date de fin n'est pas une date valide, par exemple 2027-06-30.";
  if (validFrom === null || errors.valid_to) return null;
  return {
    type: "weekly",
    kind,
    weekdays: [...new Set(v.weekdays.map(Number))].sort((a, b) => a - b),
    startTime: v.weekly_start || null,
    endTime: v.weekly_end || null,
    validFrom,
    validTo,
  };
}

const PROBLEM_FIELDS: Record<string, keyof AbsenceFormValues> = {
  start: "start_date",
  end: "end_date",
  weekdays: "weekdays",
  startTime: "weekly_start",
  endTime: "weekly_end",
  validTo: "valid_to",
};

export function validateAbsenceForm(v: AbsenceFormValues): { input: AbsenceValues | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (v.type !== "once" && v.type !== "weekly") errors.type = "Choisissez une absence ponctuelle ou chaque semaine.";
  const kind = Object.hasOwn(ABSENCE_KINDS, v.kind) ? (v.kind as AbsenceKind) : null;
  if (kind === null) errors.kind = "Choisissez le motif de l'absence.";
  if (v.label.length > 120) errors.label = "La précision ne doit pas dépasser 120 caractères.";
  const absence = v.type === "once" ? validateOnce(v, kind ?? "other", errors) : v.type === "weekly" ? validateWeekly(v, kind ?? "other", errors) : null;
  if (absence) for (const problem of checkAbsence(absence)) errors[PROBLEM_FIELDS[problem.field] ?? problem.field] ??= problem.message;
  if (absence === null || kind === null || Object.keys(errors).length > 0) return { input: null, errors };
  const label = v.label === "" ? null : v.label;
  return { input: { ...absence, kind, label }, errors: {} };
}
