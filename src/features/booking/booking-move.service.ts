// Moving an appointment through its personal link: another free slot of the same motif at the same place.
// The row is updated in place in one transaction (same id, same link), which frees the old time, and the
// messages (change notice, new reminders) go through the outbox with the new date.
import { retryingTransaction } from "../../db/retry-transaction.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { notifyAppointment } from "../notifications/appointment-notifications.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import { findAdvisorContact, findAppointmentByTokenHash, findBookingPlace, findKind, loadSlotData, lockAdvisor, type ManagedAppointment, moveAppointment } from "./booking.repository.ts";
import { type GoneReason, listSlots, type SlotView } from "./booking.service.ts";
import { manageState } from "./booking-manage.service.ts";
import { hashManageToken, isManageTokenShape, manageUrl } from "./manage-token.ts";
import { computeSlots, parseSlotId } from "./slots.ts";

/** How far ahead, and how many, free slots are offered to move to. */
export const MOVE_WINDOW_DAYS = 28;
export const MOVE_SLOT_COUNT = 15;

/** Free slots of the appointment's motif at its place, from today on, its own time excepted. */
export async function moveChoices(deps: BookingFeatureDeps, appointment: ManagedAppointment): Promise<SlotView[]> {
  if (appointment.place_id === null) return [];
  const [place, kind] = await Promise.all([findBookingPlace(deps.db, { id: appointment.place_id }), findKind(deps.db, appointment.kind_id)]);
  if (place === null || kind === null) return [];
  const today = toParis(deps.now()).date;
  const slots = await listSlots(deps, place, [kind], today, addDays(today, MOVE_WINDOW_DAYS));
  return slots.slice(0, MOVE_SLOT_COUNT);
}

export type MoveOutcome =
  | { kind: "not_found" }
  | { kind: "moved"; appointment: ManagedAppointment }
  | { kind: "refused"; appointment: ManagedAppointment }
  | { kind: "gone"; reason: GoneReason; appointment: ManagedAppointment };

export async function moveByToken(deps: BookingFeatureDeps, token: string, slotId: string): Promise<MoveOutcome> {
  if (!isManageTokenShape(token)) return { kind: "not_found" };
  const hash = hashManageToken(token);
  const current = await findAppointmentByTokenHash(deps.db, hash);
  if (current === null) return { kind: "not_found" };
  const key = parseSlotId(slotId);
  // Only a slot of the same motif at the same place: anything else is not on offer to this person.
  if (key === null || key.kindId !== current.kind_id || key.placeId !== current.place_id) return { kind: "gone", reason: "unavailable", appointment: current };
  const now = deps.now();
  const kind = await findKind(deps.db, current.kind_id);
  if (kind === null || !kind.active) return { kind: "gone", reason: "unavailable", appointment: current };
  const date = toParis(key.start).date;
  try {
    const outcome = await retryingTransaction(deps.db, async (trx): Promise<MoveOutcome> => {
      // The new slot's advisor first, as every booking does, then the appointment itself.
      await lockAdvisor(trx, key.advisorId);
      const appointment = await findAppointmentByTokenHash(trx, hash, true);
      if (appointment === null) return { kind: "not_found" };
      if (manageState(appointment, now) !== "cancellable") return { kind: "refused", appointment };
      const data = await loadSlotData(trx, { advisorIds: [key.advisorId] }, date, date);
      const own = (a: { advisorId: string; start: Date; end: Date }) =>
        a.advisorId === appointment.advisor_id && a.start.getTime() === new Date(appointment.starts_at).getTime() && a.end.getTime() === new Date(appointment.ends_at).getTime();
      const slots = computeSlots({
        ...data,
        // Its own time does not block the move (half an hour later on the same morning is fine).
        appointments: data.appointments.filter((a) => !own(a)),
        kind: { id: kind.id, durationMinutes: kind.duration_minutes, earliestMinutes: kind.earliest_minutes, latestMonths: kind.latest_months },
        now,
        from: date,
        to: date,
        departement: deps.config.departement.code,
      });
      const slot = slots.find((s) => s.id === slotId);
      if (slot === undefined) return { kind: "gone", reason: "unavailable", appointment };
      await moveAppointment(trx, appointment.id, { advisorId: key.advisorId, start: slot.start, end: slot.end }, now);
      const advisor = await findAdvisorContact(trx, key.advisorId);
      const moved: ManagedAppointment = {
        ...appointment,
        advisor_id: key.advisorId,
        starts_at: slot.start,
        ends_at: slot.end,
        advisor_first_name: advisor?.firstName ?? appointment.advisor_first_name,
        advisor_email: advisor?.email ?? null,
      };
      await notifyAppointment(
        trx,
        "moved",
        {
          id: moved.id,
          startsAt: slot.start,
          endsAt: slot.end,
          firstName: moved.first_name,
          phone: moved.phone,
          email: moved.email,
          advisorFirstName: moved.advisor_first_name,
          advisorEmail: moved.advisor_email,
          placeName: moved.place_name,
          placeAddress: moved.place_address === null ? null : `${moved.place_address}, ${moved.place_postcode} ${moved.commune_name}`,
          kindName: moved.kind_name,
          location: moved.location,
          manageUrl: manageUrl(deps.config.publicUrl, token),
        },
        { now, brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl, smsEnabled: deps.config.sms.provider !== "none" },
      );
      return { kind: "moved", appointment: moved };
    });
    if (outcome.kind === "moved") deps.afterCommit();
    return outcome;
  } catch (error) {
    // Another booking won the time between our check and the write: the exclusion constraint says so.
    if ((error as { code?: unknown }).code !== "23P01") throw error;
    return { kind: "gone", reason: "taken", appointment: current };
  }
}
