// The network's figures per day, so that a period's partial months (the default « 12 derniers mois »
// starts and ends mid-month) come from the rollup too instead of the base tables:
// - stats_day: per (day, activity type), the grouped counts the base-table queries give for that day's
//   reports of the whole network (source 'main' per single-valued dimension, with each structure's
//   totals as dimension 'employerKind', and 'total'; 'multi'; 'collective'), code '' for null. Sums
//   over reports, so days add up to any range of days.
// - stats_day_dirty: append-only marks (day, type), written by their own statement-level triggers in
//   the writer's transaction beside the partitions' marks. The refresh before a read that uses a marked
//   (day, type) recomputes it wholesale from that day's reports (through the date index): no deltas.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stats_day_dirty (day date not null, type text not null)`.execute(db);
  // A day's marks are taken when a read needs that day, so they can wait: a read asks for its days' marks only.
  await sql`create index stats_day_dirty_day on stats_day_dirty (day)`.execute(db);
  await sql`create table stats_day (
    day date not null, type text not null, source text not null, dim text not null, code text not null,
    activities integer not null, acc integer not null, minutes bigint not null,
    ind integer not null default 0, ind_minutes bigint not null default 0, coll_acc integer not null default 0,
    ind_anon integer not null default 0, coll_anon integer not null default 0,
    primary key (day, type, source, dim, code))`.execute(db);
  await sql`create function stats_mark_days_reports() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into stats_day_dirty (day, type) select distinct o.date, o.type from stats_old o;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into stats_day_dirty (day, type) select distinct n.date, n.type from stats_new n;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function stats_mark_days_participants() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        insert into stats_day_dirty (day, type) select distinct r.date, r.type from activity_reports r where r.id in (select o.report_id from stats_old o);
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into stats_day_dirty (day, type) select distinct r.date, r.type from activity_reports r where r.id in (select n.report_id from stats_new n);
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ["activity_reports", "activity_participants"]) {
    const fn = sql.raw(table === "activity_reports" ? "stats_mark_days_reports" : "stats_mark_days_participants");
    const t = sql.table(table);
    await sql`create trigger ${sql.raw(`${table}_stats_day_insert`)} after insert on ${t} referencing new table as stats_new for each statement execute function ${fn}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_stats_day_update`)} after update on ${t} referencing old table as stats_old new table as stats_new for each statement execute function ${fn}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_stats_day_delete`)} after delete on ${t} referencing old table as stats_old for each statement execute function ${fn}()`.execute(db);
  }
  // Reports written before this migration: every day starts dirty (the next refresh builds the table).
  await sql`insert into stats_day_dirty (day, type) select distinct date, type from activity_reports where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["activity_reports", "activity_participants"]) {
    for (const event of ["insert", "update", "delete"]) await sql`drop trigger if exists ${sql.raw(`${table}_stats_day_${event}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists stats_mark_days_participants()`.execute(db);
  await sql`drop function if exists stats_mark_days_reports()`.execute(db);
  await sql`drop table if exists stats_day`.execute(db);
  await sql`drop table if exists stats_day_dirty`.execute(db);
}
