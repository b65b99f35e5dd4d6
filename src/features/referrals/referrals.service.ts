// Use cases of referrals: referring a person, answering a received referral, and the hooks through which
// the booking, the agenda and the activity report move a referral (all via recordReferralStatus).
import type { Db, DbOrTx } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { AppointmentStatus } from "../booking/booking.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { checkReferralForm, type ReferralFormValues } from "./referral-form.ts";
import { referralNoticeMessages } from "./referral-messages.ts";
import { type NotifyDeps, type ReferralStatusResult, recordReferralStatus } from "./referral-status.service.ts";
import { type ReferralActor, referringStructureIds } from "./referrals.policy.ts";
import { communeCodeByName, findReferralByAppointment, findReferralById, insertReferral, insertReferralEvent, receiverEmails, targetPlaces } from "./referrals.repository.ts";
import { type ReferralStatus, receiverMover } from "./referrals.ts";

export interface ReferralsDeps {
  db: Db;
  now: () => Date;
  afterCommit: () => void;
  departement: string;
  notify: NotifyDeps;
}

export function referralActor(viewer: Viewer): ReferralActor {
  return { userId: viewer.userId, roles: viewer.roles, name: `${viewer.firstName} ${viewer.lastName}`, email: viewer.email };
}

export type PlaceOption = Awaited<ReturnType<typeof targetPlaces>>[number];

export async function formPlaces(deps: ReferralsDeps): Promise<PlaceOption[]> {
  return targetPlaces(deps.db, deps.departement);
}

export type CreateOutcome = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** A partner agent refers a person: the referral, its first timeline line, the e-mail to the receiving side. */
export interface ReferralOrigin {
  structureId: string;
  /** The partner agent who refers; null through the API (the structure's agents are then told). */
  userId: string | null;
  email: string | null;
}

export function originOf(actor: ReferralActor): ReferralOrigin | null {
  const structureId = referringStructureIds(actor)[0];
  return structureId === undefined ? null : { structureId, userId: actor.userId, email: actor.email };
}

export async function createReferral(deps: ReferralsDeps, origin: ReferralOrigin, values: ReferralFormValues, places: PlaceOption[]): Promise<CreateOutcome> {
  const fromStructureId = origin.structureId;
  const actor = origin;
  const checked = checkReferralForm(values);
  const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
  const place = places.find((p) => p.id === values.lieu);
  if (values.lieu !== "" && place === undefined) errors.lieu = "Choisissez un lieu de la liste.";
  let communeCode: string | null = null;
  if (values.commune !== "" && !errors.commune) {
    communeCode = await communeCodeByName(deps.db, deps.departement, values.commune);
    if (communeCode === null) errors.commune = "Nous ne trouvons pas cette commune dans le département : vérifiez son nom ou son code postal, ou laissez le champ vide.";
  }
  if (!checked.ok || place === undefined || Object.keys(errors).length > 0) return { ok: false, errors };
  const r = checked.referral;
  const now = deps.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const from = await trx.selectFrom("structures").select("name").where("id", "=", fromStructureId).executeTakeFirstOrThrow();
    const row = await insertReferral(trx, {
      source: "partner",
      from_structure_id: fromStructureId,
      created_by_user_id: actor.userId,
      target_structure_id: place.structure_id,
      target_place_id: place.id,
      themes: r.themes,
      needs: r.needs,
      urgency: r.urgency,
      first_name: r.firstName,
      last_name: r.lastName,
      phone: r.phone,
      email: r.email,
      contact_preference: r.contactPreference,
      commune_code: communeCode,
      consent_mode: r.consentMode,
      consent_at: now,
      consent_by_user_id: actor.userId,
      status_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    const eventId = await insertReferralEvent(trx, { referral_id: row.id, from_status: null, to_status: "received", reason: null, actor_user_id: actor.userId, at: now });
    const recipients = (await receiverEmails(trx, place.structure_id)).filter((e) => e.toLowerCase() !== actor.email?.toLowerCase());
    const messages = referralNoticeMessages(
      { kind: "received", fromName: from.name, urgent: r.urgency === "urgent" },
      { key: eventId, referral: row, brandName: deps.notify.brandName, publicUrl: deps.notify.publicUrl, now },
      recipients,
    );
    for (const m of messages) await enqueueMessage(trx, m);
    await recordAudit(trx, { at: now, actorUserId: actor.userId, action: "referral.created", subjectType: "referral", subjectId: row.id, details: { number: row.number, consent: r.consentMode } });
    return row.id;
  });
  deps.afterCommit();
  return { ok: true, id };
}

type StateOf = NonNullable<Awaited<ReturnType<typeof findReferralById>>>;

/** The receiving side accepts, records a contact, declines or redirects (with a reason). */
export async function answerReferral(deps: ReferralsDeps, actor: ReferralActor, referral: StateOf, to: ReferralStatus, reason: string): Promise<ReferralStatusResult> {
  const result = await deps.db.transaction().execute((trx) =>
    recordReferralStatus(trx, { referral, to, mover: receiverMover(referral.source), actor: { userId: actor.userId, email: actor.email }, reason, at: deps.now() }, deps.notify),
  );
  if (result.ok) deps.afterCommit();
  return result;
}

/** Booking on behalf of a referred person: links the new appointment, inside the booking's transaction. */
export async function referralBooked(trx: DbOrTx, referralId: string, appointmentId: string, actor: { userId: string; email: string } | null, at: Date, deps: NotifyDeps): Promise<void> {
  const referral = await findReferralById(trx, referralId);
  if (!referral) return;
  await recordReferralStatus(trx, { referral, to: "booked", mover: "booking", actor, reason: null, appointmentId, at }, deps);
}

const FROM_APPOINTMENT: Partial<Record<AppointmentStatus, ReferralStatus>> = { attended: "attended", no_show: "no_show", planned: "booked", cancelled: "accepted", excused: "accepted" };

/**
 * The agenda (or the person's link) changed an appointment's status: « personne venue » or « non venue »
 * for its referral; a cancelled or excused appointment puts it back to « prise en charge » and unlinks it,
 * so the receiving side books again (restoring that appointment later does not relink it).
 */
export async function referralAppointmentStatus(trx: DbOrTx, appointmentId: string, status: AppointmentStatus, actor: { userId: string; email: string } | null, at: Date, deps: NotifyDeps): Promise<void> {
  const to = FROM_APPOINTMENT[status];
  if (to === undefined) return;
  const referral = await findReferralByAppointment(trx, appointmentId);
  if (!referral || referral.status === to) return;
  const unlink = to === "accepted" ? { appointmentId: null } : {};
  await recordReferralStatus(trx, { referral, to, mover: "appointment", actor, reason: null, at, ...unlink }, deps);
}

/** An activity report was written for the appointment: « accompagnement réalisé », and nothing of its content. */
export async function referralReportSaved(trx: DbOrTx, appointmentId: string, actor: { userId: string; email: string } | null, at: Date, deps: NotifyDeps): Promise<void> {
  const referral = await findReferralByAppointment(trx, appointmentId);
  if (!referral || referral.status === "done") return;
  await recordReferralStatus(trx, { referral, to: "done", mover: "report", actor, reason: null, at }, deps);
}
