// Messages about an appointment, written to the outbox in the caller's transaction: confirmation at once,
// reminders 48 h and 2 h before, notices of change and cancellation, to the person (SMS and/or e-mail)
// and to the advisor (e-mail). Idempotency keys `appointment:<id>:<message>:<startISO>` make a retried
// transaction harmless; cancelling or moving cancels what is still pending for that appointment.
import type { DbOrTx } from "../../db/schema.ts";
import { appointmentKeyPrefix, planAppointmentMessages } from "./appointment-plan.ts";
import { cancelPendingMessages, enqueueOrRevive } from "./notifications.repository.ts";

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
  /** An SMS provider is configured: adds the SMS 2 h before. */
  smsEnabled: boolean;
}

export async function notifyAppointment(
  trx: DbOrTx,
  event: AppointmentEvent,
  appointment: AppointmentForMessages,
  ctx: NotificationContext,
): Promise<void> {
  if (event !== "booked") await cancelPendingMessages(trx, appointmentKeyPrefix(appointment.id));
  for (const message of planAppointmentMessages(event, appointment, ctx)) await enqueueOrRevive(trx, message);
}
