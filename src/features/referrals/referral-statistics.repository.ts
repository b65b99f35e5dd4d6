// Figures of referrals: those sent in a period, by source structure, by target structure and by status,
// how many had a feedback (an answer from the receiving side), and the days from the referral to the
// first appointment. Scoped inside the query like the pages (the network, a receiving or a referring side).
import { type SqlBool, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { ReferralScope } from "./referrals.policy.ts";
import type { ReferralStatus } from "./referrals.ts";

export interface ReferralStatistics {
  total: number;
  byStatus: { status: ReferralStatus; n: number }[];
  bySource: { name: string; n: number }[];
  byTarget: { name: string; n: number }[];
  /** Referrals the receiving side answered (any step after « reçue », the expiry aside). */
  withFeedback: number;
  booked: number;
  medianDaysToAppointment: number | null;
}

export async function referralStatistics(db: DbOrTx, scope: ReferralScope, period: { from: string; to: string }): Promise<ReferralStatistics> {
  const where = sql<SqlBool>`(r.created_at at time zone 'Europe/Paris')::date between ${period.from}::date and ${period.to}::date and ${
    scope.all
      ? sql`true`
      : sql`(r.from_structure_id = any(${scope.fromStructureIds}::uuid[]) or r.target_structure_id = any(${scope.targetStructureIds}::uuid[]))`
  }`;
  const count = sql<number>`count(*)::int`.as("n");
  const byStatus = await db.selectFrom("referrals as r").select(["r.status", count]).where(where).groupBy("r.status").orderBy("r.status").execute();
  const named = (column: "r.from_structure_id" | "r.target_structure_id") =>
    db
      .selectFrom("referrals as r")
      .innerJoin("structures as s", "s.id", column)
      .select(["s.name", count])
      .where(where)
      .groupBy("s.name")
      .orderBy(sql`count(*)`, "desc")
      .orderBy("s.name")
      .execute();
  const delays = await db
    .selectFrom("referrals as r")
    .leftJoin("appointments as a", "a.id", "r.appointment_id")
    .select([
      sql<number>`count(r.answered_at)::int`.as("answered"),
      sql<number>`count(a.id)::int`.as("booked"),
      sql<number | null>`(percentile_cont(0.5) within group (order by extract(epoch from (a.starts_at - r.created_at)) / 86400.0))::float8`.as("median"),
    ])
    .where(where)
    .executeTakeFirstOrThrow();
  return {
    total: byStatus.reduce((sum, r) => sum + r.n, 0),
    byStatus: byStatus.map((r) => ({ status: r.status, n: r.n })),
    bySource: await named("r.from_structure_id"),
    byTarget: await named("r.target_structure_id"),
    withFeedback: delays.answered,
    booked: delays.booked,
    medianDaysToAppointment: delays.median,
  };
}
