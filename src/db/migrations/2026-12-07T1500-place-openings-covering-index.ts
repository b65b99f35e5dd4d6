// The search reads, for each place of a page, its next opening: the place's rows from the start of the
// horizon up to a limit, by (place_id, starts_at), keeping ends_at and kind. With those two columns in the
// index, PostgreSQL answers from the index alone (an index-only scan) on every page the visibility map marks
// all-visible (autovacuum keeps it), instead of visiting 10–30 heap rows per place; the « ouvert » filter's
// lookups read the same three columns. Same key as the index it replaces, so every query keeps its plan shape.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index place_openings_place_start_covering on place_openings (place_id, starts_at) include (ends_at, kind)`.execute(db);
  await sql`drop index place_openings_place_start`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index place_openings_place_start on place_openings (place_id, starts_at)`.execute(db);
  await sql`drop index place_openings_place_start_covering`.execute(db);
}
