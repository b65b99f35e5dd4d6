// A version per place for what the JSON search API writes of it: its card (the place's row and its
// commune's name) and its precomputed openings. Each application instance keeps the cards of the places it
// has shown (place-cards.ts); the search statement returns, with each place of its page, the version it
// read in its snapshot, and the instance reloads a place only when that version is not the one it holds.
// Versions come from one sequence, so they never repeat, whichever instance or tool wrote:
// - a row trigger on places (insert or update of any column);
// - a row trigger on communes when a name changes (every place of that commune);
// - replaceOpenings, in the transaction that rewrites a place's openings.
// The row also holds the place's openings packed for the card (place_search_openings below), written from
// place_openings by replaceOpenings in that transaction: a card then reads one short value, not ~90 rows.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence place_search_version_seq`.execute(db);
  await sql`create table place_search_versions (
    place_id uuid primary key references places(id) on delete cascade,
    version bigint not null,
    openings bytea not null default ''::bytea
  )`.execute(db);
  // One 17-byte record per opening, by start (then kind, then end): start and end in epoch milliseconds as
  // big-endian float8 (float8send), then the kind (0 hours, 1 permanence: their text order). Read by
  // parseOpenings in place-cards.ts.
  await sql`create function place_search_openings_record(starts_at timestamptz, ends_at timestamptz, kind text) returns bytea
    language sql immutable as $$
      select float8send((extract(epoch from starts_at) * 1000)::float8) || float8send((extract(epoch from ends_at) * 1000)::float8)
        || case kind when 'hours' then '\\x00'::bytea else '\\x01'::bytea end
    $$`.execute(db);
  await sql`insert into place_search_versions (place_id, version, openings)
    select p.id, nextval('place_search_version_seq'), coalesce(o.openings, ''::bytea)
    from places p left join (
      select place_id, string_agg(place_search_openings_record(starts_at, ends_at, kind), ''::bytea order by starts_at, kind, ends_at) as openings
      from place_openings group by place_id) o on o.place_id = p.id`.execute(db);

  await sql`create function place_search_version_of_place() returns trigger language plpgsql as $$
    begin
      insert into place_search_versions (place_id, version) values (new.id, nextval('place_search_version_seq'))
        on conflict (place_id) do update set version = excluded.version;
      return null;
    end $$`.execute(db);
  await sql`create trigger places_search_version after insert or update on places
    for each row execute function place_search_version_of_place()`.execute(db);

  await sql`create function place_search_version_of_commune() returns trigger language plpgsql as $$
    begin
      update place_search_versions v set version = nextval('place_search_version_seq')
        from places p where p.commune_code = new.code and v.place_id = p.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger communes_search_version after update of name on communes
    for each row when (old.name is distinct from new.name) execute function place_search_version_of_commune()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists communes_search_version on communes`.execute(db);
  await sql`drop function if exists place_search_version_of_commune()`.execute(db);
  await sql`drop trigger if exists places_search_version on places`.execute(db);
  await sql`drop function if exists place_search_version_of_place()`.execute(db);
  await sql`drop table if exists place_search_versions`.execute(db);
  await sql`drop function if exists place_search_openings_record(timestamptz, timestamptz, text)`.execute(db);
  await sql`drop sequence if exists place_search_version_seq`.execute(db);
}
