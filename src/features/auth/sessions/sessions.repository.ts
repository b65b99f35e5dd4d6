import type { DbOrTx } from "../../../db/schema.ts";

export async function listUserSessions(db: DbOrTx, userId: string, now: Date) {
  return db
    .selectFrom("sessions")
    .select(["public_id", "id_hash", "created_at", "last_seen_at", "user_agent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .execute();
}

/** Only the owner's session: a guessed id of someone else's deletes nothing. */
export async function deleteOwnSession(db: DbOrTx, userId: string, publicId: string): Promise<boolean> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).where("public_id", "=", publicId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteOtherSessions(db: DbOrTx, userId: string, keepHash: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).where("id_hash", "<>", keepHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}
