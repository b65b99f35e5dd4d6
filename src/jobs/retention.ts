// Retention (durée de conservation): erases the identifying data of people with no activity for
// `months` (RETENTION_MONTHS, 24 by default). Activity is the latest date of a non-deleted report about the
// person, alone or in a workshop; a person never seen in a report counts from the record's creation.
// Idempotent: an erased record is never looked at again, so running it twice erases once.
// It also purges finished webhook deliveries older than WEBHOOK_RETENTION_DAYS (pending ones are kept).
import { sql } from "kysely";
import type { Db } from "../db/schema.ts";
import { recordAudit } from "../features/audit/audit.repository.ts";
import { retentionCutoff } from "../features/beneficiaries/beneficiary.ts";
import { eraseBeneficiary } from "../features/beneficiaries/beneficiary-erasure.repository.ts";
import { purgeFinishedDeliveries } from "../features/webhooks/webhooks.repository.ts";

export interface RetentionReport {
  /** Records still holding an identity that were examined. */
  checked: number;
  erased: number;
  /** Activity before this day (YYYY-MM-DD) is past retention. */
  cutoff: string;
  months: number;
  ids: string[];
  /** Delivered or failed webhook deliveries older than webhookDays, deleted. */
  webhookDeliveriesPurged: number;
}

export const DEFAULT_RETENTION_MONTHS = 24;
export const DEFAULT_WEBHOOK_RETENTION_DAYS = 30;

export async function runRetention(db: Db, now: Date, months = DEFAULT_RETENTION_MONTHS, options: { dryRun?: boolean; webhookDays?: number } = {}): Promise<RetentionReport> {
  const cutoff = retentionCutoff(now, months);
  const lastActivity = sql<string>`coalesce(greatest(
      (select max(r.date) from activity_reports r where r.beneficiary_id = beneficiaries.id and r.deleted_at is null),
      (select max(r.date) from activity_participants p join activity_reports r on r.id = p.report_id
        where p.beneficiary_id = beneficiaries.id and r.deleted_at is null)
    ), (beneficiaries.created_at at time zone 'Europe/Paris')::date)`;
  const checked = await db
    .selectFrom("beneficiaries")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("erased_at", "is", null)
    .executeTakeFirstOrThrow();
  const due = await db
    .selectFrom("beneficiaries")
    .select("id")
    .where("erased_at", "is", null)
    .where(lastActivity, "<", sql<string>`${cutoff}::date`)
    .orderBy("id")
    .execute();
  const ids = due.map((d) => d.id);
  // One audit line per real run, even when nothing was due: the log shows the job ran.
  if (!options.dryRun) {
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await eraseBeneficiary(trx, id, "conservation", now);
      await recordAudit(trx, { at: now, actorUserId: null, action: "beneficiary.retention", details: { months, cutoff, erased: ids.length, ids } });
    });
  }
  const webhookCutoff = new Date(now.getTime() - (options.webhookDays ?? DEFAULT_WEBHOOK_RETENTION_DAYS) * 86_400_000);
  const webhookDeliveriesPurged = options.dryRun ? 0 : await purgeFinishedDeliveries(db, webhookCutoff);
  return { checked: checked.n, erased: options.dryRun ? 0 : ids.length, cutoff, months, ids, webhookDeliveriesPurged };
}
