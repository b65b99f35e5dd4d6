// Referrals left unanswered: the receiving structure is reminded after 10 days, and the referral expires
// after 30 (the referrer is told). Referrals closed for longer than the retention period lose the person's
// identity. Idempotent: a reminded referral is never reminded again, an expired one never expires twice,
// an anonymised one is never looked at again; each change is conditional on the state it read.
import { sql } from "kysely";
import type { Db } from "../db/schema.ts";
import { recordAudit } from "../features/audit/audit.repository.ts";
import { retentionCutoff } from "../features/beneficiaries/beneficiary.ts";
import { enqueueMessage } from "../features/outbox/outbox.repository.ts";
import { referralNoticeMessages } from "../features/referrals/referral-messages.ts";
import { type NotifyDeps, recordReferralStatus } from "../features/referrals/referral-status.service.ts";
import { findReferralById, markReminded, receiverEmails, referralsToExpire, referralsToRemind } from "../features/referrals/referrals.repository.ts";
import { expireBefore, REFERRAL_STATUS_CODES, REFERRAL_STATUSES, REMIND_AFTER_DAYS, remindBefore } from "../features/referrals/referrals.ts";

export interface ReferralUpkeepReport {
  reminded: number;
  expired: number;
  anonymised: number;
}

const CLOSED = REFERRAL_STATUS_CODES.filter((s) => REFERRAL_STATUSES[s].done);

export async function runReferralUpkeep(db: Db, now: Date, deps: NotifyDeps & { retentionMonths: number }): Promise<ReferralUpkeepReport> {
  let expired = 0;
  for (const { id } of await referralsToExpire(db, expireBefore(now))) {
    const done = await db.transaction().execute(async (trx) => {
      const referral = await findReferralById(trx, id);
      if (!referral) return false;
      const result = await recordReferralStatus(trx, { referral, to: "expired", mover: "job", actor: null, reason: null, at: now }, deps);
      return result.ok;
    });
    if (done) expired++;
  }

  let reminded = 0;
  for (const { id } of await referralsToRemind(db, remindBefore(now))) {
    const done = await db.transaction().execute(async (trx) => {
      if (!(await markReminded(trx, id, now))) return false;
      const referral = await findReferralById(trx, id);
      if (!referral) return false;
      const messages = referralNoticeMessages(
        { kind: "reminder", days: REMIND_AFTER_DAYS, fromName: referral.from_name },
        { key: `${id}:reminder`, referral, brandName: deps.brandName, publicUrl: deps.publicUrl, now },
        await receiverEmails(trx, referral.target_structure_id),
      );
      for (const m of messages) await enqueueMessage(trx, m);
      await recordAudit(trx, { at: now, actorUserId: null, action: "referral.reminded", subjectType: "referral", subjectId: id, details: { number: referral.number } });
      return true;
    });
    if (done) reminded++;
  }

  // Closed referrals past retention keep their steps (for the figures), not the person.
  const cutoff = retentionCutoff(now, deps.retentionMonths);
  const anonymised = await db
    .updateTable("referrals")
    .set({ first_name: null, last_name: null, phone: null, email: null, needs: null, anonymised_at: now })
    .where("anonymised_at", "is", null)
    .where("status", "in", CLOSED)
    .where(sql`(status_changed_at at time zone 'Europe/Paris')::date`, "<", sql<string>`${cutoff}::date`)
    .executeTakeFirst();
  const count = Number(anonymised.numUpdatedRows);
  if (count > 0) await recordAudit(db, { at: now, actorUserId: null, action: "referral.retention", details: { anonymised: count, cutoff } });
  return { reminded, expired, anonymised: count };
}
