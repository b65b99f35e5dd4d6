// Requests to join the network sent by agents that ProConnect identified but who have no account: the
// identity the provider vouched for, the structure proposed from the SIRET, and the coordinator's decision.
// At most one pending request per ProConnect subject.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("join_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("sub", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("given_name", "text")
    .addColumn("usual_name", "text")
    .addColumn("siret", "text")
    .addColumn("uid", "text")
    .addColumn("proposed_structure_id", "uuid", (c) => c.references("structures.id").onDelete("set null"))
    .addColumn("requested_role", "text")
    .addColumn("message", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'accepted', 'refused')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("decided_at", "timestamptz")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("refusal_reason", "text")
    .addColumn("granted_role", "text")
    .addColumn("granted_structure_id", "uuid", (c) => c.references("structures.id").onDelete("set null"))
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await sql`create unique index join_requests_one_pending_per_sub on join_requests (sub) where status = 'pending'`.execute(db);
  await sql`create index join_requests_pending_by_age on join_requests (created_at) where status = 'pending'`.execute(db);
  await sql`create index join_requests_decided on join_requests (decided_at desc) where status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("join_requests").execute();
}
