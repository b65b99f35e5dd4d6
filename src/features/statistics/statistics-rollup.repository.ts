// The statistics rollup (tables of migrations 2026-11-27T0000-stats-rollup and
// 2026-12-06T1640-stats-rollup-edge-days): refreshing the partitions the triggers marked dirty, and
// reading the figures of a period from it. Each partition's rows are what the base-table queries give
// for that (month, structure, type) alone, so sums over partitions are the base-table figures. A
// partial month at an end of the period is either its own days read from the base tables, or its whole
// month's rollup cells minus the base-table cells of the other days (whichever reads fewer days) — for
// the whole network both read the network's day rows instead (stats-day-rollup.repository.ts); its
// people always come from the partitions' people and the first and last day each counts on.
import { type RawBuilder, sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import type { StatsFilters } from "./statistics.ts";
import { countedReports } from "./statistics-filters.repository.ts";
import {
  cellsOf,
  collectiveQuery,
  type GroupedTarget,
  MAIN_MEASURES,
  type MainCell,
  MEASURE_COLUMNS,
  MULTI_VALUES,
  mainCells,
  mainGroupingSets,
  mainQuery,
  multiQuery,
} from "./statistics-queries.repository.ts";
import type { DimRow, RawFigures } from "./statistics-shape.ts";
import { type DayRange, dayRows, daysAnswer, inDayRanges, refreshStatsDays } from "./stats-day-rollup.repository.ts";
import { applyNetworkChange, collectNetworkChange, networkWindowRows } from "./stats-network.repository.ts";
import { countInRefreshedSpans, countOutRefreshedSpans, networkPeople } from "./stats-person-groups.repository.ts";
import { addMonths, EMPTY_FILTERS } from "./stats-query.ts";
import type { RollupPlan } from "./stats-rollup-plan.ts";

/** One refresh at a time across every application instance sharing the database. */
const REFRESH_LOCK = 726_474_001;
/** Grouped columns that are the partition key itself: their cells are the partitions' totals. */
const KEYED: GroupedTarget[] = ["type", "employerKind", "series"];
const IN_REFRESH = sql`(month, structure_id, type) in (select month, structure_id, type from stats_refresh)`;

/**
 * Recomputes the partitions marked dirty, under an advisory lock (one refresh at a time across every
 * instance: a reader that finds marks waits for a refresh in progress elsewhere, then takes whatever
 * marks are left), in one repeatable-read transaction: the marks taken and the partitions recomputed
 * see the same snapshot. Marks are only ever inserted by writers, never updated, so a write the
 * snapshot does not see keeps its own mark for the next refresh. `days`: the network's day rows to bring
 * up to date too (those a read of partial months uses). Returns the partitions recomputed.
 */
export async function refreshStatsRollup(db: Db, days: DayRange[] = []): Promise<number> {
  const pending = await sql<{ any: boolean }>`
    select exists (select 1 from stats_dirty) or exists (select 1 from stats_day_dirty where ${inDayRanges(days)}) as any`.execute(db);
  if (pending.rows[0]?.any !== true) return 0;
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${REFRESH_LOCK})`.execute(conn);
    try {
      return await conn
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (trx) => {
          const partitions = await refreshMarked(trx);
          await refreshStatsDays(trx, days);
          return partitions;
        });
    } finally {
      await sql`select pg_advisory_unlock(${REFRESH_LOCK})`.execute(conn);
    }
  });
}

/** Inside the refresh's transaction: one snapshot for taking the marks and recomputing their partitions. */
async function refreshMarked(trx: DbOrTx): Promise<number> {
  // Look-up plans over small temporary tables are misestimated; compiling them costs more than running them.
  await sql`set local jit = off`.execute(trx);
  await sql`create temporary table stats_refresh on commit drop as
    with taken as (delete from stats_dirty returning month, structure_id, type) select distinct month, structure_id, type from taken`.execute(trx);
  const span = await sql<{ n: number; first: string | null; last: string | null }>`
    select count(*)::int as n, to_char(min(month), 'YYYY-MM-DD') as first,
      to_char(max(month) + interval '1 month' - interval '1 day', 'YYYY-MM-DD') as last from stats_refresh`.execute(trx);
  const { n, first, last } = span.rows[0] ?? { n: 0, first: null, last: null };
  if (n === 0 || first === null || last === null) return 0;
  await sql`analyze stats_refresh`.execute(trx);
  await bumpPartitionVersions(trx);
  const f: StatsFilters = { from: first, to: last, ...EMPTY_FILTERS };
  const partition = sql`(date_trunc('month', r.date::timestamp)::date, r.structure_id, r.type) in (select month, structure_id, type from stats_refresh)`;
  await collectNetworkChange(trx, -1);
  await sql`delete from stats_cells where ${IN_REFRESH}`.execute(trx);
  await insertMainCells(trx, f, partition);
  await sql`insert into stats_cells (month, structure_id, type, source, dim, code, activities, acc, minutes)
    select x.bucket::date, x.structure_id, x.type, 'multi', d.dim, d.code, count(*), sum(x.acc), sum(x.duration_minutes)
    from ${countedReports(f, "mois", partition)} x ${MULTI_VALUES}
    group by x.bucket, x.structure_id, x.type, d.dim, d.code`.execute(trx);
  await sql`insert into stats_cells (month, structure_id, type, source, dim, code, activities, acc, minutes)
    select q.bucket::date, q.structure_id, 'collectif', 'collective', q.dim, q.code, q.activities, q.acc, q.minutes
    from (${collectiveQuery(f, "mois", partition)}) q`.execute(trx);
  await collectNetworkChange(trx, 1);
  await applyNetworkChange(trx);
  await sql`delete from stats_network where activities = 0 and (month, type) in (select month, type from stats_refresh)`.execute(trx);
  await refreshPeople(trx, sql`r.date >= ${first}::date and r.date <= ${last}::date and ${partition}`);
  return n;
}

/**
 * Gives every partition being refreshed a new version (inside the refresh's transaction and lock, so versions
 * commit in the order they are taken): in-memory copies reload the partitions above the last version they saw.
 */
async function bumpPartitionVersions(trx: DbOrTx): Promise<void> {
  await sql`insert into stats_partition_version (month, structure_id, type, version)
    select month, structure_id, type, nextval('stats_partition_version_seq') from stats_refresh
    on conflict (month, structure_id, type) do update set version = excluded.version`.execute(trx);
}

async function insertMainCells(trx: DbOrTx, f: StatsFilters, partition: RawBuilder<unknown>): Promise<void> {
  const { dim, key, sets } = mainGroupingSets(KEYED);
  await sql`insert into stats_cells (month, structure_id, type, source, dim, code, activities, acc, minutes, ind, ind_minutes, coll_acc, ind_anon, coll_anon)
    select x.bucket::date, x.structure_id, x.type, 'main', case ${dim} else 'total' end, coalesce(${key}), ${MAIN_MEASURES}
    from ${countedReports(f, "mois", partition)} x
    group by x.bucket, x.structure_id, x.type, grouping sets (${sets})`.execute(trx);
}

/** The partitions' identified people, and the first accompaniment day of everyone who entered or left one. */
async function refreshPeople(trx: DbOrTx, partition: RawBuilder<unknown>): Promise<void> {
  await sql`create temporary table stats_refresh_people on commit drop as
    with gone as (delete from stats_people where ${IN_REFRESH} returning beneficiary_id) select distinct beneficiary_id from gone`.execute(trx);
  await sql`insert into stats_people (month, structure_id, type, beneficiary_id, counted, min_day, max_day)
    select u.month, u.structure_id, u.type, u.beneficiary_id, u.counted, min(u.date), max(u.date) from (
      select date_trunc('month', r.date::timestamp)::date as month, r.structure_id, r.type, r.beneficiary_id, r.type = 'individuel' as counted, r.date
      from activity_reports r where r.deleted_at is null and r.beneficiary_id is not null and ${partition}
      union all select date_trunc('month', r.date::timestamp)::date, r.structure_id, r.type, p.beneficiary_id, r.type = 'collectif', r.date
      from activity_participants p join activity_reports r on r.id = p.report_id where r.deleted_at is null and ${partition}
    ) u group by u.month, u.structure_id, u.type, u.beneficiary_id, u.counted`.execute(trx);
  await sql`insert into stats_refresh_people select distinct beneficiary_id from stats_people where ${IN_REFRESH}`.execute(trx);
  await sql`analyze stats_refresh_people`.execute(trx);
  await countOutRefreshedSpans(trx);
  await sql`delete from stats_person_span where beneficiary_id in (select beneficiary_id from stats_refresh_people)`.execute(trx);
  // Person by person (index look-ups): a few for one edit, every person after a bulk load.
  await sql`insert into stats_person_span (beneficiary_id, first_day, months, ind_months, coll_months)
    select t.beneficiary_id, f.first_day, coalesce(m.months, '{}'), coalesce(m.ind_months, '{}'), coalesce(m.coll_months, '{}')
    from (select distinct beneficiary_id from stats_refresh_people) t
    cross join lateral (select min(u.day) as first_day from (
      select r.date as day from activity_reports r where r.beneficiary_id = t.beneficiary_id and r.deleted_at is null
      union all select r.date from activity_participants p join activity_reports r on r.id = p.report_id
      where p.beneficiary_id = t.beneficiary_id and r.deleted_at is null) u) f
    cross join lateral (select array_agg(distinct s.month) filter (where s.counted) as months,
      array_agg(distinct s.month) filter (where s.counted and s.type = 'individuel') as ind_months,
      array_agg(distinct s.month) filter (where s.counted and s.type = 'collectif') as coll_months
      from stats_people s where s.beneficiary_id = t.beneficiary_id) m
    where f.first_day is not null`.execute(trx);
  await countInRefreshedSpans(trx);
}

/** Rollup rows in the filters' scope (structure, employer kind, type), and in the given months when given. */
function rollupScope(alias: string, f: StatsFilters, months?: { first: string; last: string }): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const c = [months === undefined ? sql`true` : sql`${col("month")} between ${months.first}::date and ${months.last}::date`];
  if (f.structureId !== null) c.push(sql`${col("structure_id")} = ${f.structureId}::uuid`);
  if (f.employerKind !== null) c.push(sql`${col("structure_id")} in (select id from structures where kind = ${f.employerKind})`);
  if (f.type !== null) c.push(sql`${col("type")} = ${f.type}`);
  return sql.join(c, sql` and `);
}

interface RollupCell extends MainCell {
  source: string;
  dim: string;
}

/** A 'total' cell keeps its partition key (type, month; structure under a scope): the keyed sums are added up from it. */
interface RollupRow extends RollupCell {
  type: string | null;
  structure: string | null;
  month: string | null;
}

const MEASURES = MEASURE_COLUMNS;

const SUMS = sql`sum(s.activities)::int as activities, sum(s.acc)::int as acc, sum(s.minutes)::float8 as minutes, sum(s.ind)::int as ind,
    sum(s.ind_minutes)::float8 as ind_minutes, sum(s.coll_acc)::int as coll_acc, sum(s.ind_anon)::int as ind_anon, sum(s.coll_anon)::int as coll_anon`;

/** Adds the measures of `cell` into the keyed cell `key` of `target` (a new one the first time). */
function addInto(into: Map<string, MainCell>, target: GroupedTarget | null, key: string | null, cell: MainCell): void {
  const id = JSON.stringify([target, key]);
  const sum = into.get(id);
  if (sum === undefined) {
    const added: MainCell = { target, key, activities: 0, acc: 0, minutes: 0, ind: 0, ind_minutes: 0, coll_acc: 0, ind_anon: 0, coll_anon: 0 };
    for (const m of MEASURES) added[m] = cell[m];
    into.set(id, added);
  } else for (const m of MEASURES) sum[m] += cell[m];
}

/**
 * The cells of the whole months, in one scan: the network's from its running totals (two rows per code,
 * stats-network.repository.ts), or the partitions of the structures in scope summed over the months by
 * (source, dim, code). The totals' cells stay per partition key (24 rows for a year of the network, one per
 * month and type): the period's total and its sums by type, month (and structure, for the employer-kind
 * breakdown under a scope) are added up here, exactly.
 */
async function rollupCells(db: DbOrTx, f: StatsFilters, plan: RollupPlan): Promise<{ main: MainCell[]; dims: RollupCell[] }> {
  if (f.structureId === null && f.employerKind === null) return splitRows((await networkWindowRows(plan.cellMonths, f.type).execute(db)).rows as RollupRow[]);
  const scope = rollupScope("s", f, plan.cellMonths);
  const total = sql`s.source = 'main' and s.dim = 'total'`;
  const keyed = (column: RawBuilder<unknown>) => sql`case when ${total} then ${column} end`;
  const structure = keyed(sql`s.structure_id::text`);
  const rows = await sql<RollupRow>`
    select s.source, s.dim, nullif(s.code, '') as key, ${keyed(sql`s.type`)} as type, ${structure} as structure,
      ${keyed(sql`to_char(s.month, 'YYYY-MM-DD')`)} as month, ${SUMS}
    from stats_cells s where ${scope}
    group by s.source, s.dim, s.code, ${keyed(sql`s.type`)}, ${structure}, ${keyed(sql`to_char(s.month, 'YYYY-MM-DD')`)}`.execute(db);
  return splitRows(rows.rows);
}

/** Rollup rows (whole months, or days) as main cells, the totals' cells added up by type, month and structure. */
function splitRows(rows: RollupRow[]): { main: MainCell[]; dims: RollupCell[] } {
  // The rows are this call's own objects: used as they are (extra columns and all), no copy per row.
  const main: MainCell[] = [];
  const keyedSums = new Map<string, MainCell>();
  const dims: RollupCell[] = [];
  for (const row of rows) {
    if (row.source !== "main") dims.push(row);
    else if (row.dim !== "total") {
      row.target = row.dim as GroupedTarget;
      main.push(row);
    } else {
      addInto(keyedSums, null, null, row);
      addInto(keyedSums, "type", row.type, row);
      addInto(keyedSums, "series", row.month, row);
      if (row.structure !== null) addInto(keyedSums, "employerKind", row.structure, row);
    }
  }
  for (const cell of keyedSums.values()) main.push(cell);
  return { main, dims };
}

/** Parts added (sign 1) or taken away (sign -1). */
type Signed<T> = { rows: T[]; sign: 1 | -1 };

/**
 * The cells summed cell by cell. A row the base tables would not give (no activity left once the other
 * days are taken away) is dropped; the whole-period totals always stay, as the base query gives them.
 * The parts' rows are this read's own objects: the first row of each cell is summed into, not copied.
 */
function sumMain(parts: Signed<MainCell>[]): MainCell[] {
  const merged = new Map<GroupedTarget | null, Map<string | null, MainCell>>();
  for (const { rows, sign } of parts) {
    for (const cell of rows) {
      let byKey = merged.get(cell.target);
      if (byKey === undefined) {
        byKey = new Map();
        merged.set(cell.target, byKey);
      }
      const into = byKey.get(cell.key);
      if (into !== undefined) for (const m of MEASURES) into[m] += sign * cell[m];
      else {
        if (sign === -1) for (const m of MEASURES) cell[m] = 0 - cell[m]; // not -cell[m]: a zero would become -0, which Object.is and deep-strict equality tell apart from 0
        byKey.set(cell.key, cell);
      }
    }
  }
  const sums: MainCell[] = [];
  for (const byKey of merged.values()) for (const cell of byKey.values()) if (cell.target === null || cell.activities !== 0) sums.push(cell);
  return sums;
}

function sumDims(parts: Signed<DimRow>[]): DimRow[] {
  const merged = new Map<string, Map<string | null, DimRow>>();
  for (const { rows, sign } of parts) {
    for (const row of rows) {
      let byCode = merged.get(row.dim);
      if (byCode === undefined) {
        byCode = new Map();
        merged.set(row.dim, byCode);
      }
      const into = byCode.get(row.code);
      if (into === undefined) byCode.set(row.code, { dim: row.dim, code: row.code, activities: sign * row.activities, acc: sign * row.acc, minutes: sign * row.minutes });
      else {
        into.activities += sign * row.activities;
        into.acc += sign * row.acc;
        into.minutes += sign * row.minutes;
      }
    }
  }
  const sums: DimRow[] = [];
  for (const byCode of merged.values()) for (const row of byCode.values()) if (row.activities !== 0) sums.push(row);
  return sums;
}

/** The first day of each month of the plan's whole months. */
function planMonths(plan: RollupPlan): string[] {
  const months: string[] = [];
  for (let m = plan.firstMonth; m <= plan.lastMonth; m = addMonths(m, 1)) months.push(m);
  return months;
}

/**
 * The partitions' people in scope who count on a day of the plan's partial months, one select per month
 * (each an index-only scan of stats_people_edge): a partial month always touches a month boundary, so
 * « a counted day in [from, to] » is « first day there ≤ to and last day ≥ from ». Each person once (distinct:
 * a person in several partitions of the month, with a single partial month there is no union to remove them).
 */
function edgePeople(f: StatsFilters, plan: RollupPlan): RawBuilder<unknown> {
  if (plan.edges.length === 0) return sql`select null::uuid as id where false`;
  const each = plan.edges.map(
    (e) => sql`select distinct e.beneficiary_id as id from stats_people e where e.counted and ${rollupScope("e", f)}
      and e.month = ${`${e.from.slice(0, 8)}01`}::date and e.max_day >= ${e.from}::date and e.min_day <= ${e.to}::date`,
  );
  return sql.join(each, sql` union `);
}

/**
 * Identified people of the period, and the new ones (first day ever in the period), all from the
 * rollup. The whole network reads its people grouped by the months they count in (stats-person-groups)
 * plus the partial months' partition people; a scope, its partitions' people.
 */
async function rollupPeople(db: DbOrTx, f: StatsFilters, plan: RollupPlan): Promise<{ people: number; newPeople: number }> {
  const edge = edgePeople(f, plan);
  if (f.structureId === null && f.employerKind === null) return networkPeople(db, f, planMonths(plan), edge);
  const result = await sql<{ people: number; new_people: number }>`
    with ids as (
      select s.beneficiary_id as id from stats_people s where s.counted and ${rollupScope("s", f, { first: plan.firstMonth, last: plan.lastMonth })} union ${edge}
    )
    select count(*)::int as people, (count(*) filter (where x.first_day is null or x.first_day >= ${f.from}::date))::int as new_people
    from ids left join stats_person_span x on x.beneficiary_id = ids.id`.execute(db);
  const row = result.rows[0];
  return { people: row?.people ?? 0, newPeople: row?.new_people ?? 0 };
}

/**
 * The base-table cells of one partial month's days (or of the days taken away from its month) in one
 * statement: the reports are selected once and the three groupings read them (instead of three scans).
 */
async function edgeFigures(db: DbOrTx, f: StatsFilters): Promise<{ main: MainCell[]; multi: DimRow[]; collective: DimRow[] }> {
  const reports = sql`edge_reports`;
  const result = await sql<{ main: (Omit<MainCell, "target"> & { g: number })[] | null; multi: DimRow[] | null; collective: DimRow[] | null }>`
    with edge_reports as materialized (select * from ${countedReports(f, "mois")} r)
    select (select json_agg(q) from (${mainQuery(reports)}) q) as main,
      (select json_agg(q) from (${multiQuery(reports)}) q) as multi,
      (select json_agg(q) from (${collectiveQuery(f, "mois", undefined, reports)}) q) as collective`.execute(db);
  const row = result.rows[0];
  return { main: mainCells(row?.main ?? []), multi: row?.multi ?? [], collective: row?.collective ?? [] };
}

/** The rollup cells of one source as breakdown rows. */
function dimRowsOf(cells: RollupCell[], source: string): DimRow[] {
  return cells.filter((c) => c.source === source).map((c) => ({ dim: c.dim, code: c.key, activities: c.activities, acc: c.acc, minutes: c.minutes }));
}

/** The cells of one partial month's days (or of the days taken away from its month) from the network's day rows. */
async function dayFigures(db: DbOrTx, f: StatsFilters): Promise<{ main: MainCell[]; multi: DimRow[]; collective: DimRow[] }> {
  const rows = await dayRows(f, f).execute(db);
  const { main, dims } = splitRows(rows.rows as RollupRow[]);
  return { main, multi: dimRowsOf(dims, "multi"), collective: dimRowsOf(dims, "collective") };
}

/** The figures of `plan`'s period from the rollup (refreshed first), partial months corrected from the day rows (network) or the base tables. */
export async function rollupFigures(db: Db, f: StatsFilters, plan: RollupPlan): Promise<RawFigures> {
  const reads = plan.edges.map((e) => ({ f: { ...f, ...(e.minus ?? { from: e.from, to: e.to }) }, sign: e.minus === null ? (1 as const) : (-1 as const) }));
  await refreshStatsRollup(db, daysAnswer(f) ? reads.map((r) => ({ from: r.f.from, to: r.f.to })) : []);
  const [rollup, people, edges] = await Promise.all([
    rollupCells(db, f, plan),
    rollupPeople(db, f, plan),
    // The network's partial months from its day rows; a structure or employer-kind scope's from the base tables.
    Promise.all(reads.map(async (r) => ({ ...(await (daysAnswer(f) ? dayFigures(db, r.f) : edgeFigures(db, r.f))), sign: r.sign }))),
  ]);
  const edgeMain = edges.map((e) => ({ rows: e.main, sign: e.sign }));
  const edgeMulti = edges.map((e) => ({ rows: e.multi, sign: e.sign }));
  const edgeCollective = edges.map((e) => ({ rows: e.collective, sign: e.sign }));
  const dims = (source: string): Signed<DimRow> => ({ rows: dimRowsOf(rollup.dims, source), sign: 1 });
  return {
    ...cellsOf(sumMain([{ rows: rollup.main, sign: 1 }, ...edgeMain])),
    multi: sumDims([dims("multi"), ...edgeMulti]),
    collective: sumDims([dims("collective"), ...edgeCollective]),
    people,
  };
}
