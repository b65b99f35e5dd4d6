// A summary of each place as the coverage reads it, kept by the triggers that write the coverage's change marks,
// so that an instance without a copy of the active places reads one narrow row per place instead of joining
// 60,000 permanences to the places, advisors and structures (hundreds of milliseconds at national scale).
// A row exists for every public place with a position holding at least one permanence of an active advisor;
// it holds the place's sums over the permanences valid on one day, and the span of days [valid_since,
// valid_until] around it over which the same permanences are valid: a reader asking for a day outside that
// span computes the place from the permanences (and coverage_places_refresh brings it up to date).
// The refresh locks the places' rows before reading their permanences: two transactions changing the same
// place's permanences one after the other each see the other's committed work, never an older snapshot.
import { type Kysely, sql } from "kysely";

const PLACE_COLUMNS = sql`id, name, latitude, longitude, is_public, services, structure_id`;

/** Distinct weekdays × minutes × 840 ÷ every_weeks: the weekly hours in units of 1/50,400 h (see coverage.ts). */
const minutes = (column: string) => `(substr(p.${column}, 1, 2)::int * 60 + substr(p.${column}, 4, 2)::int)`;
const UNITS = sql.raw(
  `((${[1, 2, 3, 4, 5, 6, 7].map((d) => `(${d} = any(p.weekdays))::int`).join(" + ")}) * greatest(0, ${minutes("end_time")} - ${minutes("start_time")}) * (840 / p.every_weeks))`,
);

/** A permanence valid on the refreshed day. */
const VALID = "p.valid_from <= day and (p.valid_to is null or p.valid_to >= day)";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table coverage_places (
    place_id uuid primary key,
    name text not null,
    latitude float8 not null,
    longitude float8 not null,
    services text[] not null,
    structure_kind text not null,
    valid_since date not null,
    valid_until date not null,
    active boolean not null,
    weekly_units int8 not null,
    drop_in boolean not null
  )`.execute(db);

  // ids null: every place. The day's window: the latest start or end (valid_to + 1) on or before it, the
  // earliest one after it (less a day); the set of valid permanences is the same on every day in between.
  await sql`create function coverage_places_refresh(ids uuid[], day date) returns void language plpgsql as $$
    begin
      if ids is not null then
        perform 1 from places where id = any(ids) order by id for no key update;
        delete from coverage_places where place_id = any(ids);
      else
        delete from coverage_places;
      end if;
      insert into coverage_places
      select places.id, places.name, places.latitude, places.longitude, places.services, structures.kind,
        coalesce(greatest(max(p.valid_from) filter (where p.valid_from <= day), max(p.valid_to + 1) filter (where p.valid_to < day)), '-infinity'),
        coalesce(least(min(p.valid_from - 1) filter (where p.valid_from > day), min(p.valid_to) filter (where p.valid_to >= day)), 'infinity'),
        coalesce(bool_or(true) filter (where ${sql.raw(VALID)}), false),
        coalesce(sum(${UNITS}) filter (where ${sql.raw(VALID)}), 0),
        coalesce(bool_or(p.mode in ('drop_in', 'both')) filter (where ${sql.raw(VALID)}), false)
      from places
      join structures on structures.id = places.structure_id
      join permanences p on p.place_id = places.id
      join advisors on advisors.id = p.advisor_id
      where (ids is null or places.id = any(ids)) and (ids is null or p.place_id = any(ids))
        and places.is_public and places.latitude is not null and places.longitude is not null and advisors.active
      group by places.id, structures.kind;
    end $$`.execute(db);
  await sql`create function coverage_places_today() returns date language sql stable as $$
    select (now() at time zone 'Europe/Paris')::date $$`.execute(db);

  // The mark functions of 2026-12-07T0047, each now refreshing the places it names.
  await sql`create or replace function coverage_mark_all() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes default values;
      perform coverage_places_refresh(null, coverage_places_today());
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_permanences() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      if tg_op = 'INSERT' then select array_agg(distinct place_id) into ids from new_rows;
      elsif tg_op = 'DELETE' then select array_agg(distinct place_id) into ids from old_rows;
      else select array_agg(distinct place_id) into ids from (select place_id from old_rows union select place_id from new_rows) changed;
      end if;
      if ids is not null then
        insert into coverage_changes (place_ids) values (ids);
        perform coverage_places_refresh(ids, coverage_places_today());
      end if;
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_places() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      if tg_op = 'INSERT' then select array_agg(id) into ids from new_rows;
      elsif tg_op = 'DELETE' then select array_agg(id) into ids from old_rows;
      else select array_agg(distinct id) into ids from (
        (select ${PLACE_COLUMNS} from new_rows except select ${PLACE_COLUMNS} from old_rows)
        union all
        (select ${PLACE_COLUMNS} from old_rows except select ${PLACE_COLUMNS} from new_rows)) changed;
      end if;
      if ids is not null then
        insert into coverage_changes (place_ids) values (ids);
        perform coverage_places_refresh(ids, coverage_places_today());
      end if;
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_advisor() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      select coalesce(array_agg(distinct place_id), '{}') into ids from permanences where advisor_id in (old.id, new.id);
      insert into coverage_changes (place_ids) values (ids);
      perform coverage_places_refresh(ids, coverage_places_today());
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_structure() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      select coalesce(array_agg(id), '{}') into ids from places where structure_id in (old.id, new.id);
      insert into coverage_changes (place_ids) values (ids);
      perform coverage_places_refresh(ids, coverage_places_today());
      return null;
    end $$`.execute(db);

  await sql`select coverage_places_refresh(null, coverage_places_today())`.execute(db);
  // What changes overnight: permanences starting or ending (a copy of the day before brought up to date),
  // summaries made for a span of days that has ended (brought up to date before a full read).
  await sql`create index permanences_coverage_valid_from on permanences (valid_from)`.execute(db);
  await sql`create index permanences_coverage_valid_to on permanences (valid_to)`.execute(db);
  await sql`create index coverage_places_valid_since on coverage_places (valid_since)`.execute(db);
  await sql`create index coverage_places_valid_until on coverage_places (valid_until)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // As 2026-12-07T0047 left them.
  await sql`create or replace function coverage_mark_all() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes default values;
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_permanences() returns trigger language plpgsql as $$
    declare ids uuid[];
    begin
      if tg_op = 'INSERT' then select array_agg(distinct place_id) into ids from new_rows;
      elsif tg_op = 'DELETE' then select array_agg(distinct place_id) into ids from old_rows;
      else select array_agg(distinct place_id) into ids from (select place_id from old_rows union select place_id from new_rows) changed;
      end if;
      if ids is not null then insert into coverage_changes (place_ids) values (ids); end if;
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_places() returns trigger language plpgsql as $$
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
  await sql`create or replace function coverage_mark_advisor() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes (place_ids)
        select coalesce(array_agg(distinct place_id), '{}') from permanences where advisor_id in (old.id, new.id);
      return null;
    end $$`.execute(db);
  await sql`create or replace function coverage_mark_structure() returns trigger language plpgsql as $$
    begin
      insert into coverage_changes (place_ids)
        select coalesce(array_agg(id), '{}') from places where structure_id in (old.id, new.id);
      return null;
    end $$`.execute(db);
  await sql`drop index permanences_coverage_valid_from`.execute(db);
  await sql`drop index permanences_coverage_valid_to`.execute(db);
  await sql`drop function coverage_places_today()`.execute(db);
  await sql`drop function coverage_places_refresh(uuid[], date)`.execute(db);
  await sql`drop table coverage_places`.execute(db);
}
