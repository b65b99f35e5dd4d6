// The statistics rollup: the dashboard's figures per (month, structure, type) partition, so the whole
// network over a year sums a few thousand rows instead of scanning a million reports.
// - stats_cells: per partition, the grouped counts the base-table queries give for that partition alone
//   (source 'main' per single-valued dimension + 'total', 'multi' themes/procedures/equipment,
//   'collective' people profiles of workshops). Every count is a sum over reports, so partitions add up.
// - stats_network: stats_cells summed over structures, for the whole network's dashboard.
// - stats_people: the distinct identified people of each partition (`counted`: the ones the people
//   figure counts; the others only matter for first_day), stats_person_span: each person's first
//   accompaniment day (new vs followed up) and the months they count in (all, individual, collective
//   reports), for the whole network. Distinct people do not add up: they are counted at read time.
// - stats_dirty: append-only marks written by statement-level triggers in the same transaction as
//   every write of activity_reports / activity_participants, whoever the writer is. The reader
//   recomputes the marked partitions from the base tables before using the rollup.
import { type Kysely, sql } from "kysely";

const partition = sql`date_trunc('month', date::timestamp)::date, structure_id, type`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stats_dirty (month date not null, structure_id uuid not null, type text not null)`.execute(db);
  await sql`create table stats_cells (
    month date not null, structure_id uuid not null, type text not null,
    source text not null, dim text not null, code text,
    activities integer not null, acc integer not null, minutes bigint not null,
    ind integer not null default 0, ind_minutes bigint not null default 0, coll_acc integer not null default 0,
    ind_anon integer not null default 0, coll_anon integer not null default 0)`.execute(db);
  await sql`create index stats_cells_partition on stats_cells (month, structure_id, type)`.execute(db);
  await sql`create index stats_cells_structure on stats_cells (structure_id, month)`.execute(db);
  // The same cells summed over structures (code '' for null), plus each structure's totals as dimension
  // 'employerKind': what the whole network's dashboard reads. Updated by deltas at each refresh.
  await sql`create table stats_network (
    month date not null, type text not null, source text not null, dim text not null, code text not null,
    activities integer not null, acc integer not null, minutes bigint not null,
    ind integer not null, ind_minutes bigint not null, coll_acc integer not null, ind_anon integer not null, coll_anon integer not null,
    primary key (month, type, source, dim, code))`.execute(db);
  await sql`create table stats_people (month date not null, structure_id uuid not null, type text not null, beneficiary_id uuid not null, counted boolean not null)`.execute(db);
  await sql`create index stats_people_partition on stats_people (month, structure_id, type)`.execute(db);
  await sql`create index stats_people_beneficiary on stats_people (beneficiary_id)`.execute(db);
  await sql`create table stats_person_span (beneficiary_id uuid primary key, first_day date not null,
    months date[] not null, ind_months date[] not null, coll_months date[] not null)`.execute(db);

  await sql`create function stats_mark_reports() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into stats_dirty (month, structure_id, type) select distinct date_trunc('month', o.date::timestamp)::date, o.structure_id, o.type from stats_old o;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into stats_dirty (month, structure_id, type) select distinct date_trunc('month', n.date::timestamp)::date, n.structure_id, n.type from stats_new n;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function stats_mark_participants() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into stats_dirty (month, structure_id, type) select distinct date_trunc('month', r.date::timestamp)::date, r.structure_id, r.type
          from activity_reports r where r.id in (select o.report_id from stats_old o);
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into stats_dirty (month, structure_id, type) select distinct date_trunc('month', r.date::timestamp)::date, r.structure_id, r.type
          from activity_reports r where r.id in (select n.report_id from stats_new n);
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ["activity_reports", "activity_participants"]) {
    const fn = sql.raw(table === "activity_reports" ? "stats_mark_reports" : "stats_mark_participants");
    const t = sql.table(table);
    await sql`create trigger ${sql.raw(`${table}_stats_insert`)} after insert on ${t} referencing new table as stats_new for each statement execute function ${fn}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_stats_update`)} after update on ${t} referencing old table as stats_old new table as stats_new for each statement execute function ${fn}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_stats_delete`)} after delete on ${t} referencing old table as stats_old for each statement execute function ${fn}()`.execute(db);
  }
  // Reports written before this migration: every partition starts dirty.
  await sql`insert into stats_dirty (month, structure_id, type) select distinct ${partition} from activity_reports`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["activity_reports", "activity_participants"]) {
    for (const event of ["insert", "update", "delete"]) await sql`drop trigger if exists ${sql.raw(`${table}_stats_${event}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists stats_mark_participants()`.execute(db);
  await sql`drop function if exists stats_mark_reports()`.execute(db);
  for (const table of ["stats_person_span", "stats_people", "stats_network", "stats_cells", "stats_dirty"]) await sql`drop table if exists ${sql.table(table)}`.execute(db);
}
