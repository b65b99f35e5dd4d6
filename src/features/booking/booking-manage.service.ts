// The personal link: see one's appointment and cancel it until CANCEL_DEADLINE_MINUTES before it starts.
import { retryingTransaction } from "../../db/retry-transaction.ts";
import { notifyAppointment } from "../notifications/appointment-notifications.ts";
import { referralAppointmentStatus } from "../referrals/referrals.service.ts";
import { publishAppointmentEvent } from "../webhooks/appointment-events.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import { findAppointmentByTokenHash, type ManagedAppointment, markCancelled } from "./booking.repository.ts";
import { canStillCancel, hashManageToken, isManageTokenShape, manageUrl } from "./manage-token.ts";

export type ManageState = "cancellable" | "too_late" | "cancelled" | "past";

export function manageState(appointment: ManagedAppointment, now: Date): ManageState {
  if (appointment.status === "cancelled") return "cancelled";
  if (appointment.status !== "planned" || new Date(appointment.starts_at) <= now) return "past";
  return canStillCancel(new Date(appointment.starts_at), now) ? "cancellable" : "too_late";
}

export async function findByToken(deps: Pick<BookingFeatureDeps, "db">, token: string): Promise<ManagedAppointment | null> {
  if (!isManageTokenShape(token)) return null;
  return findAppointmentByTokenHash(deps.db, hashManageToken(token));
}

export type CancelOutcome =
  | { kind: "not_found" }
  | { kind: "cancelled"; appointment: ManagedAppointment }
  | { kind: "refused"; state: Exclude<ManageState, "cancellable">; appointment: ManagedAppointment };

export async function cancelByToken(deps: BookingFeatureDeps, token: string): Promise<CancelOutcome> {
  if (!isManageTokenShape(token)) return { kind: "not_found" };
  const now = deps.now();
  const outcome = await retryingTransaction(deps.db, async (trx): Promise<CancelOutcome> => {
    const appointment = await findAppointmentByTokenHash(trx, hashManageToken(token), true);
    if (appointment === null) return { kind: "not_found" };
    const state = manageState(appointment, now);
    if (state !== "cancellable") return { kind: "refused", state, appointment };
    await markCancelled(trx, appointment.id, now);
    // The referral that led to this appointment goes back to « prise en charge »; its referrer is told.
    await referralAppointmentStatus(trx, appointment.id, "cancelled", null, now, { brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl });
    await publishAppointmentEvent(trx, "appointment.cancelled", appointment.id, now);
    await notifyAppointment(
      trx,
      "cancelled",
      {
        id: appointment.id,
        startsAt: new Date(appointment.starts_at),
        endsAt: new Date(appointment.ends_at),
        firstName: appointment.first_name,
        phone: appointment.phone,
        email: appointment.email,
        advisorFirstName: appointment.advisor_first_name,
        advisorEmail: appointment.advisor_email,
        placeName: appointment.place_name,
        placeAddress: appointment.place_address === null ? null : `${appointment.place_address}, ${appointment.place_postcode} ${appointment.commune_name}`,
        kindName: appointment.kind_name,
        location: appointment.location,
        manageUrl: manageUrl(deps.config.publicUrl, token),
      },
      { now, brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl, smsEnabled: deps.config.sms.provider !== "none" },
    );
    return { kind: "cancelled", appointment: { ...appointment, status: "cancelled" } };
  });
  if (outcome.kind === "cancelled") deps.afterCommit();
  return outcome;
}
