// Reads of advisor → partner referrals: the referral made from a report, the contact details of the
// report's identified person, a structure's name.
import type { DbOrTx } from "../../db/schema.ts";
import type { ReferredPerson } from "./advisor-referral.ts";
import type { SentReferral } from "./advisor-referral.views.tsx";

/** The referral already made from a report, if any. */
export async function referralOfReport(db: DbOrTx, reportId: string): Promise<SentReferral | null> {
  const row = await db
    .selectFrom("referrals")
    .innerJoin("structures", "structures.id", "referrals.target_structure_id")
    .select(["referrals.id", "referrals.number", "referrals.status", "structures.name as targetName"])
    .where("referrals.activity_report_id", "=", reportId)
    .executeTakeFirst();
  return row ?? null;
}

/** Name and contact of a beneficiary (null once erased or unknown). The caller has checked the advisor may name them. */
export async function beneficiaryContact(db: DbOrTx, beneficiaryId: string): Promise<ReferredPerson | null> {
  const row = await db
    .selectFrom("beneficiaries")
    .select(["first_name as firstName", "last_name as lastName", "phone", "email"])
    .where("id", "=", beneficiaryId)
    .where("erased_at", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

export async function structureName(db: DbOrTx, id: string): Promise<string> {
  return (await db.selectFrom("structures").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;
}
