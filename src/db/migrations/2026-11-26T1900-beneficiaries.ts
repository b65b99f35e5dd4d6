// Erasing a person also blanks their workshop registrations: names become placeholders and contact
// details go, like appointments (anonymised_at), so the contact check must allow an anonymised row.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workshop_registrations").addColumn("anonymised_at", "timestamptz").execute();
  await sql`alter table workshop_registrations drop constraint workshop_registrations_contact`.execute(db);
  await sql`alter table workshop_registrations add constraint workshop_registrations_contact
    check (phone is not null or email is not null or anonymised_at is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table workshop_registrations drop constraint workshop_registrations_contact`.execute(db);
  await db.schema.alterTable("workshop_registrations").dropColumn("anonymised_at").execute();
  await sql`alter table workshop_registrations add constraint workshop_registrations_contact check (phone is not null or email is not null)`.execute(db);
}
