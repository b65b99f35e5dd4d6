// Dates and times as the booking pages write them: « mardi 8 décembre 2026 », « 9 h 30 ».

import { durationText } from "../../web/french-format.ts";
import { formatHour } from "../places/availability.ts";
import { APPOINTMENT_LOCATIONS, type AppointmentLocation } from "./booking.ts";

const LONG_DAY = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
const DATE_ONLY = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export { formatHour };

export function formatLongDay(instant: Date): string {
  return LONG_DAY.format(instant);
}

/** A Paris calendar date (YYYY-MM-DD) in words. */
export function formatDate(date: string): string {
  return DATE_ONLY.format(new Date(`${date}T12:00:00Z`));
}

export function formatWhen(start: Date, end: Date): string {
  return `${formatLongDay(start)}, de ${formatHour(start)} à ${formatHour(end)}`;
}

export function locationLabel(location: AppointmentLocation): string {
  return APPOINTMENT_LOCATIONS[location];
}

export function durationLabel(minutes: number): string {
  return durationText(minutes);
}
