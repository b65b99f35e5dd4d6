import type { Insertable } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { AdvisorsTable, StructuresTable } from "./organisation.table.ts";
import type { Role } from "./organisation.ts";

export async function findStructureNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("structures").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findStructureBySlug(db: DbOrTx, slug: string) {
  return db.selectFrom("structures").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export async function insertStructure(db: DbOrTx, values: Insertable<StructuresTable>): Promise<string> {
  const row = await db.insertInto("structures").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function insertUser(
  db: DbOrTx,
  values: { email: string; firstName: string; lastName: string; isDemo?: boolean },
): Promise<string> {
  const row = await db
    .insertInto("users")
    .values({ email: values.email, first_name: values.firstName, last_name: values.lastName, is_demo: values.isDemo ?? false })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addRole(db: DbOrTx, userId: string, role: Role, structureId: string | null): Promise<boolean> {
  const result = await db
    .insertInto("role_assignments")
    .values({ user_id: userId, role, structure_id: structureId })
    .onConflict((oc) => oc.columns(["user_id", "role", "structure_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Someone given the advisor role in a structure is one of its advisors: the agenda, the activity reports and the
 * network view work from the advisors table. Adds the row (names and e-mail from the account) unless one exists;
 * reactivates it when it had been deactivated.
 */
export async function ensureAdvisorRecord(db: DbOrTx, userId: string, structureId: string): Promise<void> {
  const updated = await db.updateTable("advisors").set({ active: true }).where("user_id", "=", userId).where("structure_id", "=", structureId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto("advisors")
    .columns(["user_id", "structure_id", "first_name", "last_name", "email"])
    .expression((eb) => eb.selectFrom("users").select(["id", eb.val(structureId).as("structure_id"), "first_name", "last_name", "email"]).where("id", "=", userId))
    .execute();
}

export async function insertAdvisor(db: DbOrTx, values: Insertable<AdvisorsTable>): Promise<string> {
  const row = await db.insertInto("advisors").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
