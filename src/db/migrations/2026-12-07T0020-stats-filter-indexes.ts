// Indexes for the statistics filters that select few reports (issue 12 item 3): one place, one commune
// (and an EPCI, as its communes), one residence commune (individual reports' person, workshops' known
// participants). With them a filtered dashboard reads only its reports instead of scanning the period.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index activity_reports_place_date on activity_reports (place_id, date) where deleted_at is null and place_id is not null`.execute(db);
  await sql`create index activity_reports_commune_date on activity_reports (commune_code, date) where deleted_at is null and commune_code is not null`.execute(db);
  await sql`create index activity_reports_residence_date on activity_reports (beneficiary_commune_code, date)
    where deleted_at is null and beneficiary_commune_code is not null`.execute(db);
  await sql`create index activity_participants_commune on activity_participants (commune_code) where commune_code is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists activity_participants_commune`.execute(db);
  await sql`drop index if exists activity_reports_residence_date`.execute(db);
  await sql`drop index if exists activity_reports_commune_date`.execute(db);
  await sql`drop index if exists activity_reports_place_date`.execute(db);
}
