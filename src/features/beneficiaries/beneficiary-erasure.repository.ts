// Erasure (effacement) of a person: identities go, reports stay with their profile snapshot so no figure moves.
// Used by the erasure on request, the retention job and (for the record only) the merge of duplicates.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { appointmentKeyPrefix } from "../notifications/appointment-plan.ts";
import { ANONYMOUS_APPOINTMENT, type ErasureReason, IDENTIFYING_BLANK, phoneDigits, searchNameOf } from "./beneficiary.ts";

/**
 * Removes what identifies the person: the record's identifying fields, the notes of their individual
 * reports (free text that may name them), the appointments those reports came from, their registrations
 * to the workshops they attended, and the messages sent about those. Reports keep beneficiary_id and the
 * profile snapshot.
 */
export async function eraseBeneficiary(trx: DbOrTx, id: string, reason: ErasureReason, now: Date, mergedIntoId: string | null = null): Promise<void> {
  if (reason !== "fusion") await anonymiseRegistrations(trx, id, now);
  await trx
    .updateTable("beneficiaries")
    .set({ ...IDENTIFYING_BLANK, erased_at: now, erased_reason: reason, merged_into_id: mergedIntoId, updated_at: now })
    .where("id", "=", id)
    .execute();
  if (reason === "fusion") return;
  await trx.updateTable("activity_reports").set({ notes: null }).where("beneficiary_id", "=", id).where("notes", "is not", null).execute();
  const appointments = await trx
    .selectFrom("activity_reports")
    .select("appointment_id")
    .where("beneficiary_id", "=", id)
    .where("appointment_id", "is not", null)
    .execute();
  const appointmentIds = appointments.map((a) => a.appointment_id).filter((a): a is string => a !== null);
  if (appointmentIds.length === 0) return;
  await trx
    .updateTable("appointments")
    .set({ ...ANONYMOUS_APPOINTMENT, anonymised_at: now, updated_at: now })
    .where("id", "in", appointmentIds)
    .execute();
  for (const appointmentId of appointmentIds) await scrubMessages(trx, `${likeEscape(appointmentKeyPrefix(appointmentId))}%`);
}

function likeEscape(text: string): string {
  return text.replace(/[%_\\]/g, "\\$&");
}

/** Messages sent or planned about the person (their outbox copy holds names and contact details). */
async function scrubMessages(trx: DbOrTx, keyPattern: string): Promise<void> {
  await trx
    .updateTable("outbox")
    .set({
      recipient: "effacé",
      subject: null,
      body_text: "Message effacé avec les données de la personne.",
      body_html: null,
      attachments: "[]",
      status: sql`case when status = 'pending' then 'cancelled' else status end`,
    })
    .where("idempotency_key", "like", keyPattern)
    .execute();
}

/**
 * Registrations to the workshops the person attended (as a known participant) that are theirs: same phone,
 * same e-mail, or same name. Must run before the record is blanked, since it compares with it.
 */
async function anonymiseRegistrations(trx: DbOrTx, id: string, now: Date): Promise<void> {
  const person = await trx.selectFrom("beneficiaries").select(["first_name", "last_name", "phone", "email"]).where("id", "=", id).executeTakeFirst();
  if (!person || person.first_name === null) return;
  const registrations = await trx
    .selectFrom("workshop_registrations")
    .select(["id", "first_name", "last_name", "phone", "email"])
    .where(
      "workshop_id",
      "in",
      trx
        .selectFrom("activity_reports")
        .innerJoin("activity_participants", "activity_participants.report_id", "activity_reports.id")
        .select("activity_reports.workshop_id")
        .where("activity_participants.beneficiary_id", "=", id)
        .where("activity_reports.workshop_id", "is not", null),
    )
    .execute();
  const name = searchNameOf(person.first_name, person.last_name);
  const phone = phoneDigits(person.phone);
  const email = person.email?.toLowerCase() ?? null;
  const theirs = registrations.filter(
    (r) =>
      (phone !== null && phoneDigits(r.phone) === phone) ||
      (email !== null && r.email?.toLowerCase() === email) ||
      (person.last_name !== null && searchNameOf(r.first_name, r.last_name) === name),
  );
  if (theirs.length === 0) return;
  await trx
    .updateTable("workshop_registrations")
    .set({ first_name: "Personne", last_name: "effacée", phone: null, email: null, manage_token_hash: null, anonymised_at: now, updated_at: now })
    .where("id", "in", theirs.map((r) => r.id))
    .execute();
  for (const r of theirs) {
    await scrubMessages(trx, `workshop-registration:${r.id}:%`);
    await scrubMessages(trx, `workshop:%:cancelled:${r.id}%`);
  }
}
