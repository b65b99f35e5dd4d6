// A version per rollup partition (month, report's structure snapshot, activity type), taken from one
// sequence by refreshStatsRollup for every partition whose marks it consumes, inside its transaction
// and advisory lock. An application instance holding an in-memory copy of the reports
// (stats-memory.repository.ts) reloads exactly the partitions whose version is above the last it saw,
// whichever instance wrote or refreshed them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence stats_partition_version_seq`.execute(db);
  await sql`create table stats_partition_version (month date not null, structure_id uuid not null, type text not null,
    version bigint not null, primary key (month, structure_id, type))`.execute(db);
  await sql`create index stats_partition_version_version on stats_partition_version (version)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists stats_partition_version`.execute(db);
  await sql`drop sequence if exists stats_partition_version_seq`.execute(db);
}
