import type { DbOrTx } from "../../../db/schema.ts";

export async function findSecondFactor(db: DbOrTx, userId: string) {
  return db.selectFrom("user_second_factors").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** The row, locked until the end of the transaction: two wrong codes typed at once both count. */
export async function lockSecondFactor(db: DbOrTx, userId: string) {
  return db.selectFrom("user_second_factors").selectAll().where("user_id", "=", userId).forUpdate().executeTakeFirst();
}

/** Keeps the first pending secret: reloading the enrolment page shows the same QR code. */
export async function insertPendingSecret(db: DbOrTx, userId: string, secretEnc: string, now: Date): Promise<void> {
  await db
    .insertInto("user_second_factors")
    .values({ user_id: userId, secret_enc: secretEnc, created_at: now })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
}

export async function saveLockState(db: DbOrTx, userId: string, failedCount: number, lockedUntil: Date | null): Promise<void> {
  await db.updateTable("user_second_factors").set({ failed_count: failedCount, locked_until: lockedUntil }).where("user_id", "=", userId).execute();
}

export async function markEnrolled(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db.updateTable("user_second_factors").set({ enrolled_at: now, failed_count: 0, locked_until: null }).where("user_id", "=", userId).execute();
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, codeHashes: string[]): Promise<void> {
  await db.deleteFrom("second_factor_recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("second_factor_recovery_codes")
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Marks the code used only if it still is unused: of two concurrent uses, one wins. */
export async function consumeRecoveryCode(db: DbOrTx, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable("second_factor_recovery_codes")
    .set({ used_at: now })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .returning("code_hash")
    .executeTakeFirst();
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .selectFrom("second_factor_recovery_codes")
    .select("code_hash")
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
  return rows.length;
}

export async function markSessionSecondFactor(db: DbOrTx, sessionHash: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ second_factor_at: now }).where("id_hash", "=", sessionHash).execute();
}

export async function saveLastStep(db: DbOrTx, userId: string, step: number): Promise<void> {
  await db.updateTable("user_second_factors").set({ last_step: step }).where("user_id", "=", userId).execute();
}
