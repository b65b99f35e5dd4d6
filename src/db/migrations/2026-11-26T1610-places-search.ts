// Public search of places: the latitude/longitude box that prefilters a radius reads this index.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index places_public_position on places (latitude, longitude) where is_public and latitude is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("places_public_position").execute();
}
