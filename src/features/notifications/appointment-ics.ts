// The calendar attachment of appointment e-mails: METHOD:REQUEST when booked or moved, METHOD:CANCEL when
// cancelled, always with the same UID so calendar apps update or remove the one event.
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { OutboxAttachment } from "../outbox/outbox.table.ts";
import { formatWhere } from "./appointment-messages.ts";
import type { AppointmentForMessages } from "./appointment-notifications.ts";

export function appointmentUid(appointmentId: string, publicUrl: string): string {
  return `appointment-${appointmentId}@${new URL(publicUrl).hostname}`;
}

/** Later changes need a higher SEQUENCE: minutes since 2026 grow with every change and fit in 32 bits. */
function sequenceAt(now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.UTC(2026, 0, 1)) / 60_000));
}

export function appointmentIcs(
  method: "request" | "cancel",
  a: AppointmentForMessages,
  ctx: { now: Date; brandName: string; publicUrl: string },
  summary: string,
): OutboxAttachment {
  const calendar = ical({
    prodId: { company: ctx.brandName, product: "rendez-vous", language: "FR" },
    method: method === "cancel" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: appointmentUid(a.id, ctx.publicUrl),
    sequence: sequenceAt(ctx.now),
    stamp: ctx.now,
    start: a.startsAt,
    end: a.endsAt,
    summary,
    location: formatWhere(a),
    description: a.manageUrl ? `${a.kindName}\nAnnuler ou déplacer : ${a.manageUrl}` : a.kindName,
    status: method === "cancel" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: ctx.brandName, email: `ne-pas-repondre@${new URL(ctx.publicUrl).hostname}` },
    url: a.manageUrl ?? undefined,
  });
  return {
    filename: method === "cancel" ? "annulation.ics" : "rendez-vous.ics",
    contentType: `text/calendar; charset=utf-8; method=${method === "cancel" ? "CANCEL" : "REQUEST"}`,
    content: calendar.toString(),
  };
}
