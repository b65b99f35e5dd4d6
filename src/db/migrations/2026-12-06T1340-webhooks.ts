// Signed webhooks: the subscribers (endpoints) of the network's events and one delivery per event and
// subscriber, delivered by the worker like the outbox. The unique (endpoint, event) pair makes a second
// publication of the same event, or a second worker, unable to deliver it twice.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events", sql`text[]`, (c) => c.notNull())
    // Needed in clear to sign; shown to the admin once, never again.
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("previous_secret", "text")
    .addColumn("previous_secret_until", "timestamptz")
    .addColumn("created_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("webhook_endpoints_events", sql`cardinality(events) >= 1`)
    .addCheckConstraint("webhook_endpoints_url", sql`url ~ '^https?://'`)
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("endpoint_id", "uuid", (c) => c.notNull().references("webhook_endpoints.id").onDelete("cascade"))
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_type", "text", (c) => c.notNull())
    // The exact JSON sent: the same bytes on every attempt, so a signature can be checked on each.
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("not_before", "timestamptz", (c) => c.notNull())
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("last_duration_ms", "integer")
    .addColumn("last_attempt_at", "timestamptz")
    .addColumn("delivered_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("webhook_deliveries_status", sql`status in ('pending', 'delivered', 'failed')`)
    .addUniqueConstraint("webhook_deliveries_once", ["endpoint_id", "event_id"])
    .execute();
  await sql`create index webhook_deliveries_due on webhook_deliveries (not_before, id) where status = 'pending'`.execute(db);
  await sql`create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc)`.execute(db);
  await sql`create index webhook_deliveries_finished on webhook_deliveries (created_at) where status <> 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("webhook_deliveries").execute();
  await db.schema.dropTable("webhook_endpoints").execute();
}
