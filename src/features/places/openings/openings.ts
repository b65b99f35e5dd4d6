// The next openings of a place, computed once per write instead of once per search: its opening hours
// and its permanences turned into time intervals over a horizon of Paris days, and the rules that say
// whether a computed horizon still serves a search made today.

import { holidaySet } from "../../calendar/french-holidays.ts";
import { addDays, parisToInstant } from "../../calendar/paris-time.ts";
import { occurrences } from "../../permanences/permanence.ts";
import { openingHoursIntervals, type PermanenceSlotRule } from "../availability.ts";
import type { OpeningKind } from "./openings.table.ts";

/** How far the rows reach: the search looks 60 days ahead, the daily job may run a day late. */
export const HORIZON_DAYS = 70;
/** What a search made today needs: today and the next 61 days (« prochaine ouverture » looks 60 days ahead). */
export const NEEDED_DAYS = 62;
/** The furthest day the « ouvert » filter can ask for, from today. */
export const MAX_OPEN_DATE_DAYS = 60;

export interface Opening {
  start: Date;
  end: Date;
  kind: OpeningKind;
}

/** Paris days [fromDay, toDay): the day before today (an opening may have started yesterday) to the horizon. */
export interface DayRange {
  fromDay: string;
  toDay: string;
}

export function horizonFrom(today: string): DayRange {
  return { fromDay: addDays(today, -1), toDay: addDays(today, HORIZON_DAYS) };
}

/** True when rows computed over `range` for `departement` answer every search made on `today`. */
export function serves(range: DayRange & { departement: string }, today: string, departement: string): boolean {
  return range.departement === departement && range.fromDay <= today && range.toDay >= addDays(today, NEEDED_DAYS);
}

export interface OpeningInputs {
  openingHours: string | null;
  permanences: PermanenceSlotRule[];
}

/** What every place of one computation shares: the range's public holidays, and each hours text's intervals. */
export interface OpeningsContext {
  range: DayRange;
  holidays: ReadonlySet<string>;
  hours: Map<string, Opening[]>;
}

export function openingsContext(range: DayRange, departement: string): OpeningsContext {
  return { range, holidays: holidaySet(range.fromDay, addDays(range.toDay, -1), departement), hours: new Map() };
}

/**
 * Openings and staffed times of one place within the context's range. Places share a few dozen
 * opening-hours texts: a full rebuild evaluates each text once.
 */
export function placeOpenings(place: OpeningInputs, context: OpeningsContext): Opening[] {
  const out: Opening[] = [];
  if (place.openingHours) {
    let hours = context.hours.get(place.openingHours);
    if (!hours) {
      const from = parisToInstant(context.range.fromDay, "00:00");
      const to = parisToInstant(context.range.toDay, "00:00");
      hours = openingHoursIntervals(place.openingHours, from, to).map((i) => ({ start: i.start, end: i.end, kind: "hours" as const }));
      context.hours.set(place.openingHours, hours);
    }
    out.push(...hours);
  }
  const lastDay = addDays(context.range.toDay, -1);
  for (const rule of place.permanences) {
    for (const o of occurrences(rule, context.range.fromDay, lastDay, context.holidays)) out.push({ start: o.start, end: o.end, kind: "permanence" });
  }
  return out;
}
