// The next openings of every place, precomputed so that the public search filters and describes them in
// SQL instead of evaluating opening hours (OpenStreetMap text) per result.
// - place_openings: one row per opening (opening hours) or staffed time (permanence) over the horizon.
// - place_openings_horizon: one row, the Paris days [from_day, to_day) the rows cover.
// - place_openings_stale: places whose rows must be rewritten, marked by row triggers in the same
//   transaction as any write that can change them, whatever code or tool wrote; the application rewrites
//   them in that transaction when it knows how, else before the next search reads them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table place_openings (
    place_id uuid not null references places(id) on delete cascade,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    kind text not null check (kind in ('hours', 'permanence')),
    check (ends_at > starts_at)
  )`.execute(db);
  await sql`create index place_openings_place_start on place_openings (place_id, starts_at)`.execute(db);
  await sql`create table place_openings_horizon (
    id boolean primary key default true check (id),
    from_day date not null,
    to_day date not null,
    departement text not null,
    computed_at timestamptz not null
  )`.execute(db);
  await sql`create table place_openings_stale (place_id uuid primary key references places(id) on delete cascade)`.execute(db);

  await sql`create function place_openings_mark_place() returns trigger language plpgsql as $$
    begin
      insert into place_openings_stale (place_id) values (new.id) on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger places_openings_stale after insert or update of opening_hours on places
    for each row execute function place_openings_mark_place()`.execute(db);

  await sql`create function place_openings_mark_permanence() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then
        insert into place_openings_stale (place_id) values (new.place_id) on conflict do nothing;
      end if;
      if tg_op <> 'INSERT' then
        insert into place_openings_stale (place_id)
          select old.place_id where exists (select 1 from places where id = old.place_id) on conflict do nothing;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger permanences_openings_stale after insert or update or delete on permanences
    for each row execute function place_openings_mark_permanence()`.execute(db);

  await sql`create function place_openings_mark_advisor() returns trigger language plpgsql as $$
    begin
      insert into place_openings_stale (place_id)
        select distinct place_id from permanences where advisor_id = new.id on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger advisors_openings_stale after update of active on advisors
    for each row when (old.active is distinct from new.active) execute function place_openings_mark_advisor()`.execute(db);

  // Places already there: everything is stale until the first computation (no horizon row yet).
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists advisors_openings_stale on advisors`.execute(db);
  await sql`drop trigger if exists permanences_openings_stale on permanences`.execute(db);
  await sql`drop trigger if exists places_openings_stale on places`.execute(db);
  await sql`drop function if exists place_openings_mark_advisor()`.execute(db);
  await sql`drop function if exists place_openings_mark_permanence()`.execute(db);
  await sql`drop function if exists place_openings_mark_place()`.execute(db);
  await sql`drop table if exists place_openings_stale`.execute(db);
  await sql`drop table if exists place_openings_horizon`.execute(db);
  await sql`drop table if exists place_openings`.execute(db);
}
