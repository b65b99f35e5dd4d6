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

/**
 * The dashboard's filters that make sense for a referral. Where: the commune of the place it was sent to,
 * else (a referral to a partner, which has no place) the person's commune; the EPCI of that commune. The
 * person's commune for the residence filter; a structure at either end; the advisor who booked it (its
 * appointment) or referred the person; the kind of a structure at either end; the place; a theme among
 * its needs. The activity's type, place type, procedure area and the person's profile do not apply.
 */
export interface ReferralFilters {
  from: string;
  to: string;
  communeCode?: string | null;
  epciCode?: string | null;
  residenceCommuneCode?: string | null;
  structureId?: string | null;
  advisorId?: string | null;
  employerKind?: string | null;
  placeId?: string | null;
  theme?: string | null;
}

const WHERE_COMMUNE = sql`coalesce((select p.commune_code from places p where p.id = r.target_place_id), r.commune_code)`;

function filterConditions(f: ReferralFilters) {
  const c = [sql`(r.created_at at time zone 'Europe/Paris')::date between ${f.from}::date and ${f.to}::date`];
  if (f.communeCode) c.push(sql`${WHERE_COMMUNE} = ${f.communeCode}`);
  if (f.epciCode) c.push(sql`${WHERE_COMMUNE} in (select code from communes where epci_code = ${f.epciCode})`);
  if (f.residenceCommuneCode) c.push(sql`r.commune_code = ${f.residenceCommuneCode}`);
  if (f.structureId) c.push(sql`(r.from_structure_id = ${f.structureId} or r.target_structure_id = ${f.structureId})`);
  if (f.advisorId) {
    c.push(
      sql`(exists (select 1 from appointments ap where ap.id = r.appointment_id and ap.advisor_id = ${f.advisorId}) or r.created_by_user_id = (select ad.user_id from advisors ad where ad.id = ${f.advisorId}))`,
    );
  }
  if (f.employerKind) c.push(sql`exists (select 1 from structures k where k.id in (r.from_structure_id, r.target_structure_id) and k.kind = ${f.employerKind})`);
  if (f.placeId) c.push(sql`r.target_place_id = ${f.placeId}`);
  if (f.theme) c.push(sql`${f.theme} = any(r.themes)`);
  return c;
}

export async function referralStatistics(db: DbOrTx, scope: ReferralScope, filters: ReferralFilters): Promise<ReferralStatistics> {
  const scoped = scope.all
    ? sql`true`
    : sql`(r.from_structure_id = any(${scope.fromStructureIds}::uuid[]) or r.target_structure_id = any(${scope.targetStructureIds}::uuid[]))`;
  const where = sql<SqlBool>`${sql.join([...filterConditions(filters), scoped], sql` and `)}`;
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
