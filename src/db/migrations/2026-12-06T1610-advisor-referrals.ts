// Advisor → partner referrals: an activity report marked « orienté » towards a partner structure creates a
// referral linked to the report, so editing the report never creates a second one.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("referrals")
    .addColumn("activity_report_id", "uuid", (c) => c.references("activity_reports.id").onDelete("set null"))
    .execute();
  await sql`create unique index referrals_activity_report on referrals (activity_report_id) where activity_report_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("referrals").dropColumn("activity_report_id").execute();
}
