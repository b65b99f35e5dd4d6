// What coverage reads (the active places: places, their permanences, advisors' status, structures' kind)
// changes rarely, and reading it at national scale costs far more than computing with it; instances
// therefore keep a copy, and need to know when it is stale, whichever instance or tool wrote.
// - coverage_changes: append-only marks written by statement-level triggers in the same transaction as
//   every write that can change the active places. Inserts take no lock that writers would wait on.
// - coverage_changes_folded: one row counting the marks folded away, so that
//   folded count + marks left is the version: it grows with every committed change and never goes back.
import { type Kysely, sql } from "kysely";

/** Tables and, for updates, the columns the active places depend on (null: any column). */
const WATCHED: [table: string, updatedColumns: string[] | null][] = [
  ["permanences", null],
  ["places", ["name", "latitude", "longitude", "is_public", "services", "structure_id"]],
  ["advisors", ["active"]],
  ["structures", ["kind"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table coverage_changes (changed_at timestamptz not null default now())`.execute(db);
  await sql`create table coverage_changes_folded (id boolean primary key default true check (id), count bigint not null)`.execute(db);
  await sql`insert into coverage_changes_folded (count) values (0)`.execute(db);
  await sql`create function coverage_mark_change() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes default values;
      return null;
    end $$`.execute(db);
  for (const [table, columns] of WATCHED) {
    const t = sql.table(table);
    const update = columns === null ? sql`update` : sql`update of ${sql.join(columns.map((c) => sql.id(c)))}`;
    // Inserting an advisor or a structure changes nothing until a permanence or a place refers to it.
    const events = table === "advisors" || table === "structures" ? update : sql`insert or ${update} or delete or truncate`;
    await sql`create trigger ${sql.id(`${table}_coverage_change`)} after ${events} on ${t} for each statement execute function coverage_mark_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table] of WATCHED) await sql`drop trigger if exists ${sql.id(`${table}_coverage_change`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists coverage_mark_change()`.execute(db);
  await sql`drop table if exists coverage_changes_folded`.execute(db);
  await sql`drop table if exists coverage_changes`.execute(db);
}
