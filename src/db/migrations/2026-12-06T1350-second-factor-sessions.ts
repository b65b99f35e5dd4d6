// Second factor (TOTP) for the agents who may read identities, single-use recovery codes, and a public id
// per session so that a person can end one of their sessions from /espace/sessions.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_second_factors")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    // AES-256-GCM under a key derived from SESSION_SECRET: a leaked table alone gives no usable secret.
    .addColumn("secret_enc", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("enrolled_at", "timestamptz")
    .addColumn("failed_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .execute();

  await db.schema
    .createTable("second_factor_recovery_codes")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addPrimaryKeyConstraint("second_factor_recovery_codes_pk", ["user_id", "code_hash"])
    .execute();

  await db.schema.alterTable("sessions").addColumn("second_factor_at", "timestamptz").execute();
  await db.schema
    .alterTable("sessions")
    .addColumn("public_id", "uuid", (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .execute();
  await db.schema.createIndex("sessions_public_id").unique().on("sessions").column("public_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sessions_public_id").execute();
  await db.schema.alterTable("sessions").dropColumn("public_id").execute();
  await db.schema.alterTable("sessions").dropColumn("second_factor_at").execute();
  await db.schema.dropTable("second_factor_recovery_codes").execute();
  await db.schema.dropTable("user_second_factors").execute();
}
