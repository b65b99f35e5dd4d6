// Foundation schema: territory, organisation, accounts and sessions, places, outbox, audit log.
// Migrations are frozen history: never edit one that has shipped, add a new file instead.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("epcis")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("communes")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("search_name", "text", (c) => c.notNull())
    .addColumn("departement", "text", (c) => c.notNull())
    .addColumn("postcodes", sql`text[]`, (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull())
    .addColumn("epci_code", "text", (c) => c.references("epcis.code").onDelete("set null"))
    .addColumn("latitude", "float8")
    .addColumn("longitude", "float8")
    .addColumn("centre_source", "text")
    .addColumn("boundary", "jsonb")
    .addColumn("synced_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("communes_centre_pair", sql`(latitude is null) = (longitude is null)`)
    .execute();
  await db.schema.createIndex("communes_search_name").on("communes").expression(sql`search_name text_pattern_ops`).execute();
  await db.schema.createIndex("communes_departement").on("communes").column("departement").execute();

  await db.schema
    .createTable("structures")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("siret", "text", (c) => c.unique())
    .addColumn("commune_code", "text", (c) => c.references("communes.code"))
    .addColumn("epci_code", "text", (c) => c.references("epcis.code"))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("structures_siret_format", sql`siret is null or siret ~ '^[0-9]{14}$'`)
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_sign_in_at", "timestamptz")
    .addColumn("disabled_at", "timestamptz")
    .addCheckConstraint("users_email_lowercase", sql`email = lower(email)`)
    .execute();

  await db.schema
    .createTable("role_assignments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("structure_id", "uuid", (c) => c.references("structures.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index role_assignments_unique on role_assignments (user_id, role, structure_id) nulls not distinct`.execute(db);

  await db.schema
    .createTable("advisors")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.unique().references("users.id").onDelete("set null"))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id"))
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("advisors_structure").on("advisors").column("structure_id").execute();

  await db.schema
    .createTable("places")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id"))
    .addColumn("typologie", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("postcode", "text", (c) => c.notNull())
    .addColumn("commune_code", "text", (c) => c.notNull().references("communes.code"))
    .addColumn("latitude", "float8")
    .addColumn("longitude", "float8")
    .addColumn("coordinates_precision", "text", (c) => c.notNull().defaultTo("commune"))
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("website", "text")
    .addColumn("is_public", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("places_postcode_format", sql`postcode ~ '^[0-9]{5}$'`)
    .execute();
  await db.schema.createIndex("places_commune").on("places").column("commune_code").execute();
  await db.schema.createIndex("places_structure").on("places").column("structure_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("sign_in_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("sign_in_requests")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("email_hash", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("sign_in_requests_email").on("sign_in_requests").columns(["email_hash", "created_at"]).execute();
  await db.schema.createIndex("sign_in_requests_ip").on("sign_in_requests").columns(["ip", "created_at"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("body_html", "text")
    .addColumn("attachments", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("not_before", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("provider_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .addCheckConstraint("outbox_channel", sql`channel in ('email', 'sms')`)
    .addCheckConstraint("outbox_status", sql`status in ('pending', 'sent', 'stored', 'failed', 'cancelled')`)
    .execute();
  await sql`create index outbox_due on outbox (not_before) where status = 'pending'`.execute(db);

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text")
    .addColumn("subject_id", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log", "outbox", "sign_in_requests", "sign_in_tokens", "sessions", "places", "advisors",
    "role_assignments", "users", "structures", "communes", "epcis", "settings",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
