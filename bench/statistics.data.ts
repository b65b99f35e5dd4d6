// Identified people for the statistics benchmark: the activities generator writes anonymous reports
// only, so after its import ~40 % of individual reports get one of their advisor's 50 people, ~20 %
// of workshops two known participants, and workshops an anonymous breakdown by gender. Set-based SQL.
import { sql } from "kysely";
import type { Db } from "../src/db/schema.ts";

export async function addPeople(db: Db): Promise<{ people: number; participants: number }> {
  await sql`create temporary table bench_people (advisor_id uuid, n int, id uuid, primary key (advisor_id, n))`.execute(db);
  await sql`
    with made as (
      insert into beneficiaries (advisor_id, structure_id, first_name, last_name, search_name, consent_at, consent_method, gender, age_band, social_status)
      select a.id, a.structure_id, 'Personne', n::text, 'personne ' || n, now(), 'oral', (array['feminin','masculin','non-communique'])[1 + n % 3],
        (array['18-24','25-39','40-59','60-69','70-et-plus'])[1 + n % 5], (array['retraite','en-emploi','sans-emploi','scolarise'])[1 + n % 4]
      from advisors a cross join generate_series(0, 49) n
      returning id, advisor_id, last_name::int as n)
    insert into bench_people select advisor_id, n, id from made`.execute(db);
  await sql`
    update activity_reports r set beneficiary_id = p.id from bench_people p
    where r.type = 'individuel' and p.advisor_id = r.advisor_id and p.n = abs(hashtext(r.id::text)) % 50 and abs(hashtext(r.id::text)) % 10 < 4`.execute(db);
  const inserted = await sql<{ n: number }>`
    with ins as (
      insert into activity_participants (report_id, beneficiary_id, gender, age_band, social_status, commune_code)
      select r.id, p.id, 'masculin', '40-59', 'en-emploi', r.commune_code from activity_reports r
      join bench_people p on p.advisor_id = r.advisor_id and p.n in (abs(hashtext(r.id::text)) % 50, (abs(hashtext(r.id::text)) + 1) % 50)
      where r.type = 'collectif' and abs(hashtext(r.id::text)) % 5 = 0
      returning report_id)
    select count(*)::int as n from ins`.execute(db);
  await sql`update activity_reports r set participants_total = participants_total + 2 where r.type = 'collectif' and abs(hashtext(r.id::text)) % 5 = 0`.execute(db);
  await sql`
    update activity_reports set anonymous_participants = jsonb_build_object('genders', jsonb_build_object('feminin', anonymous_total / 2, 'masculin', anonymous_total / 3),
      'ageBands', jsonb_build_object('60-69', anonymous_total / 4), 'socialStatuses', '{}'::jsonb)
    where type = 'collectif'`.execute(db);
  const people = await sql<{ n: number }>`select count(*)::int as n from bench_people`.execute(db);
  await sql`drop table bench_people`.execute(db);
  return { people: people.rows[0]?.n ?? 0, participants: inserted.rows[0]?.n ?? 0 };
}
