// A place's opening hours as a plain-French week, Monday to Sunday, computed from its OpenStreetMap
// string over the coming days. A public holiday in the coming week would hide the usual hours of its
// weekday: that day is read one week later instead, and the closure is listed apart.

import { clockRange } from "../../../web/french-format.ts";
import { holidaySet } from "../../calendar/french-holidays.ts";
import { addDays, isoWeekday, parisToInstant, toParis } from "../../calendar/paris-time.ts";
import { formatDay, formatHour, openingHoursError, openingHoursIntervals } from "../availability.ts";

export const WEEKDAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;

export interface WeekDayHours {
  /** « lundi » … « dimanche ». */
  day: string;
  /** « 9 h – 12 h et 14 h – 17 h », or « Fermé ». */
  hours: string;
  open: boolean;
}

export interface WeeklyHours {
  days: WeekDayHours[];
  /** The string says PH off: « Fermé les jours fériés. » */
  closedOnPublicHolidays: boolean;
  /** « mercredi 11 novembre » for each holiday of the coming week on which the place is closed. */
  holidayClosures: string[];
}

function dayRanges(openingHours: string, date: string): string[] {
  const from = parisToInstant(date, "00:00");
  const to = parisToInstant(addDays(date, 1), "00:00");
  return openingHoursIntervals(openingHours, from, to).map((i) => {
    const end = i.end.getTime() >= to.getTime() ? "minuit" : formatHour(i.end);
    return clockRange(formatHour(i.start), end);
  });
}

function joinRanges(ranges: string[]): string {
  if (ranges.length <= 1) return ranges[0] ?? "Fermé";
  return `${ranges.slice(0, -1).join(", ")} et ${ranges[ranges.length - 1]}`;
}

export function saysClosedOnPublicHolidays(openingHours: string): boolean {
  return /\bPH\s+off\b/i.test(openingHours) || /\bPH\s+closed\b/i.test(openingHours);
}

/** null when the place has no opening hours, or hours that cannot be read (never a week of « Fermé »). */
export function weeklyHours(openingHours: string | null, now: Date, departement: string): WeeklyHours | null {
  if (!openingHours || openingHours.trim() === "" || openingHoursError(openingHours) !== null) return null;
  const today = toParis(now).date;
  const holidays = holidaySet(today, addDays(today, 27), departement);
  const byWeekday = new Map<number, WeekDayHours>();
  const holidayClosures: string[] = [];
  for (let offset = 0; offset < 7; offset++) {
    const date = addDays(today, offset);
    let usual = date;
    while (holidays.has(usual)) usual = addDays(usual, 7);
    const ranges = dayRanges(openingHours, usual);
    if (usual !== date && ranges.length > 0 && dayRanges(openingHours, date).length === 0) {
      holidayClosures.push(formatDay(parisToInstant(date, "12:00")));
    }
    byWeekday.set(isoWeekday(date), { day: WEEKDAY_NAMES[isoWeekday(date) - 1] as string, hours: joinRanges(ranges), open: ranges.length > 0 });
  }
  return {
    days: [1, 2, 3, 4, 5, 6, 7].map((d) => byWeekday.get(d) as WeekDayHours),
    closedOnPublicHolidays: saysClosedOnPublicHolidays(openingHours),
    holidayClosures,
  };
}

/** Each day's hours as one line, for print: « lundi : 9 h – 12 h ». Closed days are left out. */
export function openDaysSummary(week: WeeklyHours): string[] {
  return week.days.filter((d) => d.open).map((d) => `${d.day} : ${d.hours}`);
}
