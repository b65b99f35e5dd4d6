// Partner structures (CAF, CPAM, France Travail, CCAS…): a profile beside the structure of kind « partner »,
// the zone it covers (communes, EPCIs or the whole département) and the services it offers, in the terms of
// the data·inclusion schema so the directory can be imported and exported in it.
import { type Kysely, sql } from "kysely";

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("partner_profiles")
    .addColumn("structure_id", "uuid", (c) => c.primaryKey().references("structures.id").onDelete("cascade"))
    .addColumn("typology", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("postcode", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("website", "text")
    .addColumn("description", "text")
    .addColumn("publics", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("covers_departement", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("data_inclusion_id", "text", (c) => c.unique())
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("partner_profiles_typology", sql`typology ~ '^[A-Za-z_0-9]{1,20}$'`)
    .addCheckConstraint("partner_profiles_postcode", sql`postcode is null or postcode ~ '^[0-9]{5}$'`)
    .addCheckConstraint("partner_profiles_email", sql`email is null or email ~ '^[^[:space:]@]+@[^[:space:]@]+[.][^[:space:]@]+$'`)
    .addCheckConstraint("partner_profiles_website", sql`website is null or website ~ '^https?://'`)
    .addCheckConstraint("partner_profiles_description", sql`description is null or length(description) <= 4000`)
    .addCheckConstraint("partner_profiles_data_inclusion_id", sql`data_inclusion_id is null or length(data_inclusion_id) between 1 and 200`)
    .execute();

  await db.schema
    .createTable("partner_coverage")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("partner_profiles.structure_id").onDelete("cascade"))
    .addColumn("commune_code", "text", (c) => c.references("communes.code"))
    .addColumn("epci_code", "text", (c) => c.references("epcis.code"))
    .addCheckConstraint("partner_coverage_one_area", sql`num_nonnulls(commune_code, epci_code) = 1`)
    .execute();
  await sql`create unique index partner_coverage_commune on partner_coverage (structure_id, commune_code) where commune_code is not null`.execute(db);
  await sql`create unique index partner_coverage_epci on partner_coverage (structure_id, epci_code) where epci_code is not null`.execute(db);
  await sql`create index partner_coverage_by_commune on partner_coverage (commune_code) where commune_code is not null`.execute(db);
  await sql`create index partner_coverage_by_epci on partner_coverage (epci_code) where epci_code is not null`.execute(db);

  await db.schema
    .createTable("partner_services")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("structure_id", "uuid", (c) => c.notNull().references("partner_profiles.structure_id").onDelete("cascade"))
    .addColumn("data_inclusion_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("thematiques", sql`text[]`, (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("reception_modes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("how_to_refer", "text")
    .addColumn("publics", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("partner_services_name", sql`length(name) between 1 and 200`)
    .addCheckConstraint("partner_services_thematiques", sql`cardinality(thematiques) >= 1`)
    .addCheckConstraint("partner_services_reception_modes", sql`reception_modes <@ array['en-presentiel', 'a-distance']::text[]`)
    .addCheckConstraint("partner_services_description", sql`description is null or length(description) <= 4000`)
    .addCheckConstraint("partner_services_how_to_refer", sql`how_to_refer is null or length(how_to_refer) <= 2000`)
    .execute();
  await sql`create unique index partner_services_data_inclusion_id on partner_services (structure_id, data_inclusion_id) where data_inclusion_id is not null`.execute(db);
  await sql`create index partner_services_structure on partner_services (structure_id) where archived_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("partner_services").execute();
  await db.schema.dropTable("partner_coverage").execute();
  await db.schema.dropTable("partner_profiles").execute();
}
