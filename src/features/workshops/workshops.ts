// Workshops (ateliers): levels, the expansion of a weekly series into dated workshops, and the rules of
// registration: capacity, a first-come-first-served waiting list, a freed seat offered to the first in
// line for 24 hours, and registration closing when the workshop starts. Pure functions, no I/O.

import type { RegistrationStatus, WorkshopLevel } from "../booking/booking.table.ts";
import { toParis } from "../calendar/paris-time.ts";
import { type Occurrence, occurrences } from "../permanences/permanence.ts";

export const LEVELS: Record<WorkshopLevel, string> = {
  debutant: "Débutant",
  intermediaire: "Intermédiaire",
  avance: "Avancé",
};

export const OFFER_HOURS = 24;
/** Dated workshops are created this far ahead of today. */
export const MATERIALISE_MONTHS = 3;

export interface SeriesRule {
  weekday: number; // 1 = Monday … 7 = Sunday
  startTime: string;
  endTime: string;
  everyWeeks: number;
  validFrom: string;
  validTo: string | null;
}

/** Dated occurrences of a series between two dates (inclusive), French public holidays skipped. */
export function seriesOccurrences(rule: SeriesRule, fromDate: string, toDate: string, holidays: ReadonlySet<string>): Occurrence[] {
  return occurrences(
    { weekdays: [rule.weekday], startTime: rule.startTime, endTime: rule.endTime, everyWeeks: rule.everyWeeks, validFrom: rule.validFrom, validTo: rule.validTo, cancelledDates: [] },
    fromDate,
    toDate,
    holidays,
  );
}

/** The dates between which series are materialised: from today (Paris) to three months later. */
export function materialiseWindow(now: Date): { from: string; to: string } {
  const from = toParis(now).date;
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  return { from, to: new Date(Date.UTC(y, m - 1 + MATERIALISE_MONTHS, d)).toISOString().slice(0, 10) };
}

/** Statuses that hold a seat: confirmed, offered and not yet answered, or already marked at the workshop. */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ["registered", "offered", "attended", "absent"];

export interface RegistrationState {
  id: string;
  status: RegistrationStatus;
  createdAt: Date;
  offerExpiresAt: Date | null;
}

export interface WorkshopState {
  capacity: number;
  startsAt: Date;
  cancelled: boolean;
}

export type SeatChange =
  | { id: string; kind: "offer_expired"; status: "cancelled" }
  | { id: string; kind: "offered"; status: "offered"; offeredAt: Date; offerExpiresAt: Date };

export function seatsTaken(registrations: readonly RegistrationState[]): number {
  return registrations.filter((r) => SEAT_HOLDING.includes(r.status)).length;
}

/** The waiting list, first come first served (ties broken by id, so the order is total). */
export function waitingLine<T extends RegistrationState>(registrations: readonly T[]): T[] {
  return registrations
    .filter((r) => r.status === "waiting")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

export function isOpen(workshop: WorkshopState, now: Date): boolean {
  return !workshop.cancelled && now.getTime() < workshop.startsAt.getTime();
}

/**
 * What must change now: offers older than 24 hours lapse (the person leaves the list), then each free
 * seat is offered to the first in line, for 24 hours but never beyond the start of the workshop.
 * Nothing is offered once registration has closed.
 */
export function rebalance(workshop: WorkshopState, registrations: readonly RegistrationState[], now: Date): SeatChange[] {
  const changes: SeatChange[] = [];
  const current = registrations.map((r) => {
    if (r.status === "offered" && r.offerExpiresAt !== null && r.offerExpiresAt.getTime() <= now.getTime()) {
      changes.push({ id: r.id, kind: "offer_expired", status: "cancelled" });
      return { ...r, status: "cancelled" as const };
    }
    return r;
  });
  if (!isOpen(workshop, now)) return changes;
  let free = workshop.capacity - seatsTaken(current);
  const offerEnd = new Date(Math.min(now.getTime() + OFFER_HOURS * 3_600_000, workshop.startsAt.getTime()));
  for (const next of waitingLine(current)) {
    if (free <= 0) break;
    changes.push({ id: next.id, kind: "offered", status: "offered", offeredAt: now, offerExpiresAt: offerEnd });
    free--;
  }
  return changes;
}

/** Applies changes to a list, for callers (and tests) that keep the list in memory. */
export function applyChanges(registrations: readonly RegistrationState[], changes: readonly SeatChange[]): RegistrationState[] {
  const byId = new Map(changes.map((c) => [c.id, c]));
  return registrations.map((r) => {
    const change = byId.get(r.id);
    if (!change) return r;
    return { ...r, status: change.status, offerExpiresAt: change.kind === "offered" ? change.offerExpiresAt : r.offerExpiresAt };
  });
}

/**
 * A new registration after `rebalance` has run: a seat if one is free and nobody waits, else the
 * waiting list; refused once the workshop has started.
 */
export function admission(workshop: WorkshopState, registrations: readonly RegistrationState[], now: Date): "registered" | "waiting" | "closed" {
  if (!isOpen(workshop, now)) return "closed";
  if (waitingLine(registrations).length > 0) return "waiting";
  return seatsTaken(registrations) < workshop.capacity ? "registered" : "waiting";
}

/** 1-based place in the waiting list, or null when the registration is not waiting. */
export function waitingPosition(registrations: readonly RegistrationState[], id: string): number | null {
  const index = waitingLine(registrations).findIndex((r) => r.id === id);
  return index < 0 ? null : index + 1;
}
