// Each TOTP code is accepted once: the step of the last accepted code is kept per person, and a code of that step
// or an earlier one is refused (RFC 6238 § 5.2). Null until the next accepted code.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table user_second_factors add column last_step integer`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table user_second_factors drop column last_step`.execute(db);
}
