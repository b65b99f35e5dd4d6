// When a place is open or staffed: its opening hours (OpenStreetMap syntax, evaluated by the
// opening_hours library) and its advisors' permanences. Plain-French sentences for people.
import OpeningHours from "opening_hours";
import { clockRange, clockTimeOf } from "../../web/french-format.ts";
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { useParisTimeZone } from "../calendar/process-timezone.ts";
import { occurrences, type PermanenceMode, type PermanenceRule } from "../permanences/permanence.ts";

useParisTimeZone();

// French public holidays ("PH") are known to the library from the country code.
const NOMINATIM = { lat: 46.6, lon: 1.9, address: { country_code: "fr", state: "" } };

export interface PermanenceSlotRule extends PermanenceRule {
  mode: PermanenceMode;
  advisorFirstName: string;
}

export interface OpenInterval {
  start: Date;
  end: Date;
  kind: "hours" | "permanence";
  mode: PermanenceMode | null;
  advisorFirstName: string | null;
}

/** null when valid, else the library's explanation (English, for logs and admin hints). */
export function openingHoursError(value: string): string | null {
  try {
    new OpeningHours(value, NOMINATIM as never);
    return null;
  } catch (error) {
    return String(error);
  }
}

// Parsing is the costly part and a few dozen strings cover most places: parsed rules are kept.
const PARSED_LIMIT = 5000;
const parsed = new Map<string, OpeningHours | null>();

function parseOpeningHours(value: string): OpeningHours | null {
  let rules = parsed.get(value);
  if (rules === undefined) {
    try {
      rules = new OpeningHours(value, NOMINATIM as never);
    } catch {
      rules = null;
    }
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(value, rules);
  }
  return rules;
}

export function openingHoursIntervals(value: string, from: Date, to: Date): OpenInterval[] {
  const rules = parseOpeningHours(value);
  if (!rules) return [];
  return rules.getOpenIntervals(from, to).map(([start, end]) => ({ start, end, kind: "hours", mode: null, advisorFirstName: null }));
}

export function permanenceIntervals(rules: PermanenceSlotRule[], fromDate: string, toDate: string, departement: string): OpenInterval[] {
  const holidays = holidaySet(fromDate, toDate, departement);
  return rules.flatMap((rule) =>
    occurrences(rule, fromDate, toDate, holidays).map((o) => ({
      start: o.start,
      end: o.end,
      kind: "permanence" as const,
      mode: rule.mode,
      advisorFirstName: rule.advisorFirstName,
    })),
  );
}

/** Openings not over yet, earliest first, within horizonDays. */
export function nextOpenings(
  place: { openingHours: string | null; permanences: PermanenceSlotRule[] },
  now: Date,
  options: { horizonDays: number; departement: string },
): OpenInterval[] {
  const today = toParis(now).date;
  const lastDay = addDays(today, options.horizonDays);
  const horizon = new Date(now.getTime() + (options.horizonDays + 1) * 86_400_000);
  const hours = place.openingHours ? openingHoursIntervals(place.openingHours, now, horizon) : [];
  const staffed = permanenceIntervals(place.permanences, today, lastDay, options.departement);
  return [...hours, ...staffed].filter((i) => i.end.getTime() > now.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The first opening not over yet. Most places open within a week: look 7 days ahead first and
 * search further only when nothing is found (evaluating hours over two months is slow).
 */
export function firstOpening(
  place: { openingHours: string | null; permanences: PermanenceSlotRule[] },
  now: Date,
  options: { maxDays: number; departement: string },
): OpenInterval | null {
  for (const horizonDays of [7, options.maxDays]) {
    const found = nextOpenings(place, now, { horizonDays, departement: options.departement })[0];
    if (found || horizonDays >= options.maxDays) return found ?? null;
  }
  return null;
}

/** "9 h", "14 h 30". */
export function formatHour(date: Date): string {
  return clockTimeOf(toParis(date).time);
}

const DAY = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", timeZone: "Europe/Paris" });

/** "jeudi 12 juin". */
export function formatDay(date: Date): string {
  return DAY.format(date);
}

/**
 * « Ouvert maintenant, jusqu'à 17 h », « Ouvert aujourd'hui de 14 h à 17 h », « Demain de 9 h à 12 h »,
 * « Prochaine permanence : jeudi 12 juin, 9 h – 12 h ». null when nothing is planned.
 */
export function describeNextOpening(intervals: Pick<OpenInterval, "start" | "end" | "kind">[], now: Date): string | null {
  const next = intervals.find((i) => i.end.getTime() > now.getTime());
  if (!next) return null;
  const today = toParis(now).date;
  const day = toParis(next.start).date;
  const isPermanence = next.kind === "permanence";
  if (next.start.getTime() <= now.getTime()) {
    return isPermanence ? `Conseiller présent maintenant, jusqu'à ${formatHour(next.end)}` : `Ouvert maintenant, jusqu'à ${formatHour(next.end)}`;
  }
  const range = `de ${formatHour(next.start)} à ${formatHour(next.end)}`;
  if (day === today) return isPermanence ? `Permanence aujourd'hui ${range}` : `Ouvert aujourd'hui ${range}`;
  if (day === addDays(today, 1)) return isPermanence ? `Permanence demain ${range}` : `Ouvert demain ${range}`;
  const when = `${formatDay(next.start)}, ${clockRange(formatHour(next.start), formatHour(next.end))}`;
  return isPermanence ? `Prochaine permanence : ${when}` : `Prochaine ouverture : ${when}`;
}
