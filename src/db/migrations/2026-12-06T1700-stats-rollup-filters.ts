// The statistics rollup answers one activity filter alone (theme, procedure area, place type, place,
// commune of the activity, and EPCI as the sum of its communes): a second family of cells keyed by
// (partition, filter dimension, value), holding what the base-table queries give for that partition
// under that filter.
// - stats_filter_cells: like stats_cells, per (month, structure, type, fdim, fvalue).
// - stats_filter_people: like stats_people, per (month, structure, type, fdim, fvalue): the distinct
//   identified people of the partition's reports that have the value (first and last day there).
// Both are rebuilt by the next refresh: every partition is marked dirty.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stats_filter_cells (
    month date not null, structure_id uuid not null, type text not null, fdim text not null, fvalue text not null,
    source text not null, dim text not null, code text,
    activities integer not null, acc integer not null, minutes bigint not null,
    ind integer not null default 0, ind_minutes bigint not null default 0, coll_acc integer not null default 0,
    ind_anon integer not null default 0, coll_anon integer not null default 0)`.execute(db);
  await sql`create index stats_filter_cells_partition on stats_filter_cells (month, structure_id, type)`.execute(db);
  await sql`create index stats_filter_cells_value on stats_filter_cells (fdim, fvalue, month)`.execute(db);
  await sql`create table stats_filter_people (
    month date not null, structure_id uuid not null, type text not null, fdim text not null, fvalue text not null,
    beneficiary_id uuid not null, counted boolean not null, min_day date not null, max_day date not null)`.execute(db);
  await sql`create index stats_filter_people_partition on stats_filter_people (month, structure_id, type)`.execute(db);
  await sql`create index stats_filter_people_value on stats_filter_people (fdim, fvalue, month)`.execute(db);
  await sql`insert into stats_dirty (month, structure_id, type)
    select distinct date_trunc('month', date::timestamp)::date, structure_id, type from activity_reports`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists stats_filter_people`.execute(db);
  await sql`drop table if exists stats_filter_cells`.execute(db);
}
