// THE slot computation. Bookable time = permanences by appointment (modes 'appointment' and 'both') and
// ad-hoc opening periods, minus absences, existing (non-cancelled) appointments and French public holidays,
// within the booking window of the appointment kind. Pure: the caller loads the data and passes `now`.
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { occurrences, type PermanenceMode, type PermanenceRule } from "../permanences/permanence.ts";
import { type Absence, absenceIntervals } from "./absences.ts";
import { type AppointmentKind, type AppointmentStatus, blocksTime, bookingWindow } from "./booking.ts";
import { type Interval, mergeIntervals, overlapsAny, subtractIntervals } from "./intervals.ts";
import { encodeSlotId } from "./slot-id.ts";

export { parseSlotId, type SlotKey } from "./slot-id.ts";

export interface AdvisorPermanence extends PermanenceRule {
  advisorId: string;
  placeId: string;
  mode: PermanenceMode;
}

/** An exceptional opening of an advisor at a place, outside the permanences. */
export interface OpeningPeriod {
  advisorId: string;
  placeId: string;
  start: Date;
  end: Date;
}

export type AdvisorAbsence = Absence & { advisorId: string };

export interface ExistingAppointment {
  advisorId: string;
  start: Date;
  end: Date;
  status: AppointmentStatus;
}

export interface SlotInput {
  /**
   * Every permanence of the advisors concerned, at EVERY place (not only the place asked for), so an advisor
   * double-booked across places is detected; filter the returned slots by place afterwards.
   */
  permanences: readonly AdvisorPermanence[];
  openings?: readonly OpeningPeriod[];
  absences?: readonly AdvisorAbsence[];
  appointments?: readonly ExistingAppointment[];
  kind: Pick<AppointmentKind, "id" | "durationMinutes" | "earliestMinutes" | "latestMonths">;
  now: Date;
  from: string; // YYYY-MM-DD, Paris date of the first slot start
  to: string; // YYYY-MM-DD, inclusive
  departement: string; // for the holidays of Alsace-Moselle
  stepMinutes?: number; // distance between two slot starts; default: the kind's duration
}

export interface Slot {
  id: string;
  advisorId: string;
  placeId: string;
  start: Date;
  end: Date;
}

const BOOKABLE_MODES: ReadonlySet<PermanenceMode> = new Set(["appointment", "both"]);

interface Presence extends Interval {
  placeId: string;
  bookable: boolean;
}

/**
 * Bookable slots, earliest first then by advisor. Starts follow a fixed grid from the start of each opening
 * (every `stepMinutes`), never shifted by an appointment, so a slot keeps its id while it stays free.
 */
export function computeSlots(input: SlotInput): Slot[] {
  const holidays = holidaySet(input.from, input.to, input.departement);
  const duration = input.kind.durationMinutes * 60_000;
  const step = (input.stepMinutes ?? input.kind.durationMinutes) * 60_000;
  if (!(duration > 0 && step > 0)) return [];
  const window = bookingWindow(input.kind, input.now);
  const earliest = window.earliest.getTime();
  const latest = window.latest.getTime();

  const presences = presencesByAdvisor(input, holidays);
  const busy = busyByAdvisor(input);
  const parisDate = parisDates();
  const slots: Slot[] = [];
  for (const [advisorId, list] of presences) {
    const advisorBusy = busy.get(advisorId) ?? [];
    for (const { placeId, start: from, end: until } of bookableTime(list)) {
      for (let start = from; start + duration <= until; start += step) {
        if (start < earliest || start >= latest) continue;
        // Public holidays hold for ad-hoc openings too (permanence occurrences already skip them).
        const date = parisDate(start);
        if (date < input.from || date > input.to || holidays.has(date)) continue;
        if (overlapsAny(advisorBusy, start, start + duration)) continue;
        slots.push({
          id: encodeSlotId({ advisorId, placeId, start: new Date(start), durationMinutes: input.kind.durationMinutes, kindId: input.kind.id }),
          advisorId,
          placeId,
          start: new Date(start),
          end: new Date(start + duration),
        });
      }
    }
  }
  return slots.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() || compare(a.advisorId, b.advisorId) || compare(a.placeId, b.placeId),
  );
}

/**
 * The Paris date of an instant, remembered per UTC hour (Paris offsets are whole hours, so the date is the
 * same all through one): Intl is slow and slots of many advisors share the same hours.
 */
function parisDates(): (instant: number) => string {
  const byHour = new Map<number, string>();
  return (instant) => {
    const hour = Math.floor(instant / 3_600_000);
    let date = byHour.get(hour);
    if (date === undefined) {
      date = toParis(new Date(instant)).date;
      byHour.set(hour, date);
    }
    return date;
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where each advisor is expected, every mode included (a drop-in permanence also takes the advisor's time). */
function presencesByAdvisor(input: SlotInput, holidays: ReadonlySet<string>): Map<string, Presence[]> {
  const byAdvisor = new Map<string, Presence[]>();
  const add = (advisorId: string, presence: Presence) => {
    const list = byAdvisor.get(advisorId);
    if (list === undefined) byAdvisor.set(advisorId, [presence]);
    else list.push(presence);
  };
  for (const p of input.permanences) {
    const bookable = BOOKABLE_MODES.has(p.mode);
    for (const o of occurrences(p, input.from, input.to, holidays)) {
      add(p.advisorId, { placeId: p.placeId, start: o.start.getTime(), end: o.end.getTime(), bookable });
    }
  }
  for (const o of input.openings ?? []) {
    add(o.advisorId, { placeId: o.placeId, start: o.start.getTime(), end: o.end.getTime(), bookable: true });
  }
  return byAdvisor;
}

/**
 * One advisor's bookable time, place by place. Overlapping presences at one place are joined. Overlapping
 * presences at two places are a data error (nobody is in two places at once): the place that comes first
 * in placeId order keeps the overlap, the other loses it, so the advisor never gets two slots at one time.
 * A drop-in permanence takes part in this (it is where the advisor is) but gives no slots itself.
 */
function bookableTime(presences: readonly Presence[]): Array<Interval & { placeId: string }> {
  const places = [...new Set(presences.map((p) => p.placeId))].sort(compare);
  let taken: Interval[] = [];
  const out: Array<Interval & { placeId: string }> = [];
  for (const placeId of places) {
    const here = presences.filter((p) => p.placeId === placeId);
    const bookable = mergeIntervals(here.filter((p) => p.bookable));
    for (const interval of subtractIntervals(bookable, taken)) out.push({ ...interval, placeId });
    taken = mergeIntervals([...taken, ...here]);
  }
  return out;
}

function busyByAdvisor(input: SlotInput): Map<string, Interval[]> {
  const raw = new Map<string, Interval[]>();
  const add = (advisorId: string, intervals: Interval[]) => {
    const list = raw.get(advisorId);
    if (list === undefined) raw.set(advisorId, intervals);
    else list.push(...intervals);
  };
  const absences = new Map<string, Absence[]>();
  for (const a of input.absences ?? []) {
    const list = absences.get(a.advisorId);
    if (list === undefined) absences.set(a.advisorId, [a]);
    else list.push(a);
  }
  // One day more on each side: a slot on `to` may end after midnight, an absence may start the day before.
  for (const [advisorId, list] of absences) add(advisorId, absenceIntervals(list, addDays(input.from, -1), addDays(input.to, 1)));
  for (const a of input.appointments ?? []) {
    if (blocksTime(a.status)) add(a.advisorId, [{ start: a.start.getTime(), end: a.end.getTime() }]);
  }
  const merged = new Map<string, Interval[]>();
  for (const [advisorId, list] of raw) merged.set(advisorId, mergeIntervals(list));
  return merged;
}
