// The iCalendar text of an advisor's private feed: appointments (first name and initial only) and workshops,
// each with a UID that stays the same from one download to the next, so calendar apps update in place.
import ical, { ICalEventStatus } from "ical-generator";
import { APPOINTMENT_LOCATIONS } from "../booking/booking.ts";
import type { AppointmentEntryRow, WorkshopEntryRow } from "./agenda.repository.ts";
import { personLabel } from "./agenda.ts";

export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 90;

export function feedUid(type: "rendez-vous" | "atelier", id: string, host: string): string {
  return `${type}-${id}@${host}`;
}

export function feedCalendar(input: {
  brandName: string;
  host: string;
  advisorName: string;
  appointments: AppointmentEntryRow[];
  workshops: WorkshopEntryRow[];
  stamp: Date;
}): string {
  const calendar = ical({ name: `${input.brandName} : agenda de ${input.advisorName}`, prodId: { company: input.brandName, product: "agenda", language: "FR" } });
  calendar.timezone("Europe/Paris");
  for (const a of input.appointments) {
    const where = a.location === "place" ? (a.placeName ?? APPOINTMENT_LOCATIONS.place) : APPOINTMENT_LOCATIONS[a.location];
    calendar.createEvent({
      id: feedUid("rendez-vous", a.id, input.host),
      start: a.startsAt,
      end: a.endsAt,
      stamp: input.stamp,
      summary: `Rendez-vous : ${personLabel(a.firstName, a.lastName, false)} (${a.kindName})`,
      location: where,
      status: a.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const w of input.workshops) {
    calendar.createEvent({
      id: feedUid("atelier", w.id, input.host),
      start: w.startsAt,
      end: w.endsAt,
      stamp: input.stamp,
      summary: `Atelier : ${w.title}`,
      location: w.isRemote ? "À distance" : (w.placeName ?? ""),
      status: w.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
