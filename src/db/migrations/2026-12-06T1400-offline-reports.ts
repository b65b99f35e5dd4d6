// Reports typed offline on a phone carry an id made by the phone (client_id): sending one again after a
// lost answer finds the first row instead of writing a second one. Unique per author (the advisor).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("activity_reports").addColumn("client_id", "uuid").execute();
  await sql`create unique index activity_reports_client_id on activity_reports (advisor_id, client_id) where client_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index activity_reports_client_id`.execute(db);
  await db.schema.alterTable("activity_reports").dropColumn("client_id").execute();
}
