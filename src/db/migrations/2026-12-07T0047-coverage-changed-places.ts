// The coverage's change marks now say which places they concern, so that an instance whose copy of the active
// places went stale reads again only those places (a few rows) instead of all of them (18,000 rows at national
// scale, hundreds of milliseconds). A mark without places (place_ids null: a truncate, or a mark written
// before this migration) still means « anything may have changed ».
// Statement-level triggers with transition tables for permanences and places (bulk writes give one mark);
// transition tables allow neither several events per trigger nor a column list, so there is one trigger per
// event and the places' trigger compares the watched columns itself. Advisors' activity and structures' kind
// change rarely and one row at a time: row-level triggers that fire only when the value changes.
import { type Kysely, sql } from "kysely";

const PLACE_COLUMNS = sql`id, name, latitude, longitude, is_public, services, structure_id`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table coverage_changes
    add column id bigint generated always as identity primary key,
    add column place_ids uuid[]`.execute(db);
  for (const table of ["permanences", "places", "advisors", "structures"]) {
    await sql`drop trigger ${sql.id(`${table}_coverage_change`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function coverage_mark_change()`.execute(db);

  await sql`create function coverage_mark_all() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes default values;
      return null;
    end $$`.execute(db);
  await sql`create function coverage_mark_permanences() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      if tg_op = 'INSERT' then select array_agg(distinct place_id) into ids from new_rows;
      elsif tg_op = 'DELETE' then select array_agg(distinct place_id) into ids from old_rows;
      else select array_agg(distinct place_id) into ids from (select place_id from old_rows union select place_id from new_rows) changed;
      end if;
      if ids is not null then insert into coverage_changes (place_ids) values (ids); end if;
      return null;
    end $$`.execute(db);
  await sql`create function coverage_mark_places() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      if tg_op = 'INSERT' then select array_agg(id) into ids from new_rows;
      elsif tg_op = 'DELETE' then select array_agg(id) into ids from old_rows;
      else select array_agg(distinct id) into ids from (
        (select ${PLACE_COLUMNS} from new_rows except select ${PLACE_COLUMNS} from old_rows)
        union all
        (select ${PLACE_COLUMNS} from old_rows except select ${PLACE_COLUMNS} from new_rows)) changed;
      end if;
      if ids is not null then insert into coverage_changes (place_ids) values (ids); end if;
      return null;
    end $$`.execute(db);
  await sql`create function coverage_mark_advisor() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes (place_ids)
        select coalesce(array_agg(distinct place_id), '{}') from permanences where advisor_id in (old.id, new.id);
      return null;
    end $$`.execute(db);
  await sql`create function coverage_mark_structure() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes (place_ids)
        select coalesce(array_agg(id), '{}') from places where structure_id in (old.id, new.id);
      return null;
    end $$`.execute(db);

  for (const table of ["permanences", "places"]) {
    const t = sql.table(table);
    const mark = sql.raw(`coverage_mark_${table}()`);
    await sql`create trigger ${sql.id(`${table}_coverage_insert`)} after insert on ${t}
      referencing new table as new_rows for each statement execute function ${mark}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_coverage_update`)} after update on ${t}
      referencing old table as old_rows new table as new_rows for each statement execute function ${mark}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_coverage_delete`)} after delete on ${t}
      referencing old table as old_rows for each statement execute function ${mark}`.execute(db);
    await sql`create trigger ${sql.id(`${table}_coverage_truncate`)} after truncate on ${t}
      for each statement execute function coverage_mark_all()`.execute(db);
  }
  await sql`create trigger advisors_coverage_change after update of active on advisors
    for each row when (old.active is distinct from new.active) execute function coverage_mark_advisor()`.execute(db);
  await sql`create trigger structures_coverage_change after update of kind on structures
    for each row when (old.kind is distinct from new.kind) execute function coverage_mark_structure()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["permanences", "places"]) {
    for (const event of ["insert", "update", "delete", "truncate"]) {
      await sql`drop trigger if exists ${sql.id(`${table}_coverage_${event}`)} on ${sql.table(table)}`.execute(db);
    }
  }
  await sql`drop trigger if exists advisors_coverage_change on advisors`.execute(db);
  await sql`drop trigger if exists structures_coverage_change on structures`.execute(db);
  for (const fn of ["all", "permanences", "places", "advisor", "structure"]) await sql`drop function if exists ${sql.raw(`coverage_mark_${fn}()`)}`.execute(db);
  await sql`alter table coverage_changes drop column place_ids, drop column id`.execute(db);
  // As 2026-12-06T1130-coverage-changes left them: one mark per statement, without places.
  await sql`create function coverage_mark_change() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes default values;
      return null;
    end $$`.execute(db);
  const watched: [string, string[] | null][] = [
    ["permanences", null],
    ["places", ["name", "latitude", "longitude", "is_public", "services", "structure_id"]],
    ["advisors", ["active"]],
    ["structures", ["kind"]],
  ];
  for (const [table, columns] of watched) {
    const t = sql.table(table);
    const update = columns === null ? sql`update` : sql`update of ${sql.join(columns.map((c) => sql.id(c)))}`;
    const events = table === "advisors" || table === "structures" ? update : sql`insert or ${update} or delete or truncate`;
    await sql`create trigger ${sql.id(`${table}_coverage_change`)} after ${events} on ${t} for each statement execute function coverage_mark_change()`.execute(db);
  }
}
