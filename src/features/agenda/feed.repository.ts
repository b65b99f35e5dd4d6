// Private calendar feeds: one active token hash per advisor at most.
import type { DbOrTx } from "../../db/schema.ts";

export async function revokeFeeds(db: DbOrTx, advisorId: string, at: Date): Promise<void> {
  await db.updateTable("calendar_feeds").set({ revoked_at: at }).where("advisor_id", "=", advisorId).where("revoked_at", "is", null).execute();
}

export async function insertFeed(db: DbOrTx, advisorId: string, tokenHash: string, at: Date): Promise<void> {
  await db.insertInto("calendar_feeds").values({ advisor_id: advisorId, token_hash: tokenHash, created_at: at }).execute();
}

export async function hasActiveFeed(db: DbOrTx, advisorId: string): Promise<boolean> {
  const row = await db.selectFrom("calendar_feeds").select("id").where("advisor_id", "=", advisorId).where("revoked_at", "is", null).executeTakeFirst();
  return row !== undefined;
}

export async function findFeedAdvisor(db: DbOrTx, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("calendar_feeds")
    .select("advisor_id")
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row?.advisor_id;
}
