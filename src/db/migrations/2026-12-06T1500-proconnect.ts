// ProConnect sign-in: a person's account linked to the provider's subject (`sub`), and for sessions opened
// through ProConnect the id_token the provider's end-session endpoint needs as `id_token_hint`.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("proconnect_links")
    .addColumn("sub", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().unique().references("users.id").onDelete("cascade"))
    .addColumn("linked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("proconnect_sessions")
    .addColumn("session_id_hash", "text", (c) => c.primaryKey().references("sessions.id_hash").onDelete("cascade"))
    .addColumn("id_token", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("proconnect_sessions").execute();
  await db.schema.dropTable("proconnect_links").execute();
}
