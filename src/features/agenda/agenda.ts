// The advisor's agenda as days: appointments and workshops, with permanences and absences as context.
// Pure: dates are Paris calendar dates, instants are Dates.

import type { AbsenceKind, AppointmentStatus } from "../booking/booking.ts";
import { parseCalendarDate } from "../calendar/calendar-date.ts";
import { addDays, mondayOf, parisToInstant, toParis } from "../calendar/paris-time.ts";

/** 'YYYY-MM-DD' when the text is a real calendar date, else null. */
export function parseIsoDate(text: string | undefined): string | null {
  return parseCalendarDate(text);
}

export type AgendaRange = { view: "day"; date: string } | { view: "week"; monday: string };

/** `?jour=` gives a day, `?semaine=` (any day of it) a week; otherwise this week. */
export function agendaRange(query: { jour?: string; semaine?: string }, today: string): AgendaRange {
  const day = parseIsoDate(query.jour);
  if (day) return { view: "day", date: day };
  return { view: "week", monday: mondayOf(parseIsoDate(query.semaine) ?? today) };
}

export function rangeDates(range: AgendaRange): string[] {
  if (range.view === "day") return [range.date];
  return [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(range.monday, i));
}

/** The instants [start, end) covering the range's Paris dates. */
export function rangeInstants(range: AgendaRange): { from: Date; to: Date } {
  const dates = rangeDates(range);
  return { from: parisToInstant(dates[0]!, "00:00"), to: parisToInstant(addDays(dates.at(-1)!, 1), "00:00") };
}

/** « Sophie M. » for everyone but the advisor, who sees « Sophie Martin ». */
export function personLabel(firstName: string, lastName: string, full: boolean): string {
  if (full) return `${firstName} ${lastName}`.trim();
  const initial = lastName.trim().charAt(0).toUpperCase();
  return initial ? `${firstName} ${initial}.` : firstName;
}

export interface AgendaEntry {
  type: "appointment" | "workshop";
  id: string;
  start: Date;
  end: Date;
  title: string;
  detail: string;
  place: string | null;
  status: AppointmentStatus | "workshop" | "workshop_cancelled";
}

export interface ContextSpan {
  start: Date;
  end: Date;
  label: string;
}

export interface AbsenceSpan extends ContextSpan {
  kind: AbsenceKind;
}

export interface AgendaDay {
  date: string;
  holiday: string | null;
  entries: AgendaEntry[];
  permanences: ContextSpan[];
  absences: AbsenceSpan[];
}

function dateOf(instant: Date): string {
  return toParis(instant).date;
}

/** Spans clipped to one day: a week-long leave shows on each of its days. */
function clipTo<T extends ContextSpan>(spans: T[], date: string): T[] {
  const dayStart = parisToInstant(date, "00:00").getTime();
  const dayEnd = parisToInstant(addDays(date, 1), "00:00").getTime();
  return spans
    .filter((s) => s.start.getTime() < dayEnd && s.end.getTime() > dayStart)
    .map((s) => ({ ...s, start: new Date(Math.max(s.start.getTime(), dayStart)), end: new Date(Math.min(s.end.getTime(), dayEnd)) }));
}

export function buildDays(
  dates: string[],
  input: { entries: AgendaEntry[]; permanences: ContextSpan[]; absences: AbsenceSpan[]; holidays: ReadonlyMap<string, string> },
): AgendaDay[] {
  const byStart = (a: { start: Date }, b: { start: Date }) => a.start.getTime() - b.start.getTime();
  return dates.map((date) => ({
    date,
    holiday: input.holidays.get(date) ?? null,
    entries: input.entries.filter((e) => dateOf(e.start) === date).sort(byStart),
    permanences: input.permanences.filter((p) => dateOf(p.start) === date).sort(byStart),
    absences: clipTo(input.absences, date).sort(byStart),
  }));
}

/** « toute la journée », « à partir de 14 h », « jusqu'à 12 h » or « 9 h – 12 h » for a span within one day. */
export function describeSpanOnDay(span: ContextSpan, date: string, timeRange: (start: Date, end: Date) => string, hour: (d: Date) => string): string {
  const dayStart = parisToInstant(date, "00:00").getTime();
  const dayEnd = parisToInstant(addDays(date, 1), "00:00").getTime();
  const fromStart = span.start.getTime() <= dayStart;
  const toEnd = span.end.getTime() >= dayEnd;
  if (fromStart && toEnd) return "toute la journée";
  if (toEnd) return `à partir de ${hour(span.start)}`;
  if (fromStart) return `jusqu'à ${hour(span.end)}`;
  return timeRange(span.start, span.end);
}
