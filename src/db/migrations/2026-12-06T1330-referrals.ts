// Referrals (orientations): a partner agent (CAF, France Travail, a CCAS…) refers a person to a place of the
// network, with the person's recorded consent; the receiving structure answers, books, and the referrer
// follows the steps without ever seeing the content of the help. Adds the « orientations » API scope.
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

const STATUSES = ["received", "accepted", "contacted", "booked", "attended", "done", "no_show", "redirected", "declined", "expired"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("referrals")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("number", "integer", (c) => c.notNull().unique().generatedByDefaultAsIdentity())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("from_structure_id", "uuid", (c) => c.notNull().references("structures.id").onDelete("cascade"))
    .addColumn("created_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("target_structure_id", "uuid", (c) => c.notNull().references("structures.id").onDelete("cascade"))
    .addColumn("target_place_id", "uuid", (c) => c.references("places.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("received"))
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("needs", "text")
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("contact_preference", "text", (c) => c.notNull())
    .addColumn("commune_code", "text", (c) => c.references("communes.code"))
    .addColumn("consent_mode", "text", (c) => c.notNull())
    .addColumn("consent_at", "timestamptz", (c) => c.notNull())
    .addColumn("consent_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("appointment_id", "uuid", (c) => c.references("appointments.id").onDelete("set null"))
    .addColumn("decision_reason", "text")
    .addColumn("status_changed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("answered_at", "timestamptz")
    .addColumn("reminded_at", "timestamptz")
    .addColumn("anonymised_at", "timestamptz")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("referrals_source", sql`source in ('partner', 'advisor')`)
    .addCheckConstraint("referrals_status", sql`status in (${sql.join(STATUSES.map((s) => sql.lit(s)))})`)
    .addCheckConstraint("referrals_urgency", sql`urgency in ('normal', 'urgent')`)
    .addCheckConstraint("referrals_contact_preference", sql`contact_preference in ('phone', 'email', 'any')`)
    .addCheckConstraint("referrals_consent_mode", sql`consent_mode in ('oral', 'written', 'online')`)
    .addCheckConstraint("referrals_person", sql`anonymised_at is not null or (first_name is not null and last_name is not null and (phone is not null or email is not null))`)
    .addCheckConstraint("referrals_decline_reason", sql`status <> 'declined' or decision_reason is not null`)
    .execute();
  await sql`create index referrals_target_status on referrals (target_structure_id, status, created_at)`.execute(db);
  await sql`create index referrals_from_status on referrals (from_structure_id, status, created_at)`.execute(db);
  await sql`create index referrals_appointment on referrals (appointment_id) where appointment_id is not null`.execute(db);
  await sql`create index referrals_waiting on referrals (created_at) where status = 'received'`.execute(db);

  await db.schema
    .createTable("referral_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("seq", "bigint", (c) => c.notNull().generatedByDefaultAsIdentity())
    .addColumn("referral_id", "uuid", (c) => c.notNull().references("referrals.id").onDelete("cascade"))
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create index referral_events_referral on referral_events (referral_id, seq)`.execute(db);

  await setAllowedScopes(db, [...new Set([...(await allowedScopes(db)), "orientations"])]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update api_tokens set scopes = array_remove(scopes, 'orientations')`.execute(db);
  await sql`delete from api_tokens where cardinality(scopes) = 0`.execute(db);
  await setAllowedScopes(
    db,
    (await allowedScopes(db)).filter((s) => s !== "orientations"),
  );
  await db.schema.dropTable("referral_events").execute();
  await db.schema.dropTable("referrals").execute();
}
