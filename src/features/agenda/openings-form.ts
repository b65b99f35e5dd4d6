// The exceptional opening form: a place, a Paris date and a time range, in the future and at most six
// months ahead. Overlap with the advisor's other openings is checked against the database by the route.
import { parisToInstant, toParis } from "../calendar/paris-time.ts";
import { parseIsoDate } from "./agenda.ts";

export interface OpeningFormValues {
  place: string;
  date: string;
  start_time: string;
  end_time: string;
}

export interface OpeningInput {
  placeId: string;
  start: Date;
  end: Date;
}

type RawForm = Record<string, string | string[] | undefined>;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_MONTHS_AHEAD = 6;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function readOpeningForm(body: RawForm): OpeningFormValues {
  return { place: first(body.place), date: first(body.date), start_time: first(body.start_time), end_time: first(body.end_time) };
}

export function blankOpeningForm(): OpeningFormValues {
  return { place: "", date: "", start_time: "", end_time: "" };
}

/** The Paris date six months after `today` (the end of the month when that day does not exist). */
export function latestOpeningDate(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + MAX_MONTHS_AHEAD + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + MAX_MONTHS_AHEAD, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export function validateOpeningForm(
  v: OpeningFormValues,
  context: { now: Date; placeIds: readonly string[] },
): { input: OpeningInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!context.placeIds.includes(v.place)) errors.place = "Choisissez le lieu de l'ouverture.";
  const date = parseIsoDate(v.date);
  if (date === null) errors.date = "Indiquez la date de l'ouverture, par exemple 2027-03-13.";
  if (!TIME.test(v.start_time)) errors.start_time = "Indiquez l'heure de début, par exemple 09:00.";
  if (!TIME.test(v.end_time)) errors.end_time = "Indiquez l'heure de fin, par exemple 12:00.";
  if (date !== null && !errors.start_time && !errors.end_time) {
    const today = toParis(context.now).date;
    if (v.end_time <= v.start_time) errors.end_time = "L'heure de fin doit être après l'heure de début.";
    else if (parisToInstant(date, v.start_time) <= context.now) errors.date = "L'ouverture doit commencer dans le futur.";
    else if (date > latestOpeningDate(today)) errors.date = `L'ouverture doit avoir lieu dans les ${MAX_MONTHS_AHEAD} prochains mois.`;
  }
  if (date === null || Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { placeId: v.place, start: parisToInstant(date, v.start_time), end: parisToInstant(date, v.end_time) }, errors: {} };
}
