// Use cases of one appointment in the agenda: seeing it (scoped), changing its status, keeping notes.
// Cancelling frees the slot and tells the person, in the same transaction as the change.
import { retryingTransaction } from "../../db/retry-transaction.ts";
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import type { AppointmentStatus } from "../booking/booking.ts";
import { notifyAppointment } from "../notifications/appointment-notifications.ts";
import { referralAppointmentStatus } from "../referrals/referrals.service.ts";
import { publishAppointmentEvent } from "../webhooks/appointment-events.ts";
import type { AgendaActor } from "./agenda.policy.ts";
import { canSeeAdvisor } from "./agenda.policy.ts";
import { isUuid } from "./agenda.service.ts";
import { type AppointmentDetail, findAppointmentDetail, updateAppointmentNotes, updateAppointmentStatus } from "./appointment.repository.ts";

export const NOTES_MAX_LENGTH = 5000;

export interface AppointmentDeps {
  db: Db;
  now: () => Date;
  afterCommit: () => void;
  brandName: string;
  publicUrl: string;
  smsEnabled: boolean;
}

/** The appointment, or 404 when it does not exist or belongs to an advisor the actor may not see. */
export async function requireAppointment(db: Db, actor: AgendaActor, id: string): Promise<AppointmentDetail> {
  const found = isUuid(id) ? await findAppointmentDetail(db, id) : undefined;
  if (!found || !canSeeAdvisor(actor, { id: found.advisorId, structureId: found.structureId })) throw new HttpError("not_found");
  return found;
}

function placeAddress(a: AppointmentDetail): string | null {
  if (!a.placeAddress) return null;
  return `${a.placeAddress}, ${a.placePostcode ?? ""} ${a.communeName ?? ""}`.replace(/\s+/g, " ").trim();
}

export type StatusChange = { ok: true } | { ok: false; error: string };

export async function changeStatus(
  deps: AppointmentDeps,
  appointment: AppointmentDetail,
  status: AppointmentStatus,
  actor: { userId: string; email: string } | null = null,
): Promise<StatusChange> {
  if (status === appointment.status) return { ok: true };
  const now = deps.now();
  const cancelling = status === "cancelled";
  try {
    await retryingTransaction(deps.db, async (trx) => {
      await updateAppointmentStatus(trx, appointment.id, status, now);
      // « Personne venue » or « non venue » for the referral that led to this appointment, if any.
      await referralAppointmentStatus(trx, appointment.id, status, actor, now, deps);
      if (status === "attended") await publishAppointmentEvent(trx, "appointment.honoured", appointment.id, now);
      if (!cancelling) return;
      await publishAppointmentEvent(trx, "appointment.cancelled", appointment.id, now);
      await notifyAppointment(
        trx,
        "cancelled",
        {
          id: appointment.id,
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
          firstName: appointment.firstName,
          phone: appointment.phone,
          email: appointment.email,
          advisorFirstName: appointment.advisorFirstName,
          advisorEmail: appointment.advisorEmail,
          placeName: appointment.placeName,
          placeAddress: placeAddress(appointment),
          kindName: appointment.kindName,
          location: appointment.location,
          manageUrl: null,
        },
        { now, brandName: deps.brandName, publicUrl: deps.publicUrl, smsEnabled: deps.smsEnabled },
      );
    });
  } catch (error) {
    if ((error as { code?: string }).code === "23P01") {
      return { ok: false, error: "Ce créneau a été repris par un autre rendez-vous : ce rendez-vous ne peut plus être rétabli." };
    }
    throw error;
  }
  if (cancelling) deps.afterCommit();
  return { ok: true };
}

export async function saveNotes(deps: AppointmentDeps, appointment: AppointmentDetail, text: string): Promise<void> {
  const notes = text.replace(/\r\n/g, "\n").trim();
  await updateAppointmentNotes(deps.db, appointment.id, notes === "" ? null : notes, deps.now());
}
