// The whole network's distinct people over whole months from stats_person_groups (migration
// 2026-12-07T1300-stats-person-groups): stats_person_span's rows counted by (kind, month of the first
// accompaniment, set of months the person counts in), so that a window of whole months sums a few
// thousand groups instead of scanning one row per person. Kept by deltas inside the rollup's refresh
// transaction: the spans of the people it recomputes are counted out before they are rewritten and
// counted in after, so the groups are always stats_person_span counted (statistics-rollup.test.ts
// compares both after every kind of write).
import { type RawBuilder, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { StatsFilters } from "./statistics.ts";

/** The people whose spans the refresh rewrites (its temporary table stats_refresh_people). */
const REFRESHED = sql`s.beneficiary_id in (select beneficiary_id from stats_refresh_people)`;

/** The groups of the spans matching `where`, each person counted `sign` times. */
function groupsOf(where: RawBuilder<unknown>, sign: 1 | -1): RawBuilder<unknown> {
  return sql`select k.kind, date_trunc('month', s.first_day::timestamp)::date as first_month, k.months, ${sql.lit(sign)} * count(*)::int as people
    from stats_person_span s
    cross join lateral (values ('all', s.months), ('individuel', s.ind_months), ('collectif', s.coll_months)) k(kind, months)
    where ${where} and cardinality(k.months) > 0
    group by 1, 2, 3`;
}

/** In the refresh, before the refreshed people's spans are deleted: their groups, to be taken away. */
export async function countOutRefreshedSpans(trx: DbOrTx): Promise<void> {
  await sql`create temporary table stats_refresh_groups on commit drop as ${groupsOf(REFRESHED, -1)}`.execute(trx);
}

/** In the refresh, after the refreshed people's spans are rewritten: the difference applied to the groups. */
export async function countInRefreshedSpans(trx: DbOrTx): Promise<void> {
  await sql`insert into stats_person_groups (kind, first_month, months, people)
    select d.kind, d.first_month, d.months, sum(d.people)::int from (
      select kind, first_month, months, people from stats_refresh_groups
      union all ${groupsOf(REFRESHED, 1)}
    ) d group by d.kind, d.first_month, d.months having sum(d.people) <> 0
    on conflict (kind, first_month, months) do update set people = stats_person_groups.people + excluded.people`.execute(trx);
  await sql`delete from stats_person_groups where people = 0`.execute(trx);
}

/**
 * The network's identified people of a period (no structure or employer-kind scope; a type or none) and
 * the new ones (first accompaniment on or after the period's first day): those counting in a whole month
 * of `months` from the groups, plus the people of the partial months (`edge`: their ids) who count in
 * none of them, person by person. Among the groups' people, « new » is a first month on or after the
 * period's first month, minus the people first seen in that month before the period's first day (an index
 * range over a few days of first accompaniments).
 */
export async function networkPeople(db: DbOrTx, f: StatsFilters, months: string[], edge: RawBuilder<unknown>): Promise<{ people: number; newPeople: number }> {
  const kind = f.type ?? "all";
  const column = sql.ref(`s.${f.type === "individuel" ? "ind_months" : f.type === "collectif" ? "coll_months" : "months"}`);
  const window = sql`${months}::date[]`;
  const fromMonth = `${f.from.slice(0, 8)}01`;
  const result = await sql<{ people: number; new_people: number; early: number; edge_people: number; edge_new: number }>`
    with edge as (${edge}),
    grouped as (select coalesce(sum(g.people), 0)::int as people, coalesce(sum(g.people) filter (where g.first_month >= ${fromMonth}::date), 0)::int as new_people
      from stats_person_groups g where g.kind = ${kind} and g.months && ${window}),
    early as (select count(*)::int as n from stats_person_span s
      where s.first_day >= ${fromMonth}::date and s.first_day < ${f.from}::date and ${column} && ${window}),
    edge_only as (select count(*)::int as people, (count(*) filter (where s.first_day is null or s.first_day >= ${f.from}::date))::int as new_people
      from edge left join stats_person_span s on s.beneficiary_id = edge.id where not coalesce(${column} && ${window}, false))
    select grouped.people, grouped.new_people, early.n as early, edge_only.people as edge_people, edge_only.new_people as edge_new
    from grouped, early, edge_only`.execute(db);
  const row = result.rows[0];
  if (row === undefined) return { people: 0, newPeople: 0 };
  return { people: row.people + row.edge_people, newPeople: row.new_people - row.early + row.edge_new };
}
