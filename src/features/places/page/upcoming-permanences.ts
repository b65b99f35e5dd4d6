// The coming permanences of a place, as lines a person reads: date, time range, how to come, who.
// Public holidays and cancelled dates are already left out by the permanence rules.

import { clockRange } from "../../../web/french-format.ts";
import { addDays, toParis } from "../../calendar/paris-time.ts";
import { PERMANENCE_MODES } from "../../permanences/permanence.ts";
import { formatDay, formatHour, type PermanenceSlotRule, permanenceIntervals } from "../availability.ts";

export const PERMANENCE_HORIZON_DAYS = 27;

export interface PermanenceLine {
  /** « jeudi 12 novembre ». */
  day: string;
  /** « 9 h – 12 h ». */
  hours: string;
  /** « Sans rendez-vous ». */
  mode: string;
  advisorFirstName: string;
}

/** Permanences of the next four weeks (today included) that are not over yet, earliest first. */
export function upcomingPermanences(rules: PermanenceSlotRule[], now: Date, departement: string): PermanenceLine[] {
  const today = toParis(now).date;
  return permanenceIntervals(rules, today, addDays(today, PERMANENCE_HORIZON_DAYS), departement)
    .filter((i) => i.end.getTime() > now.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.advisorFirstName ?? "").localeCompare(b.advisorFirstName ?? ""))
    .map((i) => ({
      day: formatDay(i.start),
      hours: clockRange(formatHour(i.start), formatHour(i.end)),
      mode: i.mode ? PERMANENCE_MODES[i.mode] : "",
      advisorFirstName: i.advisorFirstName ?? "",
    }));
}
