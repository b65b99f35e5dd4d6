// The statistics of the network computed from the base tables (the reports and their participants).
// Four independent queries run concurrently (one scan each): single-valued activity dimensions with
// totals and series (GROUPING SETS), multi-valued ones (unnest), people profiles of collective
// activities (known participants + anonymous counts), and distinct people. The rollup reuses their SQL
// per (month, structure, type) partition, and these queries for the partial months at a period's ends.
import { type RawBuilder, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { Dimension, Granularity, StatsFilters } from "./statistics.ts";
import {
  ANONYMOUS_KEYS,
  anonymousFilter,
  countedReports,
  hasProfileFilter,
  PARTICIPANT,
  personMatch,
} from "./statistics-filters.repository.ts";
import type { DimRow, MainTotals, RawCell, RawFigures } from "./statistics-shape.ts";
import { NOT_COMMUNICATED } from "./stats-figures.ts";

const NC = NOT_COMMUNICATED.code;

/** The grouped columns of the main query, in GROUPING() bit order, and the dimension each feeds. */
export const GROUPED = [
  ["type", "type"],
  ["band", "durationBand"],
  ["place_type", "placeType"],
  ["place_id", "place"],
  ["autonomy", "autonomy"],
  ["oriented", "orientation"],
  ["structure_id", "employerKind"],
  ["advisor_id", "advisor"],
  ["bucket", "series"],
  ["beneficiary_gender", "gender"],
  ["beneficiary_age_band", "ageBand"],
  ["beneficiary_social_status", "socialStatus"],
  ["beneficiary_commune_code", "residenceCommune"],
] as const;
export type GroupedTarget = (typeof GROUPED)[number][1];

/**
 * The grouping-set fragments of a rollup's main cells over the reports aliased `x`, leaving out the columns
 * the rollup keys its rows by: the dimension each grouping set feeds (`dim`), its code (`key`, null on the
 * totals' set) and the sets themselves, totals first.
 */
export function mainGroupingSets(keyed: readonly GroupedTarget[]): { dim: RawBuilder<unknown>; key: RawBuilder<unknown>; sets: RawBuilder<unknown> } {
  const grouped = GROUPED.filter(([, target]) => !keyed.includes(target));
  return {
    dim: sql.join(
      grouped.map(([column, target]) => sql`when grouping(${sql.ref(`x.${column}`)}) = 0 then ${target}`),
      sql` `,
    ),
    key: sql.join(
      grouped.map(([column]) => sql`(${sql.ref(`x.${column}`)})::text`),
      sql`, `,
    ),
    sets: sql.join([sql`()`, ...grouped.map(([column]) => sql`(${sql.ref(`x.${column}`)})`)], sql`, `),
  };
}

/** One cell of the main query: `target` null for the whole-period totals. */
export interface MainCell extends MainTotals {
  target: GroupedTarget | null;
  key: string | null;
  ind_minutes: number;
}

/** The additive measures of a main cell, as the rollup's tables name their columns (every rollup sum adds these). */
export const MEASURE_COLUMNS = ["activities", "acc", "minutes", "ind", "ind_minutes", "coll_acc", "ind_anon", "coll_anon"] as const;

/** The additive measures of the main query over the counted reports `x`. */
export const MAIN_MEASURES = sql`count(*)::int as activities, coalesce(sum(x.acc), 0)::int as acc, coalesce(sum(x.duration_minutes), 0)::float8 as minutes,
      (count(*) filter (where x.type = 'individuel'))::int as ind,
      coalesce(sum(x.duration_minutes) filter (where x.type = 'individuel'), 0)::float8 as ind_minutes,
      coalesce(sum(x.acc) filter (where x.type = 'collectif'), 0)::int as coll_acc,
      (count(*) filter (where x.type = 'individuel' and x.beneficiary_id is null))::int as ind_anon,
      coalesce(sum(x.anon) filter (where x.type = 'collectif'), 0)::int as coll_anon`;

function targetOf(g: number): GroupedTarget | null {
  const n = GROUPED.length;
  const index = GROUPED.findIndex((_, i) => ((g >> (n - 1 - i)) & 1) === 0);
  return index === -1 ? null : GROUPED[index]![1];
}

/** Main query rows (GROUPING() bits `g`) as cells. */
export function mainCells(rows: (Omit<MainCell, "target"> & { g: number })[]): MainCell[] {
  return rows.map(({ g, ...row }) => ({ ...row, target: targetOf(g) }));
}

/** The main query (totals, series, single-valued dimensions) over the counted reports of `source`. */
export function mainQuery(source: RawBuilder<unknown>) {
  const columns = GROUPED.map(([c]) => sql.ref(`x.${c}`));
  const key = sql.join(
    GROUPED.map(([c]) => sql`(${sql.ref(`x.${c}`)})::text`),
    sql`, `,
  );
  const sets = sql.join(
    [sql`()`, ...columns.map((c) => sql`(${c})`)],
    sql`, `,
  );
  return sql<MainCell & { g: number }>`
    select grouping(${sql.join(columns, sql`, `)})::int as g, coalesce(${key}) as key, ${MAIN_MEASURES}
    from ${source} x
    group by grouping sets (${sets})`;
}

export async function mainFigures(db: DbOrTx, f: StatsFilters, granularity: Granularity): Promise<MainCell[]> {
  return mainCells((await mainQuery(countedReports(f, granularity)).execute(db)).rows);
}

/** The values of the multi-valued dimensions of counted report `x`, one row each. */
export const MULTI_VALUES = sql`cross join lateral (
      select 'theme' as dim, t as code from unnest(x.themes) t
      union all select 'procedureArea', t from unnest(x.procedure_areas) t
      union all select 'equipment', t from unnest(x.equipment) t
    ) d`;

/** Multi-valued dimensions over the counted reports of `source`. */
export function multiQuery(source: RawBuilder<unknown>) {
  return sql<DimRow>`
    select d.dim, d.code, count(*)::int as activities, sum(x.acc)::int as acc, sum(x.duration_minutes)::float8 as minutes
    from ${source} x
    ${MULTI_VALUES}
    group by d.dim, d.code`;
}

export async function multiValued(db: DbOrTx, f: StatsFilters, granularity: Granularity): Promise<DimRow[]> {
  return (await multiQuery(countedReports(f, granularity)).execute(db)).rows;
}

/** Anonymous participants of collective report `c` per profile dimension (the remainder is « non communiqué »). */
function anonymousRows(f: StatsFilters) {
  const which = anonymousFilter(f);
  if (which === "none") return sql`select null::uuid as id, null::int as duration_minutes, null::text as dim, null::text as code, 0 as n where false`;
  if (which !== "all") {
    const rows = (Object.keys(ANONYMOUS_KEYS) as (keyof typeof ANONYMOUS_KEYS)[]).map((d) =>
      d === which.dimension ? sql`(${d}, ${which.code}::text)` : sql`(${d}, ${NC}::text)`,
    );
    return sql`select c.id, c.duration_minutes, v.dim, v.code, c.anon as n from c
      cross join lateral (values ${sql.join(rows, sql`, `)}, ('residenceCommune', null::text)) v(dim, code) where c.anon > 0`;
  }
  const parts = Object.entries(ANONYMOUS_KEYS).map(
    ([dim, key]) => sql`select ${dim}::text as dim, e.key as code, e.value::int as n from jsonb_each_text(c.anonymous_participants -> ${key}::text) e where e.key <> ${NC}
      union all select ${dim}::text, ${NC}::text, c.anonymous_total - coalesce((select sum(e.value::int) from jsonb_each_text(c.anonymous_participants -> ${key}::text) e where e.key <> ${NC}), 0)`,
  );
  return sql`select c.id, c.duration_minutes, a.dim, a.code, a.n from c cross join lateral (
      ${sql.join(parts, sql` union all `)} union all select 'residenceCommune', null::text, c.anonymous_total) a
    where c.anonymous_total > 0`;
}

/**
 * Per-person dimensions of collective activities: an activity counts once per value its participants
 * have. With `partition` (a condition on reports `r`), grouped by month and structure too, for the rollup;
 * `source`: the counted reports when already selected (the rollup's partial months).
 */
export function collectiveQuery(f: StatsFilters, granularity: Granularity, partition?: RawBuilder<unknown>, source = countedReports(f, granularity, partition)) {
  const by = partition === undefined ? sql`` : sql`pc.bucket, pc.structure_id, `;
  const kept = partition === undefined ? sql`` : sql`, x.bucket, x.structure_id`;
  return sql<DimRow>`
    with c as materialized (select x.id, x.duration_minutes, x.anonymous_participants, x.anonymous_total, x.anon${kept}
      from ${source} x where x.type = 'collectif')
    select ${by}w.dim, w.code, count(*)::int as activities, sum(w.n)::int as acc, sum(w.duration_minutes)::float8 as minutes
    from (
      select u.id, u.dim, u.code, sum(u.n) as n, min(u.duration_minutes) as duration_minutes
      from (
        select c.id, c.duration_minutes, v.dim, v.code, 1 as n from c
        join activity_participants p on p.report_id = c.id and ${personMatch(f, PARTICIPANT)}
        cross join lateral (values ('gender', p.gender), ('ageBand', p.age_band), ('socialStatus', p.social_status), ('residenceCommune', p.commune_code)) v(dim, code)
        union all ${anonymousRows(f)}
      ) u group by u.id, u.dim, u.code
    ) w ${partition === undefined ? sql`` : sql`join c pc on pc.id = w.id `}where w.n > 0
    group by ${by}w.dim, w.code`;
}

export async function collectiveProfiles(db: DbOrTx, f: StatsFilters, granularity: Granularity): Promise<DimRow[]> {
  return (await collectiveQuery(f, granularity).execute(db)).rows;
}

/** The reports of the period and scope whose people count, as CTE `name` (id, type, beneficiary_id). */
export function peopleReports(name: string, f: StatsFilters) {
  return sql`${sql.ref(name)} as materialized (select r.id, r.type, r.beneficiary_id from ${countedReports(f, "jour")} r)`;
}

/** The identified people of the reports of CTE `name`: individual reports' persons, workshops' known participants. */
export function peopleIds(name: string, f: StatsFilters) {
  const x = sql.ref(name);
  const participants = hasProfileFilter(f) ? personMatch(f, PARTICIPANT) : sql`true`;
  return sql`select ${x}.beneficiary_id as id from ${x} where ${x}.type = 'individuel' and ${x}.beneficiary_id is not null
      union select p.beneficiary_id from ${x} join activity_participants p on p.report_id = ${x}.id and ${participants} where ${x}.type = 'collectif'`;
}

/**
 * Identified people accompanied in the period, and those of them never accompanied before it. « Before »
 * is asked of the period's people only (anti-joins: index look-ups for the few people of a narrow
 * filter, one scan for the whole network) instead of listing everyone accompanied before the period.
 */
export async function identifiedPeople(db: DbOrTx, f: StatsFilters): Promise<{ people: number; newPeople: number }> {
  const result = await sql<{ people: number; new_people: number }>`
    with ${peopleReports("x", f)},
    ids as materialized (${peopleIds("x", f)})
    select (select count(*) from ids)::int as people, (select count(*) from ids
      where not exists (select 1 from activity_reports r where r.beneficiary_id = ids.id and r.deleted_at is null and r.date < ${f.from}::date)
      and not exists (select 1 from activity_participants p join activity_reports r on r.id = p.report_id
        where p.beneficiary_id = ids.id and r.deleted_at is null and r.date < ${f.from}::date))::int as new_people`.execute(db);
  const row = result.rows[0];
  return { people: row?.people ?? 0, newPeople: row?.new_people ?? 0 };
}

export function cellsOf(rows: MainCell[]): Pick<RawFigures, "cells" | "series" | "main"> {
  const cells: Partial<Record<GroupedTarget, MainCell[]>> = {};
  let main: MainCell | undefined;
  for (const row of rows) {
    const target = row.target;
    if (target === null) {
      main = row;
      continue;
    }
    const into = cells[target];
    if (into === undefined) cells[target] = [row];
    else into.push(row);
  }
  const individualOnly = (target: GroupedTarget): RawCell[] =>
    (cells[target] ?? []).filter((r) => r.ind > 0).map((r) => ({ code: r.key, activities: r.ind, accompaniments: r.ind, minutes: r.ind_minutes }));
  const all = (target: GroupedTarget): RawCell[] => (cells[target] ?? []).map((r) => ({ code: r.key, activities: r.activities, accompaniments: r.acc, minutes: r.minutes }));
  const byDimension: Partial<Record<Dimension, RawCell[]>> = {
    type: all("type"),
    durationBand: all("durationBand"),
    placeType: all("placeType"),
    place: all("place"),
    autonomy: individualOnly("autonomy"),
    orientation: individualOnly("orientation"),
    employerKind: all("employerKind"),
    advisor: all("advisor"),
    gender: individualOnly("gender"),
    ageBand: individualOnly("ageBand"),
    socialStatus: individualOnly("socialStatus"),
    residenceCommune: individualOnly("residenceCommune"),
  };
  return { cells: byDimension, series: all("series"), main: main ?? null };
}

/** The figures of the period from the base tables. */
export async function baseFigures(db: DbOrTx, filters: StatsFilters, granularity: Granularity): Promise<RawFigures> {
  const [main, multi, collective, people] = await Promise.all([
    mainFigures(db, filters, granularity),
    multiValued(db, filters, granularity),
    collectiveProfiles(db, filters, granularity),
    identifiedPeople(db, filters),
  ]);
  return { ...cellsOf(main), multi, collective, people };
}
