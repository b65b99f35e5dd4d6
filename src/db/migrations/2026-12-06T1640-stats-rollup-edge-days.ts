// The statistics rollup answers the partial months at a period's ends too: each partition's people
// carry the first and last day they count on in it, so the people of a month's first or last days
// come from the rollup (a person counts in [d, month end] when their last day there is ≥ d, in
// [month start, d] when their first day there is ≤ d). The rows are rebuilt by the next refresh:
// every partition is marked dirty (the refresh recomputes every person's span from them).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`delete from stats_people`.execute(db);
  await sql`alter table stats_people add column min_day date not null, add column max_day date not null`.execute(db);
  await sql`insert into stats_dirty (month, structure_id, type)
    select distinct date_trunc('month', date::timestamp)::date, structure_id, type from activity_reports`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from stats_people`.execute(db);
  await sql`alter table stats_people drop column min_day, drop column max_day`.execute(db);
  await sql`insert into stats_dirty (month, structure_id, type)
    select distinct date_trunc('month', date::timestamp)::date, structure_id, type from activity_reports`.execute(db);
}
