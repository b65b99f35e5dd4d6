// The self-diagnostic keeps no answers: only how many were completed each day, and on a workshop
// registration whether it was made from a self-diagnostic's result.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("self_diagnostic_days")
    .addColumn("day", "date", (c) => c.primaryKey())
    .addColumn("taken", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint("self_diagnostic_days_taken", sql`taken >= 0`)
    .execute();
  await db.schema
    .alterTable("workshop_registrations")
    .addColumn("source", "text", (c) => c.check(sql`source in ('self_diagnostic')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workshop_registrations").dropColumn("source").execute();
  await db.schema.dropTable("self_diagnostic_days").execute();
}
