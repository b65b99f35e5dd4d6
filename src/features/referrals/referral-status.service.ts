// The one way a referral changes status: recordReferralStatus(trx, …), called by the receiving side's
// actions, the booking, the agenda's appointment status, the activity report and the daily job. It runs in
// the caller's transaction: the conditional update, the timeline line, the e-mail to the referrer (outbox),
// the audit line and the « referral.status_changed » webhook event commit together or not at all.
import type { DbOrTx } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { publishEvent } from "../webhooks/publish.ts";
import { referralNoticeMessages } from "./referral-messages.ts";
import { insertReferralEvent, referrerEmails, updateReferral } from "./referrals.repository.ts";
import { checkReferralChange, type ReferralMover, type ReferralStatus } from "./referrals.ts";

export interface ReferralState {
  id: string;
  number: number;
  status: ReferralStatus;
  from_structure_id: string;
  target_structure_id: string;
  created_by_user_id: string | null;
  answered_at: Date | null;
  target_name: string;
}

export interface NotifyDeps {
  brandName: string;
  publicUrl: string;
}

export interface ReferralStatusChange {
  referral: ReferralState;
  to: ReferralStatus;
  mover: ReferralMover;
  /** null for the daily job. */
  actor: { userId: string; email: string } | null;
  reason: string | null;
  /** The appointment to link (a booking), or null to unlink it (a cancellation). */
  appointmentId?: string | null;
  at: Date;
}

export type ReferralStatusResult = { ok: true; eventId: string; notified: number } | { ok: false; error: string };

export async function recordReferralStatus(trx: DbOrTx, change: ReferralStatusChange, deps: NotifyDeps): Promise<ReferralStatusResult> {
  const { referral, to, mover, actor, at } = change;
  const reason = change.reason?.trim() || null;
  const refusal = checkReferralChange(mover, referral.status, to, reason ?? "");
  if (refusal !== null) return { ok: false, error: refusal };
  const changed = await updateReferral(trx, referral.id, referral.status, {
    status: to,
    status_changed_at: at,
    updated_at: at,
    decision_reason: to === "declined" || to === "redirected" ? reason : null,
    ...(referral.answered_at === null && mover !== "job" ? { answered_at: at } : {}),
    ...(change.appointmentId !== undefined ? { appointment_id: change.appointmentId } : {}),
  });
  if (!changed) return { ok: false, error: "L'orientation a changé entre-temps : rechargez la page pour voir son état actuel." };
  await publishEvent(
    trx,
    "referral.status_changed",
    { referral_id: referral.id, from_status: referral.status, to_status: to, changed_at: at.toISOString() },
    at,
  );
  const eventId = await insertReferralEvent(trx, { referral_id: referral.id, from_status: referral.status, to_status: to, reason, actor_user_id: actor?.userId ?? null, at });
  const recipients = (await referrerEmails(trx, referral)).filter((e) => e.toLowerCase() !== actor?.email.toLowerCase());
  const messages = referralNoticeMessages(
    { kind: "status", to, reason, targetName: referral.target_name },
    { key: eventId, referral, brandName: deps.brandName, publicUrl: deps.publicUrl, now: at },
    recipients,
  );
  for (const message of messages) await enqueueMessage(trx, message);
  await recordAudit(trx, {
    at,
    actorUserId: actor?.userId ?? null,
    action: "referral.status",
    subjectType: "referral",
    subjectId: referral.id,
    details: { number: referral.number, from: referral.status, to, by: mover },
  });
  return { ok: true, eventId, notified: messages.length };
}
