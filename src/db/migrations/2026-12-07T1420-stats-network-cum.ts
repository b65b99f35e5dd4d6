// The whole network's read of whole months summed every stats_network row of its window: ~190,000 rows
// for 12 months at 10 M reports (one per month, type and code of every place, advisor, commune...).
// stats_network_cum holds, for each (type, source, dim, code) and each month from the code's first month
// up to the latest month of the table, the sums of every measure over all months up to that one: a window
// of whole months [a, b] is then the row of month b (or the latest, if b is later) minus the row of month
// a - 1 (none: nothing before), two rows per code instead of twelve. Rows whose activities sum is 0
// (nothing yet) are not kept: activities never decrease with the month, so they are a code's first months.
// The totals' cells (source 'main', dim 'total') are not in it: the read keeps them per month and type for
// the series, from stats_network through the partial index below. The refresh keeps the table by deltas
// in its transaction (the changes it applies to stats_network, added to every later month). A read takes
// one or two months' rows: they are written month by month, and pages keep room (fillfactor) so that the
// refresh's updates stay on their page (no indexed column changes) instead of scattering a month's rows.
import { type Kysely, sql } from "kysely";

const MEASURES = ["activities", "acc", "minutes", "ind", "ind_minutes", "coll_acc", "ind_anon", "coll_anon"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stats_network_cum (
    month date not null, type text not null, source text not null, dim text not null, code text not null,
    activities integer not null, acc integer not null, minutes bigint not null,
    ind integer not null, ind_minutes bigint not null, coll_acc integer not null, ind_anon integer not null, coll_anon integer not null,
    primary key (month, type, source, dim, code)) with (fillfactor = 70)`.execute(db);
  await sql`create index stats_network_totals on stats_network (month, type) where source = 'main' and dim = 'total'`.execute(db);
  // From stats_network as it is (pending marks included: the refresh's deltas start from the same rows): each
  // month's running totals, written for that month and every month up to the code's next one (or the latest).
  const running = sql.join(
    MEASURES.map((m) => sql`sum(${sql.ref(m)}) over w as ${sql.ref(m)}`),
    sql`, `,
  );
  await sql`insert into stats_network_cum (month, type, source, dim, code, ${sql.join(MEASURES.map((m) => sql.ref(m)))})
    select m.month::date, r.type, r.source, r.dim, r.code, ${sql.join(MEASURES.map((m) => sql`r.${sql.ref(m)}`))}
    from (select type, source, dim, code, month, lead(month) over w as next, ${running}
      from stats_network where not (source = 'main' and dim = 'total') window w as (partition by type, source, dim, code order by month)) r
    cross join lateral generate_series(r.month::timestamp, coalesce(r.next - interval '1 month', (select max(month) from stats_network)::timestamp), interval '1 month') m(month)
    order by m.month`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists stats_network_totals`.execute(db);
  await sql`drop table if exists stats_network_cum`.execute(db);
}
