// Commune requests (demandes): what a commune asks the network for, its status and the thread between the
// commune and the coordination, the permanence or workshops that answer it; and the « demandes » API scope.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

/** The scopes the api_tokens check allows today, read from the constraint itself so other additions are kept. */
async function allowedScopes(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'api_tokens_scopes'`.execute(db);
  const def = rows[0]?.def ?? "";
  const list = def.slice(def.indexOf("ARRAY["));
  return [...list.matchAll(/'([a-z_-]+)'/g)].map((m) => m[1] as string);
}

async function setAllowedScopes(db: Kysely<any>, scopes: string[]): Promise<void> {
  const list = sql.join(scopes.map((s) => sql.lit(s)));
  await sql`alter table api_tokens drop constraint api_tokens_scopes`.execute(db);
  await sql`alter table api_tokens add constraint api_tokens_scopes check (cardinality(scopes) >= 1 and scopes <@ array[${list}]::text[])`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("commune_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // « Demande n° 12 »: what people say on the phone.
    .addColumn("number", "integer", (c) => c.notNull().unique().generatedByDefaultAsIdentity())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("new"))
    .addColumn("commune_code", "text", (c) => c.notNull().references("communes.code"))
    .addColumn("structure_id", "uuid", (c) => c.references("structures.id").onDelete("set null"))
    .addColumn("place_id", "uuid", (c) => c.references("places.id").onDelete("set null"))
    .addColumn("address", "text")
    .addColumn("weekdays", sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("start_time", "text")
    .addColumn("end_time", "text")
    .addColumn("rhythm", "text")
    .addColumn("start_date", "date")
    .addColumn("publics", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("public_details", "text")
    .addColumn("expected_people", "integer")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_role", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("assigned_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decision_reason", "text")
    .addColumn("permanence_id", "uuid", (c) => c.references("permanences.id").onDelete("set null"))
    .addColumn("workshop_id", "uuid", (c) => c.references("workshops.id").onDelete("set null"))
    .addColumn("workshop_series_id", "uuid", (c) => c.references("workshop_series.id").onDelete("set null"))
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("answered_at", "timestamptz")
    .addColumn("decided_at", "timestamptz")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("commune_requests_kind", sql`kind in ('permanence', 'intervention', 'workshops', 'public')`)
    .addCheckConstraint("commune_requests_status", sql`status in ('new', 'in_review', 'accepted', 'refused', 'closed')`)
    .addCheckConstraint("commune_requests_rhythm", sql`rhythm is null or rhythm in ('weekly', 'fortnightly', 'monthly', 'once')`)
    .addCheckConstraint("commune_requests_channel", sql`channel in ('online', 'phone', 'letter', 'email', 'meeting')`)
    .addCheckConstraint("commune_requests_contact", sql`contact_email is not null or contact_phone is not null`)
    .addCheckConstraint("commune_requests_refusal_reason", sql`status <> 'refused' or decision_reason is not null`)
    .addCheckConstraint("commune_requests_expected_people", sql`expected_people is null or expected_people between 1 and 100000`)
    .execute();
  await sql`create index commune_requests_status_created on commune_requests (status, created_at)`.execute(db);
  await db.schema.createIndex("commune_requests_structure").on("commune_requests").column("structure_id").execute();
  await db.schema.createIndex("commune_requests_commune").on("commune_requests").column("commune_code").execute();

  await db.schema
    .createTable("commune_request_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Keeps the thread in the order things were written, even two within the same instant.
    .addColumn("seq", "bigint", (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn("request_id", "uuid", (c) => c.notNull().references("commune_requests.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("body", "text")
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addCheckConstraint("commune_request_events_kind", sql`kind in ('created', 'status', 'message')`)
    .addCheckConstraint("commune_request_events_side", sql`side in ('commune', 'coordination')`)
    .addCheckConstraint("commune_request_events_message", sql`kind <> 'message' or body is not null`)
    .execute();
  await sql`create index commune_request_events_request on commune_request_events (request_id, seq)`.execute(db);

  await setAllowedScopes(db, [...new Set([...(await allowedScopes(db)), "demandes"])]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update api_tokens set scopes = array_remove(scopes, 'demandes')`.execute(db);
  await sql`delete from api_tokens where cardinality(scopes) = 0`.execute(db);
  await setAllowedScopes(
    db,
    (await allowedScopes(db)).filter((s) => s !== "demandes"),
  );
  await db.schema.dropTable("commune_request_events").execute();
  await db.schema.dropTable("commune_requests").execute();
}
