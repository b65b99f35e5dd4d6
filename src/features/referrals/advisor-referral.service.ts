// An advisor refers the person of an activity report to a partner structure: the referral is written in
// the report's transaction, linked to the report (so saving the report again never sends a second one),
// and the partner's agents are told by e-mail through the outbox.
import type { DbOrTx } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { referralOfReport, structureName } from "./advisor-referral.repository.ts";
import type { CheckedAdvisorReferral } from "./advisor-referral.ts";
import { referralNoticeMessages } from "./referral-messages.ts";
import type { NotifyDeps } from "./referral-status.service.ts";
import { insertReferral, insertReferralEvent, receiverEmails } from "./referrals.repository.ts";

export interface ReportReferralInput {
  reportId: string;
  referral: CheckedAdvisorReferral;
  themes: string[];
  fromStructureId: string;
  advisor: { userId: string; email: string | null };
  /** The person's commune when known (the report's residence commune). */
  communeCode: string | null;
  at: Date;
}

/** Creates the referral unless the report already has one; returns its id, or null when nothing was sent. */
export async function referFromReport(trx: DbOrTx, input: ReportReferralInput, notify: NotifyDeps): Promise<string | null> {
  if (await referralOfReport(trx, input.reportId)) return null;
  const { referral: r, at } = input;
  const person = r.person;
  const row = await insertReferral(trx, {
    source: "advisor",
    from_structure_id: input.fromStructureId,
    created_by_user_id: input.advisor.userId,
    target_structure_id: r.partnerId,
    target_place_id: null,
    activity_report_id: input.reportId,
    themes: input.themes,
    needs: null,
    urgency: "normal",
    first_name: person.firstName,
    last_name: person.lastName,
    phone: person.phone,
    email: person.email,
    contact_preference: person.phone !== null && person.email !== null ? "any" : person.phone !== null ? "phone" : "email",
    commune_code: input.communeCode,
    consent_mode: r.consentMode,
    consent_at: at,
    consent_by_user_id: input.advisor.userId,
    status_changed_at: at,
    created_at: at,
    updated_at: at,
  });
  const eventId = await insertReferralEvent(trx, { referral_id: row.id, from_status: null, to_status: "received", reason: null, actor_user_id: input.advisor.userId, at });
  const fromName = await structureName(trx, input.fromStructureId);
  const recipients = (await receiverEmails(trx, r.partnerId)).filter((e) => e.toLowerCase() !== input.advisor.email?.toLowerCase());
  const messages = referralNoticeMessages({ kind: "received", fromName, urgent: false }, { key: eventId, referral: row, brandName: notify.brandName, publicUrl: notify.publicUrl, now: at }, recipients);
  for (const m of messages) await enqueueMessage(trx, m);
  await recordAudit(trx, {
    at,
    actorUserId: input.advisor.userId,
    action: "referral.created",
    subjectType: "referral",
    subjectId: row.id,
    details: { number: row.number, consent: r.consentMode, source: "advisor", report: input.reportId },
  });
  return row.id;
}
