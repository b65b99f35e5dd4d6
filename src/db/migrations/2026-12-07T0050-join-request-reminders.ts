// Requests to join are announced to the reviewers when sent and recalled once when they wait: the reminder's
// date makes it happen once, across several instances running the hourly job.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table join_requests add column reminded_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table join_requests drop column reminded_at`.execute(db);
}
