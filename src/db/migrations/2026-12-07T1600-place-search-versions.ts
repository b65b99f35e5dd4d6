// Versions for what the JSON search API writes of a place: its card (the place's row and its commune's
// name) and its precomputed openings. Each application instance keeps the cards of the places it has shown
// (place-cards.ts); the search statement returns, with each place of its page, the versions it read in its
// snapshot, and the instance reloads a place only when they are not the ones it holds. Versions come from
// one sequence, so they never repeat, whichever instance or tool wrote:
// - places.search_version: a new one on insert (its default) and on every update (a row trigger), and for
//   every place of a commune whose name changes (a row trigger on communes). It lives on the place's row so
//   that the search reads it with the place, without a join.
// - place_openings_horizon.openings_version: a new one whenever replaceOpenings rewrites any place's
//   openings, in that transaction. One value for all places: writing a version on each place's row there
//   would take the places' row locks while a place's edit may hold one and wait for the openings lock.
// place_search_openings holds each place's openings packed for the card, written from place_openings by
// replaceOpenings in the same transaction: a card then reads one short value, not ~90 rows.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence place_search_version_seq`.execute(db);
  await sql`alter table places add column search_version bigint not null default nextval('place_search_version_seq')`.execute(db);
  await sql`create function place_search_version_bump() returns trigger language plpgsql as $$
    begin
      new.search_version := nextval('place_search_version_seq');
      return new;
    end $$`.execute(db);
  await sql`create trigger places_search_version before update on places
    for each row execute function place_search_version_bump()`.execute(db);
  await sql`create function place_search_version_of_commune() returns trigger language plpgsql as $$
    begin
      update places set search_version = nextval('place_search_version_seq') where commune_code = new.code;
      return null;
    end $$`.execute(db);
  await sql`create trigger communes_search_version after update of name on communes
    for each row when (old.name is distinct from new.name) execute function place_search_version_of_commune()`.execute(db);
  await sql`alter table place_openings_horizon add column openings_version bigint not null default nextval('place_search_version_seq')`.execute(db);

  // One 17-byte record per opening, by start (then kind, then end): start and end in epoch milliseconds as
  // big-endian float8 (float8send), then the kind (0 hours, 1 permanence: their text order). Read by
  // parseOpenings in place-cards.ts.
  await sql`create function place_search_openings_record(starts_at timestamptz, ends_at timestamptz, kind text) returns bytea
    language sql immutable as $$
      select float8send((extract(epoch from starts_at) * 1000)::float8) || float8send((extract(epoch from ends_at) * 1000)::float8)
        || case kind when 'hours' then '\\x00'::bytea else '\\x01'::bytea end
    $$`.execute(db);
  await sql`create table place_search_openings (
    place_id uuid primary key references places(id) on delete cascade,
    openings bytea not null
  )`.execute(db);
  await sql`insert into place_search_openings (place_id, openings)
    select place_id, string_agg(place_search_openings_record(starts_at, ends_at, kind), ''::bytea order by starts_at, kind, ends_at)
    from place_openings group by place_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists place_search_openings`.execute(db);
  await sql`drop function if exists place_search_openings_record(timestamptz, timestamptz, text)`.execute(db);
  await sql`drop trigger if exists communes_search_version on communes`.execute(db);
  await sql`drop function if exists place_search_version_of_commune()`.execute(db);
  await sql`drop trigger if exists places_search_version on places`.execute(db);
  await sql`drop function if exists place_search_version_bump()`.execute(db);
  await sql`alter table place_openings_horizon drop column if exists openings_version`.execute(db);
  await sql`alter table places drop column if exists search_version`.execute(db);
  await sql`drop sequence if exists place_search_version_seq`.execute(db);
}
