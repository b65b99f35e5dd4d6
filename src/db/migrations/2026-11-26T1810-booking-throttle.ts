// Public bookings are limited per client address: a keyed hash of the IP is kept one day (housekeeping).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("appointments").addColumn("booked_ip_hash", "text").execute();
  await sql`create index appointments_booked_ip on appointments (booked_ip_hash, created_at) where booked_ip_hash is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists appointments_booked_ip`.execute(db);
  await db.schema.alterTable("appointments").dropColumn("booked_ip_hash").execute();
}
