// When and where each demo advisor worked over the past year: the weekdays of their permanences (the weekly
// rules of demo.permanences.ts, carried back over the whole year in the same rhythm), minus Sundays, public
// holidays, the weekly Afpa training day, the leave stored with the booking demo, and their holidays
// (three weeks in summer, one at Christmas, some in February). Advisors work full days: the half-days
// around a permanence go to home visits, remote help and workshops. Pure and deterministic.
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, daysBetween, isoWeekday, mondayOf, toParis } from "../calendar/paris-time.ts";
import type { DemoAbsence } from "./demo.booking.ts";
import { hashString, mulberry32 } from "./demo.data.ts";
import type { DemoSchedule } from "./demo.permanences.ts";

/** The twelve months of demo activity: from one year ago to yesterday (Paris dates, inclusive). */
export function activityPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -365), to: addDays(today, -1) };
}

/** Days on which the booking demo holds appointments: advisors' holidays are not invented there. */
export const BOOKING_WINDOW_DAYS = 28;

/** An advisor's own holidays, the weeks a real network slows down. */
export function holidayWeeks(advisor: string, from: string, to: string): Set<string> {
  const rng = mulberry32(hashString(`vacances:${advisor}`));
  const days = new Set<string>();
  const week = (monday: string, weeks: number) => {
    for (let i = 0; i < 7 * weeks; i++) days.add(addDays(monday, i));
  };
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    week(addDays(mondayOf(`${year}-07-13`), 7 * Math.floor(rng() * 5)), 3);
    week(rng() < 0.5 ? mondayOf(`${year}-12-24`) : mondayOf(`${year + 1}-01-01`), 1);
    if (rng() < 0.4) week(addDays(mondayOf(`${year}-02-16`), 7 * Math.floor(rng() * 2)), 1);
  }
  return days;
}

export interface WorkDay {
  /** Places of the day's permanences, one entry per half-day; the places of that weekday's rules when none falls this week. */
  places: string[];
  /** Half-days of permanence that day (0 in the off week of an every-other-week rule). */
  permanences: number;
}

/**
 * Advisor e-mail → (date → the day's work), for the dates in [from, to] on which the advisor worked: the
 * weekdays of their permanences. Only dates, no instants: this runs for every day of the year.
 */
export function workingDays(
  schedule: DemoSchedule,
  absences: readonly DemoAbsence[],
  options: { from: string; to: string; today: string; departement: string },
): Map<string, Map<string, WorkDay>> {
  const { from, to, today } = options;
  const holidays = holidaySet(from, to, options.departement);
  const bookingStart = addDays(today, -BOOKING_WINDOW_DAYS);
  const calendar: { date: string; weekday: number; monday: string }[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) calendar.push({ date, weekday: isoWeekday(date), monday: mondayOf(date) });
  const out = new Map<string, Map<string, WorkDay>>();
  for (const [advisor, trainingDay] of schedule.trainingDay) {
    const leave = leaveDates(absences.filter((a) => a.advisorId === advisor));
    const holidaysOff = holidayWeeks(advisor, from, to);
    const rules = schedule.permanences.filter((p) => p.advisor === advisor);
    const days = new Map<string, WorkDay>();
    for (const { date, weekday, monday } of calendar) {
      if (weekday === 7 || weekday === trainingDay || holidays.has(date) || leave.has(date)) continue;
      if (date < bookingStart && holidaysOff.has(date)) continue;
      const ofWeekday = rules.filter((r) => r.weekdays.includes(weekday));
      if (ofWeekday.length === 0) continue;
      // Every N weeks from the rule's anchor, as if the rule had always existed.
      const held = ofWeekday.filter((r) => (((Math.floor(daysBetween(mondayOf(r.validFrom), monday) / 7) % r.everyWeeks) + r.everyWeeks) % r.everyWeeks) === 0);
      days.set(date, { places: (held.length > 0 ? held : ofWeekday).map((r) => r.place), permanences: held.length });
    }
    out.set(advisor, days);
  }
  return out;
}

/** Dates covered by the advisor's stored leave (whole days, Paris). */
function leaveDates(absences: readonly DemoAbsence[]): Set<string> {
  const out = new Set<string>();
  for (const a of absences) {
    if (a.type !== "once") continue;
    const last = toParis(new Date(a.end.getTime() - 1)).date;
    for (let date = toParis(a.start).date; date <= last; date = addDays(date, 1)) out.add(date);
  }
  return out;
}
