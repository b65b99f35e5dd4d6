// Activity reports (comptes rendus d'activité), beneficiaries with consent, API tokens and the
// coordinators' own work log. Reports snapshot the person's profile (gender, age band, social status,
// commune of residence) so that erasing a person never changes a figure.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("beneficiaries")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id"))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id"))
    .addColumn("shared_with_structure", "boolean", (c) => c.notNull().defaultTo(false))
    // Identifying fields: all null once erased.
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("search_name", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("birth_year", "smallint")
    .addColumn("notes", "text")
    // Non-identifying profile, kept after erasure.
    .addColumn("residence_commune_code", "text")
    .addColumn("gender", "text", (c) => c.notNull().defaultTo("non-communique"))
    .addColumn("social_status", "text", (c) => c.notNull().defaultTo("non-communique"))
    .addColumn("age_band", "text", (c) => c.notNull().defaultTo("non-communique"))
    // Consent: when, how, by whom.
    .addColumn("consent_at", "timestamptz")
    .addColumn("consent_method", "text")
    .addColumn("consent_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("merged_into_id", "uuid", (c) => c.references("beneficiaries.id"))
    .addColumn("erased_at", "timestamptz")
    .addColumn("erased_reason", "text")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("beneficiaries_consent", sql`erased_at is not null or merged_into_id is not null or (consent_at is not null and consent_method is not null)`)
    .addCheckConstraint("beneficiaries_consent_method", sql`consent_method is null or consent_method in ('oral', 'ecrit', 'en-ligne')`)
    .addCheckConstraint(
      "beneficiaries_erased_blank",
      sql`erased_at is null or (first_name is null and last_name is null and search_name is null and phone is null and email is null and birth_year is null and notes is null)`,
    )
    .addCheckConstraint("beneficiaries_named", sql`erased_at is not null or first_name is not null`)
    .execute();
  await db.schema.createIndex("beneficiaries_advisor").on("beneficiaries").columns(["advisor_id", "search_name"]).execute();
  await db.schema.createIndex("beneficiaries_structure").on("beneficiaries").column("structure_id").execute();

  await db.schema
    .createTable("activity_reports")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("advisor_id", "uuid", (c) => c.notNull().references("advisors.id"))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("structures.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("place_type", "text", (c) => c.notNull())
    .addColumn("place_id", "uuid", (c) => c.references("places.id"))
    // Where the activity happened: the place's commune, the typed commune (home, other), null remotely.
    .addColumn("commune_code", "text")
    .addColumn("duration_minutes", "integer", (c) => c.notNull())
    .addColumn("equipment", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("themes", sql`text[]`, (c) => c.notNull())
    .addColumn("procedure_areas", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("notes", "text")
    // Individual only.
    .addColumn("autonomy", "text")
    .addColumn("oriented", "boolean")
    .addColumn("referral_structure", "text")
    .addColumn("beneficiary_id", "uuid", (c) => c.references("beneficiaries.id"))
    .addColumn("beneficiary_gender", "text")
    .addColumn("beneficiary_age_band", "text")
    .addColumn("beneficiary_social_status", "text")
    .addColumn("beneficiary_commune_code", "text")
    // Collective only.
    .addColumn("title", "text")
    .addColumn("level", "text")
    .addColumn("anonymous_participants", "jsonb")
    .addColumn("anonymous_total", "integer", (c) => c.notNull().defaultTo(0))
    // 1 for an individual report; known + anonymous participants for a collective one.
    .addColumn("participants_total", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("appointment_id", "uuid", (c) => c.references("appointments.id"))
    .addColumn("workshop_id", "uuid", (c) => c.references("workshops.id"))
    .addColumn("created_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("deleted_at", "timestamptz")
    .addColumn("deleted_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("activity_reports_type", sql`type in ('individuel', 'collectif')`)
    .addCheckConstraint("activity_reports_place_type", sql`place_type in ('lieu-activite', 'domicile', 'a-distance', 'autre-lieu')`)
    .addCheckConstraint(
      "activity_reports_where",
      sql`(place_type = 'lieu-activite' and place_id is not null)
        or (place_type in ('domicile', 'autre-lieu') and commune_code is not null and place_id is null)
        or (place_type = 'a-distance' and place_id is null)`,
    )
    .addCheckConstraint("activity_reports_duration", sql`duration_minutes between 1 and 1440`)
    .addCheckConstraint("activity_reports_themes", sql`cardinality(themes) >= 1`)
    .addCheckConstraint("activity_reports_procedures", sql`cardinality(procedure_areas) = 0 or 'aide-demarches' = any(themes)`)
    .addCheckConstraint(
      "activity_reports_individual",
      sql`type <> 'individuel' or (title is null and level is null and anonymous_participants is null and anonymous_total = 0 and participants_total = 1
        and beneficiary_gender is not null and beneficiary_age_band is not null and beneficiary_social_status is not null)`,
    )
    .addCheckConstraint(
      "activity_reports_collective",
      sql`type <> 'collectif' or (title is not null and autonomy is null and oriented is null and referral_structure is null and beneficiary_id is null
        and beneficiary_gender is null and participants_total >= 1 and participants_total >= anonymous_total)`,
    )
    .execute();
  await sql`create index activity_reports_advisor_date on activity_reports (advisor_id, date desc, id desc) where deleted_at is null`.execute(db);
  await sql`create index activity_reports_structure_date on activity_reports (structure_id, date) where deleted_at is null`.execute(db);
  await sql`create index activity_reports_date on activity_reports (date) where deleted_at is null`.execute(db);
  await sql`create index activity_reports_themes on activity_reports using gin (themes)`.execute(db);
  await sql`create index activity_reports_beneficiary on activity_reports (beneficiary_id) where beneficiary_id is not null`.execute(db);
  await sql`create unique index activity_reports_appointment on activity_reports (appointment_id) where appointment_id is not null and deleted_at is null`.execute(db);
  await sql`create unique index activity_reports_workshop on activity_reports (workshop_id) where workshop_id is not null and deleted_at is null`.execute(db);

  await db.schema
    .createTable("activity_participants")
    .addColumn("report_id", "uuid", (c) => c.notNull().references("activity_reports.id").onDelete("cascade"))
    .addColumn("beneficiary_id", "uuid", (c) => c.notNull().references("beneficiaries.id"))
    // Profile snapshot at the time of the workshop, like individual reports.
    .addColumn("gender", "text", (c) => c.notNull())
    .addColumn("age_band", "text", (c) => c.notNull())
    .addColumn("social_status", "text", (c) => c.notNull())
    .addColumn("commune_code", "text")
    .addPrimaryKeyConstraint("activity_participants_pk", ["report_id", "beneficiary_id"])
    .execute();
  await db.schema.createIndex("activity_participants_beneficiary").on("activity_participants").column("beneficiary_id").execute();

  // Appointments linked to an erased person lose their names and contact details too.
  await db.schema.alterTable("appointments").addColumn("anonymised_at", "timestamptz").execute();
  await sql`alter table appointments drop constraint appointments_contact`.execute(db);
  await sql`alter table appointments add constraint appointments_contact check (phone is not null or email is not null or anonymised_at is not null)`.execute(db);

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("scopes", sql`text[]`, (c) => c.notNull())
    .addColumn("created_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("api_tokens_scopes", sql`cardinality(scopes) >= 1 and scopes <@ array['activites', 'statistiques', 'maillage']::text[]`)
    .execute();

  await db.schema
    .createTable("coordination_events")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer")
    .addColumn("participants_count", "integer")
    .addColumn("partners", "text")
    .addColumn("commune_code", "text")
    .addColumn("notes", "text")
    .addColumn("created_by_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("deleted_at", "timestamptz")
    .addColumn("is_demo", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("coordination_events_kind", sql`kind in ('reunion-reseau', 'evenement', 'partenariat', 'formation', 'autre')`)
    .execute();
  await db.schema.createIndex("coordination_events_date").on("coordination_events").column("date").execute();

  await sql`create index audit_log_subject on audit_log (subject_type, subject_id, at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists audit_log_subject`.execute(db);
  await db.schema.dropTable("coordination_events").execute();
  await db.schema.dropTable("api_tokens").execute();
  await sql`alter table appointments drop constraint appointments_contact`.execute(db);
  await db.schema.alterTable("appointments").dropColumn("anonymised_at").execute();
  await sql`alter table appointments add constraint appointments_contact check (phone is not null or email is not null)`.execute(db);
  await db.schema.dropTable("activity_participants").execute();
  await db.schema.dropTable("activity_reports").execute();
  await db.schema.dropTable("beneficiaries").execute();
}
