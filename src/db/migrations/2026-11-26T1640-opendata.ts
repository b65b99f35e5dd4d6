// Open-data export order: places are read in batches by their identifier in the national standard
// (our id for our own places, the source's id for imported ones), byte order, so each batch is an index scan.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index places_opendata_id on places (((case when source = 'declic' then id::text else source_id end) collate "C")) where is_public`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("places_opendata_id").execute();
}
