// The booking steps (need → motif → slot → details) are the same for the public and for staff booking on
// behalf; only their base URL and fixed parameters differ. Pure helpers to build their links.

import { isCalendarDate } from "../calendar/calendar-date.ts";
import { addDays, mondayOf, toParis } from "../calendar/paris-time.ts";
import type { BookingPlace } from "./booking.repository.ts";
import type { SlotView } from "./booking.service.ts";

export type FlowStep = "" | "motif" | "creneaux" | "coordonnees";

export interface Flow {
  base: string; // "/lieux/<slug>/rendez-vous" or "/gestion/rendez-vous/nouveau"
  fixed: Record<string, string>; // parameters every step keeps (staff: lieu)
  staff: boolean;
  place: BookingPlace;
}

export type FlowParams = Record<string, string | readonly string[] | null | undefined>;

export function flowPath(flow: Flow, step: FlowStep): string {
  return step === "" ? flow.base : `${flow.base}/${step}`;
}

export function flowHref(flow: Flow, step: FlowStep, params: FlowParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...flow.fixed, ...params })) {
    if (value === null || value === undefined) continue;
    for (const v of typeof value === "string" ? [value] : value) if (v !== "") search.append(key, v);
  }
  const text = search.toString();
  return `${flowPath(flow, step)}${text ? `?${text}` : ""}`;
}

export interface WeekDay {
  date: string;
  slots: SlotView[];
}

export interface Week {
  monday: string;
  days: WeekDay[]; // only days with slots
  previous: string | null; // Monday of the previous week, when it is not in the past
  next: string | null; // Monday of the next week, while still within the booking window
}

/** The Monday of a YYYY-MM-DD text, or null when the text is no date. */
export function parseWeek(text: string): string | null {
  return isCalendarDate(text) ? mondayOf(text) : null;
}

export function buildWeek(monday: string, slots: readonly SlotView[], today: string, lastDate: string): Week {
  const byDay = new Map<string, SlotView[]>();
  for (const s of slots) {
    const date = toParis(s.start).date;
    if (date < monday || date > addDays(monday, 6)) continue;
    byDay.set(date, [...(byDay.get(date) ?? []), s]);
  }
  const days = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, list]) => ({ date, slots: list }));
  const previous = addDays(monday, -7);
  const next = addDays(monday, 7);
  return {
    monday,
    days,
    previous: addDays(previous, 6) >= today ? previous : null,
    next: next <= lastDate ? next : null,
  };
}
