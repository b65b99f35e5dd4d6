// The permanence form: reading and checking the posted fields (the rule itself is checked by permanence.ts),
// and filling the form from a stored permanence.

import { parseCalendarDate } from "../../calendar/calendar-date.ts";
import { checkPermanenceRule, PERMANENCE_MODES, type PermanenceMode, type PermanenceRule } from "../../permanences/permanence.ts";
import type { PermanenceValues } from "./permanence-admin.repository.ts";
import type { RawForm } from "./place-form.ts";

export const PERMANENCE_FIELD_LABELS: Record<string, string> = {
  advisor_id: "Conseiller ou conseillère",
  weekdays: "Jours",
  start_time: "Heure de début",
  end_time: "Heure de fin",
  every_weeks: "Rythme (toutes les N semaines)",
  valid_from: "À partir du",
  valid_to: "Jusqu'au",
  cancelled_dates: "Dates annulées",
  mode: "Accueil",
};

export interface PermanenceFormValues {
  advisor_id: string;
  weekdays: string[];
  start_time: string;
  end_time: string;
  every_weeks: string;
  valid_from: string;
  valid_to: string;
  cancelled_dates: string;
  mode: string;
}

const RULE_FIELDS: Record<keyof PermanenceRule, keyof PermanenceFormValues> = {
  weekdays: "weekdays",
  startTime: "start_time",
  endTime: "end_time",
  everyWeeks: "every_weeks",
  validFrom: "valid_from",
  validTo: "valid_to",
  cancelledDates: "cancelled_dates",
};

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function readPermanenceForm(body: RawForm): PermanenceFormValues {
  const weekdays = body.weekdays === undefined ? [] : Array.isArray(body.weekdays) ? body.weekdays : [body.weekdays];
  return {
    advisor_id: first(body.advisor_id),
    weekdays: weekdays.filter((d) => /^[1-7]$/.test(d)),
    start_time: first(body.start_time),
    end_time: first(body.end_time),
    every_weeks: first(body.every_weeks),
    valid_from: first(body.valid_from),
    valid_to: first(body.valid_to),
    cancelled_dates: first(body.cancelled_dates),
    mode: first(body.mode),
  };
}

/** 'YYYY-MM-DD' from '2026-12-24' or '24/12/2026', when it is a real calendar date. */
export function parseDate(text: string): string | null {
  return parseCalendarDate(text, { french: true });
}

export function validatePermanenceForm(values: PermanenceFormValues): { input: PermanenceValues | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (values.advisor_id === "") errors.advisor_id = "Choisissez le conseiller ou la conseillère.";
  const validFrom = parseDate(values.valid_from);
  if (validFrom === null) errors.valid_from = "Indiquez la date de début, par exemple 2026-09-01.";
  const validTo = values.valid_to === "" ? null : parseDate(values.valid_to);
  if (values.valid_to !== "" && validTo === null) errors.valid_to = "La date de fin n'est pas une date valide, par exemple 2027-06-30.";
  const cancelled: string[] = [];
  for (const part of values.cancelled_dates.split(/[,;\s]+/).filter(Boolean)) {
    const date = parseDate(part);
    if (date === null) {
      errors.cancelled_dates = `« ${part} » n'est pas une date : écrivez par exemple 2026-12-24 ou 24/12/2026.`;
      break;
    }
    cancelled.push(date);
  }
  if (cancelled.length > 200) errors.cancelled_dates = "200 dates annulées au plus.";
  const mode = Object.hasOwn(PERMANENCE_MODES, values.mode) ? (values.mode as PermanenceMode) : null;
  if (mode === null) errors.mode = "Choisissez comment les personnes sont accueillies.";
  const everyWeeks = /^\d$/.test(values.every_weeks) ? Number(values.every_weeks) : Number.NaN;
  const rule: PermanenceRule = {
    weekdays: values.weekdays.map(Number),
    startTime: values.start_time,
    endTime: values.end_time,
    everyWeeks,
    validFrom: validFrom ?? "0000-01-01",
    validTo: validFrom === null ? null : validTo,
    cancelledDates: cancelled,
  };
  for (const problem of checkPermanenceRule(rule)) errors[RULE_FIELDS[problem.field]] ??= problem.message;
  if (Object.keys(errors).length > 0 || validFrom === null || mode === null) return { input: null, errors };
  return {
    input: {
      advisorId: values.advisor_id,
      weekdays: [...new Set(rule.weekdays)].sort((a, b) => a - b),
      startTime: rule.startTime,
      endTime: rule.endTime,
      everyWeeks,
      validFrom,
      validTo,
      cancelledDates: [...new Set(cancelled)].sort(),
      mode,
    },
    errors: {},
  };
}

export function blankPermanenceForm(today: string, advisorId: string): PermanenceFormValues {
  return { advisor_id: advisorId, weekdays: [], start_time: "", end_time: "", every_weeks: "1", valid_from: today, valid_to: "", cancelled_dates: "", mode: "both" };
}

export function permanenceToForm(p: {
  advisor_id: string;
  weekdays: number[];
  start_time: string;
  end_time: string;
  every_weeks: number;
  valid_from: string;
  valid_to: string | null;
  cancelled_dates: string[];
  mode: string;
}): PermanenceFormValues {
  return {
    advisor_id: p.advisor_id,
    weekdays: p.weekdays.map(String),
    start_time: p.start_time,
    end_time: p.end_time,
    every_weeks: String(p.every_weeks),
    valid_from: p.valid_from,
    valid_to: p.valid_to ?? "",
    cancelled_dates: p.cancelled_dates.join(", "),
    mode: p.mode,
  };
}

/** The stored columns of a permanence, as the history records them. */
export function permanenceColumns(v: PermanenceValues): Record<string, string | number | number[] | string[] | null> {
  return {
    advisor_id: v.advisorId,
    weekdays: v.weekdays,
    start_time: v.startTime,
    end_time: v.endTime,
    every_weeks: v.everyWeeks,
    valid_from: v.validFrom,
    valid_to: v.validTo,
    cancelled_dates: v.cancelledDates,
    mode: v.mode,
  };
}
