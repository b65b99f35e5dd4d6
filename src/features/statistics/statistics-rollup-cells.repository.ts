// Writing the rollup's cells of the partitions being refreshed, with the same SQL as the base-table
// queries, in one grouped pass each (single-valued dimensions, multi-valued ones, workshops' people
// profiles). Two families: the plain cells (stats_cells, per partition) and the filter cells
// (stats_filter_cells, per partition × activity filter value: theme, procedure area, place type, place,
// commune of the activity), where each report counts once under each of its values, so each value's
// cells are what the base tables give for the partition under that filter alone.
import { type RawBuilder, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { StatsFilters } from "./statistics.ts";
import { countedReports } from "./statistics-filters.repository.ts";
import { collectiveQuery, GROUPED, type GroupedTarget, MAIN_MEASURES, MULTI_VALUES } from "./statistics-queries.repository.ts";

/** Grouped columns that are the partition key itself: their cells are the partitions' totals. */
export const KEYED: GroupedTarget[] = ["type", "employerKind", "series"];

/**
 * The activity filter values of report `alias` (`fv.fdim`, `fv.fvalue`), one row each: its distinct
 * themes and procedure areas, its place type, place and commune when it has them.
 */
export function filterValues(alias: string): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  return sql`cross join lateral (
      select 'theme'::text as fdim, t.v::text as fvalue from (select distinct unnest(${col("themes")}) as v) t
      union all select 'procedureArea', t.v from (select distinct unnest(${col("procedure_areas")}) as v) t
      union all select 'placeType', ${col("place_type")} where ${col("place_type")} is not null
      union all select 'place', ${col("place_id")}::text where ${col("place_id")} is not null
      union all select 'commune', ${col("commune_code")} where ${col("commune_code")} is not null
    ) fv`;
}

/** Inserts the cells of the partitions `partition` selects (a condition on reports `r`) into one family. */
export async function insertCells(trx: DbOrTx, f: StatsFilters, partition: RawBuilder<unknown>, family: "plain" | "filter"): Promise<void> {
  const perValue = family === "filter";
  const table = sql.table(perValue ? "stats_filter_cells" : "stats_cells");
  const keyColumns = perValue ? sql`month, structure_id, type, fdim, fvalue` : sql`month, structure_id, type`;
  const values = perValue ? filterValues("x") : sql``;
  const value = perValue ? sql`fv.fdim, fv.fvalue, ` : sql``;
  const grouped = GROUPED.filter(([, target]) => !KEYED.includes(target));
  const dim = sql.join(
    grouped.map(([column, target]) => sql`when grouping(${sql.ref(`x.${column}`)}) = 0 then ${target}`),
    sql` `,
  );
  const key = sql.join(
    grouped.map(([column]) => sql`(${sql.ref(`x.${column}`)})::text`),
    sql`, `,
  );
  const sets = sql.join(
    [sql`()`, ...grouped.map(([column]) => sql`(${sql.ref(`x.${column}`)})`)],
    sql`, `,
  );
  await sql`insert into ${table} (${keyColumns}, source, dim, code, activities, acc, minutes, ind, ind_minutes, coll_acc, ind_anon, coll_anon)
    select x.bucket::date, x.structure_id, x.type, ${value}'main', case ${dim} else 'total' end, coalesce(${key}), ${MAIN_MEASURES}
    from ${countedReports(f, "mois", partition)} x ${values}
    group by x.bucket, x.structure_id, x.type, ${value}grouping sets (${sets})`.execute(trx);
  await sql`insert into ${table} (${keyColumns}, source, dim, code, activities, acc, minutes)
    select x.bucket::date, x.structure_id, x.type, ${value}'multi', d.dim, d.code, count(*), sum(x.acc), sum(x.duration_minutes)
    from ${countedReports(f, "mois", partition)} x ${MULTI_VALUES} ${values}
    group by x.bucket, x.structure_id, x.type, ${value}d.dim, d.code`.execute(trx);
  const qValue = perValue ? sql`q.fdim, q.fvalue, ` : sql``;
  await sql`insert into ${table} (${keyColumns}, source, dim, code, activities, acc, minutes)
    select q.bucket::date, q.structure_id, 'collectif', ${qValue}'collective', q.dim, q.code, q.activities, q.acc, q.minutes
    from (${collectiveQuery(f, "mois", partition, perValue ? filterValues : undefined)}) q`.execute(trx);
}
