// API tokens in the database: created hashed, looked up by hash, listed for admins, revoked.
import type { Db, DbOrTx } from "../../db/schema.ts";
import type { ApiScope } from "./api-token.ts";

export async function insertApiToken(db: DbOrTx, values: { name: string; hash: string; scopes: ApiScope[]; createdByUserId: string | null }) {
  return db
    .insertInto("api_tokens")
    .values({ name: values.name, token_hash: values.hash, scopes: values.scopes, created_by_user_id: values.createdByUserId })
    .returning(["id", "name", "scopes", "created_at"])
    .executeTakeFirstOrThrow();
}

export async function findActiveTokenByHash(db: Db, hash: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "scopes", "last_used_at"])
    .where("token_hash", "=", hash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

/** Records use at most once a minute per token, so reading the API does not write on every call. */
export async function touchApiToken(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: now })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(now.getTime() - 60_000))]))
    .execute();
}

export async function listApiTokens(db: Db) {
  return db
    .selectFrom("api_tokens")
    .leftJoin("users", "users.id", "api_tokens.created_by_user_id")
    .select(["api_tokens.id", "api_tokens.name", "api_tokens.scopes", "api_tokens.created_at", "api_tokens.last_used_at", "api_tokens.revoked_at", "users.email as created_by"])
    .orderBy("api_tokens.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("api_tokens.created_at", "desc")
    .execute();
}

export async function revokeApiToken(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable("api_tokens").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findApiToken(db: DbOrTx, id: string) {
  return db.selectFrom("api_tokens").select(["id", "name", "scopes", "created_at", "last_used_at", "revoked_at"]).where("id", "=", id).executeTakeFirst();
}
