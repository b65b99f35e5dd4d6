// Places in the national open-data standard (lieux de médiation numérique v1.0), permanences,
// error reports from the public, and the history of changes to places and permanences.
import { type Kysely, sql } from "kysely";

const ARRAY_COLUMNS = [
  "emails",
  "services",
  "publics",
  "specific_support",
  "fees",
  "national_programmes",
  "labels",
  "other_labels",
  "access_modes",
  "support_modes",
  "mobility",
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  let alter = db.schema
    .alterTable("places")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("declic"))
    .addColumn("source_id", "text")
    .addColumn("pivot", "text")
    .addColumn("address_complement", "text")
    .addColumn("opening_hours", "text")
    .addColumn("summary", "text")
    .addColumn("description", "text")
    .addColumn("parent_structure", "text")
    .addColumn("accessibility_url", "text")
    .addColumn("booking_url", "text")
    .addColumn("updated_on", "date", (c) => c.notNull().defaultTo(sql`current_date`));
  for (const column of ARRAY_COLUMNS) alter = alter.addColumn(column, sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`));
  await alter.execute();
  await sql`update places set source_id = id::text where source_id is null`.execute(db);
  await sql`alter table places alter column source_id set not null`.execute(db);
  await db.schema.createIndex("places_source_id").on("places").columns(["source", "source_id"]).unique().execute();
  await sql`alter table places add constraint places_summary_length check (summary is null or char_length(summary) <= 280)`.execute(db);
  await sql`alter table places add constraint places_pivot_format check (pivot is null or pivot ~ '^([0-9]{14}|W[0-9A-Z]{9})$')`.execute(db);
  await db.schema.createIndex("places_services").on("places").using("gin").column("services").execute();

  await db.schema
    .createTable("permanences")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("place_id", "uuid", (c) => c.notNull().references("places.id").onDelete("cascade"))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id").onDelete("cascade"))
    .addColumn("weekdays", sql`smallint[]`, (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("every_weeks", "smallint", (c) => c.notNull().defaultTo(1))
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date")
    .addColumn("cancelled_dates", sql`date[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("permanences_mode", sql`mode in ('drop_in', 'appointment', 'both')`)
    .addCheckConstraint("permanences_times", sql`start_time ~ '^[0-2][0-9]:[0-5][0-9]$' and end_time ~ '^[0-2][0-9]:[0-5][0-9]$' and end_time > start_time`)
    .addCheckConstraint("permanences_rhythm", sql`every_weeks between 1 and 8`)
    .addCheckConstraint("permanences_validity", sql`valid_to is null or valid_to >= valid_from`)
    .addCheckConstraint("permanences_weekdays", sql`cardinality(weekdays) > 0 and weekdays <@ array[1,2,3,4,5,6,7]::smallint[]`)
    .execute();
  await db.schema.createIndex("permanences_place").on("permanences").column("place_id").execute();
  await db.schema.createIndex("permanences_advisor").on("permanences").column("advisor_id").execute();

  await db.schema
    .createTable("place_reports")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("place_id", "uuid", (c) => c.notNull().references("places.id").onDelete("cascade"))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("contact", "text")
    .addColumn("ip_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("place_reports_place").on("place_reports").columns(["place_id", "created_at"]).execute();
  await db.schema.createIndex("place_reports_ip").on("place_reports").columns(["ip_hash", "created_at"]).execute();

  await db.schema
    .createTable("place_changes")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("place_id", "uuid", (c) => c.notNull().references("places.id").onDelete("cascade"))
    .addColumn("permanence_id", "uuid")
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("changes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("place_changes_place").on("place_changes").columns(["place_id", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("place_changes").execute();
  await db.schema.dropTable("place_reports").execute();
  await db.schema.dropTable("permanences").execute();
  await sql`alter table places drop constraint places_summary_length, drop constraint places_pivot_format`.execute(db);
  await db.schema.dropIndex("places_services").execute();
  await db.schema.dropIndex("places_source_id").execute();
  let alter = db.schema
    .alterTable("places")
    .dropColumn("source")
    .dropColumn("source_id")
    .dropColumn("pivot")
    .dropColumn("address_complement")
    .dropColumn("opening_hours")
    .dropColumn("summary")
    .dropColumn("description")
    .dropColumn("parent_structure")
    .dropColumn("accessibility_url")
    .dropColumn("booking_url")
    .dropColumn("updated_on");
  for (const column of ARRAY_COLUMNS) alter = alter.dropColumn(column);
  await alter.execute();
}
