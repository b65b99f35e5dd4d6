// Messages about an appointment, written to the outbox in the caller's transaction.
// (Being completed: SMS, reminders, .ics, manage links — see the notifications slice.)
import type { DbOrTx } from "../../db/schema.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";

export type AppointmentEvent = "booked" | "cancelled" | "moved";

export interface AppointmentForMessages {
  id: string;
  startsAt: Date;
  endsAt: Date;
  firstName: string;
  phone: string | null;
  email: string | null;
  advisorFirstName: string;
  advisorEmail: string | null;
  placeName: string | null;
  placeAddress: string | null;
  kindName: string;
  location: "place" | "phone" | "video" | "home";
  /** Personal link to cancel or move, when the person has one. */
  manageUrl: string | null;
}

export interface NotificationContext {
  now: Date;
  brandName: string;
  publicUrl: string;
  smsEnabled: boolean;
}

export async function notifyAppointment(
  trx: DbOrTx,
  event: AppointmentEvent,
  appointment: AppointmentForMessages,
  ctx: NotificationContext,
): Promise<void> {
  if (!appointment.email) return;
  const when = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Paris" }).format(appointment.startsAt);
  await enqueueMessage(trx, {
    idempotencyKey: `appointment:${appointment.id}:${event}:${appointment.startsAt.toISOString()}`,
    channel: "email",
    recipient: appointment.email,
    subject: `${ctx.brandName} : rendez-vous ${event === "cancelled" ? "annulé" : "confirmé"} le ${when}`,
    text: `Bonjour ${appointment.firstName},\n\nVotre rendez-vous « ${appointment.kindName} » avec ${appointment.advisorFirstName} : ${when}.`,
    notBefore: ctx.now,
  });
}
