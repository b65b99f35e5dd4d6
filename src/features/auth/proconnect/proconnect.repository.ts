import type { DbOrTx } from "../../../db/schema.ts";

export async function findLinkedActiveUser(db: DbOrTx, sub: string) {
  return db
    .selectFrom("proconnect_links")
    .innerJoin("users", "users.id", "proconnect_links.user_id")
    .select(["users.id", "users.email"])
    .where("proconnect_links.sub", "=", sub)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
}

export async function findSubOfUser(db: DbOrTx, userId: string): Promise<string | null> {
  const row = await db.selectFrom("proconnect_links").select("sub").where("user_id", "=", userId).executeTakeFirst();
  return row?.sub ?? null;
}

export async function insertLink(db: DbOrTx, values: { sub: string; userId: string; at: Date }): Promise<void> {
  await db.insertInto("proconnect_links").values({ sub: values.sub, user_id: values.userId, linked_at: values.at }).execute();
}

export async function insertProConnectSession(db: DbOrTx, sessionHash: string, idToken: string): Promise<void> {
  await db.insertInto("proconnect_sessions").values({ session_id_hash: sessionHash, id_token: idToken }).execute();
}

export async function findIdToken(db: DbOrTx, sessionHash: string): Promise<string | null> {
  const row = await db.selectFrom("proconnect_sessions").select("id_token").where("session_id_hash", "=", sessionHash).executeTakeFirst();
  return row?.id_token ?? null;
}

export async function markSecondFactor(db: DbOrTx, sessionHash: string, at: Date): Promise<void> {
  await db.updateTable("sessions").set({ second_factor_at: at }).where("id_hash", "=", sessionHash).execute();
}

export async function findStructureBySiret(db: DbOrTx, siret: string) {
  return db.selectFrom("structures").select(["id", "name"]).where("siret", "=", siret).executeTakeFirst();
}

export async function findSubOwner(db: DbOrTx, sub: string): Promise<string | null> {
  const row = await db.selectFrom("proconnect_links").select("user_id").where("sub", "=", sub).executeTakeFirst();
  return row?.user_id ?? null;
}
