import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { RoleAssignment } from "../organisation/organisation.ts";

export async function countRecentSignInRequests(db: DbOrTx, emailHash: string, ip: string, since: Date) {
  const row = await db
    .selectFrom("sign_in_requests")
    .select([
      sql<number>`count(*) filter (where email_hash = ${emailHash})::int`.as("byAddress"),
      sql<number>`count(*) filter (where ip = ${ip})::int`.as("byIp"),
    ])
    .where("created_at", ">", since)
    .where((eb) => eb.or([eb("email_hash", "=", emailHash), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
  return row;
}

export async function recordSignInRequest(db: DbOrTx, emailHash: string, ip: string, at: Date): Promise<void> {
  await db.insertInto("sign_in_requests").values({ email_hash: emailHash, ip, created_at: at }).execute();
}

export async function deleteSignInRequestsBefore(db: DbOrTx, before: Date): Promise<void> {
  await db.deleteFrom("sign_in_requests").where("created_at", "<", before).execute();
}

export async function findActiveUserByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "first_name"])
    .where("email", "=", email)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
}

export async function insertSignInToken(db: DbOrTx, values: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }) {
  await db
    .insertInto("sign_in_tokens")
    .values({ token_hash: values.tokenHash, user_id: values.userId, created_at: values.createdAt, expires_at: values.expiresAt })
    .execute();
}

export async function findSignInToken(db: DbOrTx, tokenHash: string) {
  return db.selectFrom("sign_in_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Marks the token used only if it still is unused and unexpired: of two concurrent uses, one wins. */
export async function consumeSignInToken(db: DbOrTx, tokenHash: string, now: Date): Promise<string | null> {
  const row = await db
    .updateTable("sign_in_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function insertSession(
  db: DbOrTx,
  values: { idHash: string; userId: string; createdAt: Date; expiresAt: Date; userAgent: string | null },
) {
  await db
    .insertInto("sessions")
    .values({
      id_hash: values.idHash,
      user_id: values.userId,
      created_at: values.createdAt,
      last_seen_at: values.createdAt,
      expires_at: values.expiresAt,
      user_agent: values.userAgent,
    })
    .execute();
  await db.updateTable("users").set({ last_sign_in_at: values.createdAt }).where("id", "=", values.userId).execute();
}

export async function findSessionWithUser(db: DbOrTx, idHash: string, now: Date) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id_hash",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.second_factor_at",
      "users.id as user_id",
      "users.email",
      "users.first_name",
      "users.last_name",
    ])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", now)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, idHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now, expires_at: expiresAt }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countUserSessions(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom("sessions")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function findRoleAssignments(db: DbOrTx, userId: string): Promise<RoleAssignment[]> {
  const rows = await db
    .selectFrom("role_assignments")
    .select(["role", "structure_id"])
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
  return rows.map((r) => ({ role: r.role, structureId: r.structure_id }));
}
