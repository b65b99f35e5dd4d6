// The network's figures per (day, activity type) (table stats_day, migration 2026-12-07T1110-stats-day-rollup):
// a partial month at an end of a network-wide period is its own days summed from here, or its whole month
// (stats_network) minus the days here it does not cover, instead of reading those days' reports from the
// base tables. Each (day, type) marked dirty by the triggers is recomputed wholesale from that day's
// reports with the base path's SQL fragments, inside the rollup's refresh transaction — and only when a
// read needs that day: a write's read of whole months (or of the default period, whose last partial
// month is the whole month minus days after today) does not pay for rebuilding its day.
import { type RawBuilder, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { StatsFilters } from "./statistics.ts";
import { countedReports } from "./statistics-filters.repository.ts";
import { collectiveQuery, type GroupedTarget, MAIN_MEASURES, MEASURE_COLUMNS, MULTI_VALUES, mainGroupingSets } from "./statistics-queries.repository.ts";
import { EMPTY_FILTERS } from "./stats-query.ts";

/** Grouped columns that are the day's key (type) or follow from it (the month's series bucket). */
const KEYED: GroupedTarget[] = ["type", "series"];
const IN_REFRESH = sql`(day, type) in (select day, type from stats_day_refresh)`;

/** Inclusive ranges of days. */
export interface DayRange {
  from: string;
  to: string;
}

/** Column `day` in one of `ranges`. */
export function inDayRanges(ranges: DayRange[]): RawBuilder<unknown> {
  if (ranges.length === 0) return sql`false`;
  return sql`(${sql.join(
    ranges.map((r) => sql`(day >= ${r.from}::date and day <= ${r.to}::date)`),
    sql` or `,
  )})`;
}

/**
 * Inside the rollup's refresh transaction (same snapshot, same lock): takes the day marks in `ranges`
 * (the days a read is about to use) and recomputes those days' rows from the base tables; marks of other
 * days stay for the read that needs them. Returns the (day, type) pairs recomputed.
 */
export async function refreshStatsDays(trx: DbOrTx, ranges: DayRange[]): Promise<number> {
  if (ranges.length === 0) return 0;
  await sql`set local jit = off`.execute(trx);
  await sql`create temporary table stats_day_refresh on commit drop as
    with taken as (delete from stats_day_dirty where ${inDayRanges(ranges)} returning day, type) select distinct day, type from taken`.execute(trx);
  const span = await sql<{ n: number; first: string | null; last: string | null }>`
    select count(*)::int as n, to_char(min(day), 'YYYY-MM-DD') as first, to_char(max(day), 'YYYY-MM-DD') as last from stats_day_refresh`.execute(trx);
  const { n, first, last } = span.rows[0] ?? { n: 0, first: null, last: null };
  if (n === 0 || first === null || last === null) return 0;
  await sql`analyze stats_day_refresh`.execute(trx);
  // The period [first, last] bounds the date index's range; the pairs pick the dirty days and types in it.
  // The days' reports are read once; the three groupings read them from the materialized CTE. Only the
  // rows that differ are written (an edit changes a few of a day's ~5,000 rows at 1 M reports: rewriting
  // them all cost more in index upkeep than computing them); rows the days no longer have are deleted.
  const f: StatsFilters = { from: first, to: last, ...EMPTY_FILTERS };
  const reports = sql`day_reports`;
  const measures = MEASURE_COLUMNS.map((m) => sql.ref(m));
  const key = sql`s.day = n.day and s.type = n.type and s.source = n.source and s.dim = n.dim and s.code = n.code`;
  await sql`with day_reports as materialized (select * from ${countedReports(f, "jour", sql`(r.date, r.type) in (select day, type from stats_day_refresh)`)} r),
    fresh (day, type, source, dim, code, activities, acc, minutes, ind, ind_minutes, coll_acc, ind_anon, coll_anon) as materialized (
      ${mainDays(reports)}
      union all select x.date, x.type, 'multi', d.dim, coalesce(d.code, ''), count(*)::int, sum(x.acc)::int, sum(x.duration_minutes)::float8, 0, 0, 0, 0, 0
      from ${reports} x ${MULTI_VALUES}
      group by x.date, x.type, d.dim, d.code
      -- Grouped per (day, structure) by the shared query (a partition given), summed over structures: an activity is in one structure.
      union all select q.bucket::date, 'collectif', 'collective', q.dim, coalesce(q.code, ''), sum(q.activities)::int, sum(q.acc)::int, sum(q.minutes)::float8, 0, 0, 0, 0, 0
      from (${collectiveQuery(f, "jour", sql`true`, reports)}) q group by q.bucket, q.dim, q.code),
    gone as (delete from stats_day s where ${IN_REFRESH} and not exists (select 1 from fresh n where ${key}))
    insert into stats_day (day, type, source, dim, code, ${sql.join(measures)})
    select n.day, n.type, n.source, n.dim, n.code, ${sql.join(measures.map((m) => sql`n.${m}`))} from fresh n
    where not exists (select 1 from stats_day s where ${key} and (${sql.join(measures.map((m) => sql`s.${m}`))}) = (${sql.join(measures.map((m) => sql`n.${m}`))}))
    on conflict (day, type, source, dim, code) do update set ${sql.join(
      measures.map((m) => sql`${m} = excluded.${m}`),
      sql`, `,
    )}`.execute(trx);
  return n;
}

/** Main cells per (day, type) of the counted reports `source`: totals, each single-valued dimension and each structure's totals. */
function mainDays(source: RawBuilder<unknown>): RawBuilder<unknown> {
  const { dim, key, sets } = mainGroupingSets(KEYED);
  return sql`select x.date, x.type, 'main', case ${dim} else 'total' end, coalesce(${key}, ''), ${MAIN_MEASURES}
    from ${source} x
    group by x.date, x.type, grouping sets (${sets})`;
}

/** Whether the day rows answer a partial month of these filters: the whole network (a type filter or none). */
export function daysAnswer(f: StatsFilters): boolean {
  return f.structureId === null && f.employerKind === null;
}

/**
 * The rows of days [from, to] summed by (source, dim, code), in the shape of the rollup's whole-month
 * read: the 'total' cells keep their type and month, from which the totals, types and series are added up.
 */
export function dayRows(f: StatsFilters, range: { from: string; to: string }) {
  const total = sql`s.source = 'main' and s.dim = 'total'`;
  const keyed = (column: RawBuilder<unknown>) => sql`case when ${total} then ${column} end`;
  const type = f.type === null ? sql`true` : sql`s.type = ${f.type}`;
  const month = keyed(sql`to_char(date_trunc('month', s.day::timestamp), 'YYYY-MM-DD')`);
  return sql`
    select s.source, s.dim, nullif(s.code, '') as key, ${keyed(sql`s.type`)} as type, null::text as structure, ${month} as month,
      sum(s.activities)::int as activities, sum(s.acc)::int as acc, sum(s.minutes)::float8 as minutes, sum(s.ind)::int as ind,
      sum(s.ind_minutes)::float8 as ind_minutes, sum(s.coll_acc)::int as coll_acc, sum(s.ind_anon)::int as ind_anon, sum(s.coll_anon)::int as coll_anon
    from stats_day s where s.day >= ${range.from}::date and s.day <= ${range.to}::date and ${type}
    group by s.source, s.dim, s.code, ${keyed(sql`s.type`)}, ${month}`;
}
