// The whole network's sums (stats_network, per month) and their running totals (stats_network_cum,
// migration 2026-12-07T1420-stats-network-cum): kept by the rollup's refresh, read by the whole network's
// dashboard. The refresh collects the change of the network's sums (the refreshed partitions' old cells
// counted out, their new cells counted in), applies it to stats_network, then adds it to the running
// totals of its month and of every later month. A window of whole months then reads two rows per code
// (its last month's running totals minus those of the month before it) instead of one per month.
import { type RawBuilder, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { MEASURE_COLUMNS } from "./statistics-queries.repository.ts";
import { addMonths } from "./stats-query.ts";

const MEASURES = MEASURE_COLUMNS;
const KEY = sql`month, type, source, dim, code`;
const COLUMNS = sql.join(MEASURES.map((m) => sql.ref(m)));
/** The partitions being refreshed (the refresh's temporary table stats_refresh). */
const IN_REFRESH = sql`(month, structure_id, type) in (select month, structure_id, type from stats_refresh)`;
/** The totals' cells: read per month and type from stats_network (the series), not kept as running totals. */
const TOTAL = sql`source = 'main' and dim = 'total'`;

/**
 * In the refresh: the refreshed partitions' cells summed over structures (plus each structure's totals as
 * dimension 'employerKind'), counted `sign` times into the temporary table stats_refresh_network. Called
 * with -1 before their cells are replaced and with 1 after.
 */
export async function collectNetworkChange(trx: DbOrTx, sign: 1 | -1): Promise<void> {
  const sums = sql.join(
    MEASURES.map((m) => sql`${sql.lit(sign)} * sum(${sql.ref(m)}) as ${sql.ref(m)}`),
    sql`, `,
  );
  const cells = sql`select month, type, source, dim, coalesce(code, '') as code, ${sums} from stats_cells where ${IN_REFRESH} group by month, type, source, dim, coalesce(code, '')
    union all select month, type, 'main', 'employerKind', structure_id::text, ${sums} from stats_cells
      where source = 'main' and dim = 'total' and ${IN_REFRESH} group by month, type, structure_id`;
  if (sign === -1) await sql`create temporary table stats_refresh_network on commit drop as ${cells}`.execute(trx);
  else await sql`insert into stats_refresh_network ${cells}`.execute(trx);
}

/**
 * In the refresh, after both calls above: the net change of each network cell (cells the refresh left
 * as they were cancel out and are not written), added to stats_network and to the running totals.
 */
export async function applyNetworkChange(trx: DbOrTx): Promise<void> {
  const changed = sql.join(
    MEASURES.map((m) => sql`sum(${sql.ref(m)}) <> 0`),
    sql` or `,
  );
  await sql`create temporary table stats_network_change on commit drop as
    select ${KEY}, ${sql.join(
      MEASURES.map((m) => sql`sum(${sql.ref(m)}) as ${sql.ref(m)}`),
      sql`, `,
    )}
    from stats_refresh_network group by ${KEY} having ${changed}`.execute(trx);
  await sql`analyze stats_network_change`.execute(trx);
  await sql`insert into stats_network (${KEY}, ${COLUMNS}) select ${KEY}, ${COLUMNS} from stats_network_change
    on conflict (${KEY}) do update set ${added("stats_network")}`.execute(trx);
  await addToRunningTotals(trx);
}

/** `column = table.column + excluded.column` for every measure. */
function added(table: string): RawBuilder<unknown> {
  return sql.join(
    MEASURES.map((m) => sql`${sql.ref(m)} = ${sql.ref(`${table}.${m}`)} + excluded.${sql.ref(m)}`),
    sql`, `,
  );
}

/**
 * The change of month m added to the running totals of m and of every later month up to the latest one
 * (a code's missing months before its first one are inserted: their running totals were nothing). When
 * the change reaches a month after the latest one, every code is first carried to the new months.
 */
async function addToRunningTotals(trx: DbOrTx): Promise<void> {
  const bounds = await sql<{ kept: string | null; changed: string | null }>`
    select to_char((select max(month) from stats_network_cum), 'YYYY-MM-DD') as kept,
      to_char((select max(month) from stats_network_change where not (${TOTAL})), 'YYYY-MM-DD') as changed`.execute(trx);
  const { kept, changed } = bounds.rows[0] ?? { kept: null, changed: null };
  if (changed === null) return;
  if (kept !== null && changed > kept) {
    await sql`insert into stats_network_cum (${KEY}, ${COLUMNS})
      select m.month::date, c.type, c.source, c.dim, c.code, ${sql.join(MEASURES.map((m) => sql`c.${sql.ref(m)}`))}
      from stats_network_cum c cross join generate_series(${addMonths(kept, 1)}::timestamp, ${changed}::timestamp, interval '1 month') m(month)
      where c.month = ${kept}::date`.execute(trx);
  }
  const latest = kept !== null && kept > changed ? kept : changed;
  // Each changed month's running change (its key's changes up to it), written for that month and every
  // month up to the key's next changed month (or the latest), month by month: a read takes one or two
  // months' rows. The rows left with no activity are returned.
  const running = sql.join(
    MEASURES.map((m) => sql`sum(${sql.ref(m)}) over w as ${sql.ref(m)}`),
    sql`, `,
  );
  const emptied = await sql<{ month: string; type: string; source: string; dim: string; code: string }>`
    with written as (insert into stats_network_cum (${KEY}, ${COLUMNS})
      select m.month::date, r.type, r.source, r.dim, r.code, ${sql.join(MEASURES.map((m) => sql`r.${sql.ref(m)}`))}
      from (select type, source, dim, code, month, lead(month) over w as next, ${running}
        from stats_network_change where not (${TOTAL}) window w as (partition by type, source, dim, code order by month)) r
      cross join lateral generate_series(r.month::timestamp, coalesce(r.next - interval '1 month', ${latest}::date::timestamp), interval '1 month') m(month)
      order by m.month
      on conflict (${KEY}) do update set ${added("stats_network_cum")}
      returning ${KEY}, activities)
    select to_char(month, 'YYYY-MM-DD') as month, type, source, dim, code from written where activities = 0`.execute(trx);
  if (emptied.rows.length === 0) return;
  // A code's months before any activity (every report of it up to there deleted): not kept, as before its first one.
  const column = (name: "month" | "type" | "source" | "dim" | "code") => emptied.rows.map((row) => row[name]);
  await sql`delete from stats_network_cum c using unnest(${column("month")}::date[], ${column("type")}::text[], ${column("source")}::text[],
      ${column("dim")}::text[], ${column("code")}::text[]) e(month, type, source, dim, code)
    where c.month = e.month and c.type = e.type and c.source = e.source and c.dim = e.dim and c.code = e.code`.execute(trx);
}

/**
 * The whole network's cells of the whole months [first, last] (first days of months), `type` or both, in the
 * shape of the rollup's read: the totals' cells per type and month from stats_network (24 rows for a year),
 * every other cell once, summed over the window as the running totals of `last` (or of the latest month, if
 * `last` is later) minus those of the month before `first`. A code with no activity in the window is left
 * out, as stats_network holds no row with no activity.
 */
export function networkWindowRows(months: { first: string; last: string }, type: string | null): RawBuilder<unknown> {
  const before = addMonths(months.first, -1);
  const ofType = (alias: string) => (type === null ? sql`true` : sql`${sql.ref(`${alias}.type`)} = ${type}`);
  const signed = (m: string) => sql`sum(case when c.month = ${before}::date then 0 - c.${sql.ref(m)} else c.${sql.ref(m)} end)`;
  const sums = (cell: (m: string) => RawBuilder<unknown>) =>
    sql.join(
      MEASURES.map((m) => sql`${cell(m)}::${sql.raw(m === "minutes" || m === "ind_minutes" ? "float8" : "int")} as ${sql.ref(m)}`),
      sql`, `,
    );
  return sql`
    select s.source, s.dim, null::text as key, s.type, null::text as structure, to_char(s.month, 'YYYY-MM-DD') as month, ${sums((m) => sql`sum(s.${sql.ref(m)})`)}
    from stats_network s where s.source = 'main' and s.dim = 'total' and s.month >= ${months.first}::date and s.month <= ${months.last}::date and ${ofType("s")}
    group by s.source, s.dim, s.type, s.month
    union all
    select c.source, c.dim, nullif(c.code, '') as key, null::text, null::text, null::text, ${sums(signed)}
    from stats_network_cum c
    where c.month in ((select least(${months.last}::date, max(month)) from stats_network_cum), ${before}::date)
      and (select max(month) from stats_network_cum) >= ${months.first}::date and ${ofType("c")}
    group by c.source, c.dim, c.code
    having ${signed("activities")} > 0`;
}
