// Booking: appointment kinds (motifs), absences, exceptional openings, appointments with a database-enforced
// ban on double booking, workshops with series and registrations (waiting list), private calendar feeds.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);

  await db.schema
    .createTable("appointment_kinds")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("bookable_by", "text", (c) => c.notNull().defaultTo("public"))
    .addColumn("earliest_minutes", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("latest_months", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("appointment_kinds_duration", sql`duration_minutes between 15 and 120`)
    .addCheckConstraint("appointment_kinds_location", sql`location in ('place', 'phone', 'video', 'home')`)
    .addCheckConstraint("appointment_kinds_bookable_by", sql`bookable_by in ('public', 'staff')`)
    .addCheckConstraint("appointment_kinds_window", sql`earliest_minutes >= 0 and latest_months between 1 and 12`)
    .execute();
  await db.schema.createIndex("appointment_kinds_structure").on("appointment_kinds").column("structure_id").execute();

  await db.schema
    .createTable("absences")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("label", "text")
    // One-off: starts_at … ends_at. Weekly: weekdays with a time range (or the whole day) within validity dates.
    .addColumn("starts_at", "timestamptz")
    .addColumn("ends_at", "timestamptz")
    .addColumn("weekdays", sql`smallint[]`)
    .addColumn("start_time", "text")
    .addColumn("end_time", "text")
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("absences_kind", sql`kind in ('training', 'leave', 'other')`)
    .addCheckConstraint(
      "absences_shape",
      sql`(starts_at is not null and ends_at is not null and ends_at > starts_at and weekdays is null)
        or (starts_at is null and ends_at is null and weekdays is not null and valid_from is not null
            and (start_time is null) = (end_time is null))`,
    )
    .execute();
  await db.schema.createIndex("absences_advisor").on("absences").column("advisor_id").execute();

  await db.schema
    .createTable("opening_periods")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id").onDelete("cascade"))
    .addColumn("place_id", "uuid", (c) => c.notNull().references("places.id").onDelete("cascade"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("opening_periods_order", sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable("appointments")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id"))
    .addColumn("place_id", "uuid", (c) => c.references("places.id"))
    .addColumn("kind_id", "uuid", (c) => c.notNull().references("appointment_kinds.id"))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("birth_year", "smallint")
    .addColumn("commune_code", "text")
    .addColumn("accompanied", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("needs", "text")
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("notes", "text")
    .addColumn("consent_at", "timestamptz", (c) => c.notNull())
    .addColumn("booked_via", "text", (c) => c.notNull())
    .addColumn("booked_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("manage_token_hash", "text", (c) => c.unique())
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("appointments_order", sql`ends_at > starts_at`)
    .addCheckConstraint("appointments_status", sql`status in ('planned', 'attended', 'no_show', 'excused', 'cancelled')`)
    .addCheckConstraint("appointments_contact", sql`phone is not null or email is not null`)
    .addCheckConstraint("appointments_booked_via", sql`booked_via in ('public', 'staff', 'api')`)
    .execute();
  // The database itself refuses two active appointments of one advisor that overlap: of concurrent
  // bookings of one slot, exactly one commits, whatever the number of app instances.
  await sql`alter table appointments add constraint appointments_advisor_no_overlap
    exclude using gist (advisor_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
    where (status <> 'cancelled')`.execute(db);
  await db.schema.createIndex("appointments_advisor_start").on("appointments").columns(["advisor_id", "starts_at"]).execute();
  await db.schema.createIndex("appointments_place_start").on("appointments").columns(["place_id", "starts_at"]).execute();

  await db.schema
    .createTable("workshop_series")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id"))
    .addColumn("advisor_id", "uuid", (c) => c.references("advisors.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("place_id", "uuid", (c) => c.references("places.id"))
    .addColumn("is_remote", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("video_url", "text")
    .addColumn("weekday", "smallint", (c) => c.notNull())
    .addColumn("start_time", "text", (c) => c.notNull())
    .addColumn("end_time", "text", (c) => c.notNull())
    .addColumn("every_weeks", "smallint", (c) => c.notNull().defaultTo(1))
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_to", "date")
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("is_public", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("workshop_series_level", sql`level in ('debutant', 'intermediaire', 'avance')`)
    .addCheckConstraint("workshop_series_where", sql`is_remote or place_id is not null`)
    .addCheckConstraint("workshop_series_capacity", sql`capacity between 1 and 500`)
    .execute();

  await db.schema
    .createTable("workshops")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("series_id", "uuid", (c) => c.references("workshop_series.id").onDelete("set null"))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id"))
    .addColumn("advisor_id", "uuid", (c) => c.references("advisors.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("place_id", "uuid", (c) => c.references("places.id"))
    .addColumn("is_remote", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("video_url", "text")
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("is_public", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("workshops_order", sql`ends_at > starts_at`)
    .addCheckConstraint("workshops_level", sql`level in ('debutant', 'intermediaire', 'avance')`)
    .addCheckConstraint("workshops_where", sql`is_remote or place_id is not null`)
    .addCheckConstraint("workshops_capacity", sql`capacity between 1 and 500`)
    .execute();
  await db.schema.createIndex("workshops_start").on("workshops").column("starts_at").execute();
  await sql`create unique index workshops_series_start on workshops (series_id, starts_at) where series_id is not null`.execute(db);

  await db.schema
    .createTable("workshop_registrations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("workshop_id", "uuid", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("offered_at", "timestamptz")
    .addColumn("offer_expires_at", "timestamptz")
    .addColumn("consent_at", "timestamptz", (c) => c.notNull())
    .addColumn("manage_token_hash", "text", (c) => c.unique())
    .addColumn("booked_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      "workshop_registrations_status",
      sql`status in ('registered', 'waiting', 'offered', 'cancelled', 'attended', 'absent')`,
    )
    .addCheckConstraint("workshop_registrations_contact", sql`phone is not null or email is not null`)
    .execute();
  await db.schema.createIndex("workshop_registrations_workshop").on("workshop_registrations").columns(["workshop_id", "status", "created_at"]).execute();

  await db.schema
    .createTable("calendar_feeds")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("revoked_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "calendar_feeds",
    "workshop_registrations",
    "workshops",
    "workshop_series",
    "appointments",
    "opening_periods",
    "absences",
    "appointment_kinds",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
