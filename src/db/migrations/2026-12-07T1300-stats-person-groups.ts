// The whole network's distinct people over whole months were counted from stats_person_span, one row per
// person: a read that grows with the people. stats_person_groups holds the same rows counted by
// (kind, month of the first accompaniment, set of months the person counts in): kind 'all' groups
// stats_person_span.months, 'individuel' ind_months, 'collectif' coll_months (empty sets are not kept:
// they never count). A window of whole months then sums the groups whose set meets it — a few thousand
// rows whatever the number of people. The refresh keeps it by deltas (the old spans of the people it
// recomputes taken away, the new ones added) in its transaction. first_day is indexed for the one
// person-level part left: people first seen in the days of the period's first month before its first
// day (they count as followed up, not new).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stats_person_groups (kind text not null, first_month date not null, months date[] not null, people integer not null,
    primary key (kind, first_month, months))`.execute(db);
  // Groups left with nobody after a refresh: found through this index, then deleted.
  await sql`create index stats_person_groups_empty on stats_person_groups (kind) where people = 0`.execute(db);
  await sql`create index stats_person_span_first_day on stats_person_span (first_day)`.execute(db);
  // From the spans as they are (pending marks included: the refresh's deltas start from the same rows).
  await sql`insert into stats_person_groups (kind, first_month, months, people)
    select k.kind, date_trunc('month', s.first_day::timestamp)::date, k.months, count(*)::int
    from stats_person_span s
    cross join lateral (values ('all', s.months), ('individuel', s.ind_months), ('collectif', s.coll_months)) k(kind, months)
    where cardinality(k.months) > 0
    group by 1, 2, 3`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists stats_person_span_first_day`.execute(db);
  await sql`drop table if exists stats_person_groups`.execute(db);
}
