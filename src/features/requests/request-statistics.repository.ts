// Figures of commune requests for the coordination's dashboard: the requests filed in a period (and, when
// the dashboard is filtered so, in a commune or an EPCI) by status and by kind, and how long the
// coordination took to answer and to decide. A query module of its own, beside the activity statistics.
import { type SqlBool, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { RequestKind, RequestStatus } from "./requests.ts";

export interface RequestStatsFilter {
  /** Inclusive Paris days, YYYY-MM-DD. */
  from: string;
  to: string;
  communeCode: string | null;
  epciCode: string | null;
}

export interface RequestStatistics {
  total: number;
  byStatus: Record<RequestStatus, number>;
  byKind: Record<RequestKind, number>;
  /** Requests the coordination answered (first status change or message), and in how many days. */
  answered: number;
  answeredWithin7Days: number;
  medianDaysToAnswer: number | null;
  /** Requests accepted or refused, and in how many days. */
  decided: number;
  medianDaysToDecision: number | null;
  /** Still waiting today (any filing date), and the longest wait in days. */
  waitingNow: number;
  longestWaitDays: number | null;
}

const DAYS = (later: string) => sql<number>`extract(epoch from (${sql.ref(later)} - r.created_at)) / 86400.0`;

export async function requestStatistics(db: DbOrTx, filter: RequestStatsFilter, now: Date): Promise<RequestStatistics> {
  const place = (column: string) =>
    sql<SqlBool>`(${filter.communeCode === null ? sql`true` : sql`${sql.ref(column)} = ${filter.communeCode}`})
      and (${filter.epciCode === null ? sql`true` : sql`exists (select 1 from communes c where c.code = ${sql.ref(column)} and c.epci_code = ${filter.epciCode})`})`;
  const period = sql<SqlBool>`(r.created_at at time zone 'Europe/Paris')::date between ${filter.from}::date and ${filter.to}::date`;
  const rows = await db
    .selectFrom("commune_requests as r")
    .select(["r.status", "r.kind", sql<number>`count(*)::int`.as("n")])
    .where(period)
    .where(place("r.commune_code"))
    .groupBy(["r.status", "r.kind"])
    .execute();
  const delays = await db
    .selectFrom("commune_requests as r")
    .select([
      sql<number>`count(r.answered_at)::int`.as("answered"),
      sql<number>`count(*) filter (where r.answered_at - r.created_at <= interval '7 days')::int`.as("within7"),
      sql<number | null>`(percentile_cont(0.5) within group (order by ${DAYS("r.answered_at")}))::float8`.as("answer_median"),
      sql<number>`count(r.decided_at)::int`.as("decided"),
      sql<number | null>`(percentile_cont(0.5) within group (order by ${DAYS("r.decided_at")}))::float8`.as("decision_median"),
    ])
    .where(period)
    .where(place("r.commune_code"))
    .executeTakeFirstOrThrow();
  const waiting = await db
    .selectFrom("commune_requests as r")
    .select([sql<number>`count(*)::int`.as("n"), sql<Date | null>`min(r.created_at)`.as("oldest")])
    .where("r.status", "in", ["new", "in_review"])
    .where(place("r.commune_code"))
    .executeTakeFirstOrThrow();
  const byStatus: Record<RequestStatus, number> = { new: 0, in_review: 0, accepted: 0, refused: 0, closed: 0 };
  const byKind: Record<RequestKind, number> = { permanence: 0, intervention: 0, workshops: 0, public: 0 };
  for (const row of rows) {
    byStatus[row.status] += row.n;
    byKind[row.kind] += row.n;
  }
  return {
    total: rows.reduce((n, r) => n + r.n, 0),
    byStatus,
    byKind,
    answered: delays.answered,
    answeredWithin7Days: delays.within7,
    medianDaysToAnswer: delays.answer_median,
    decided: delays.decided,
    medianDaysToDecision: delays.decision_median,
    waitingNow: waiting.n,
    longestWaitDays: waiting.oldest === null ? null : Math.floor((now.getTime() - new Date(waiting.oldest).getTime()) / 86_400_000),
  };
}
