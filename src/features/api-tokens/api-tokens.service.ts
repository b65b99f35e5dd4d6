// Creating and revoking API tokens, from the back office or the CLI: the token is returned once and
// stored hashed; both changes are audited in the same transaction.
import type { Db } from "../../db/schema.ts";
import type { FieldError } from "../../web/errors.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { type ApiScope, newApiToken, parseScopes } from "./api-token.ts";
import { findApiToken, insertApiToken, revokeApiToken } from "./api-tokens.repository.ts";

export const MAX_NAME_LENGTH = 100;

export interface TokenRequest {
  name: string;
  scopes: ApiScope[];
}

/** Checks a token request: a name, at least one known scope. */
export function checkTokenRequest(name: string, scopeValues: string | string[]): { request: TokenRequest | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const trimmed = name.trim();
  if (trimmed === "") errors.push({ field: "name", message: "Donnez un nom au jeton : qui l'utilise et pour quoi." });
  else if (trimmed.length > MAX_NAME_LENGTH) errors.push({ field: "name", message: `Le nom ne doit pas dépasser ${MAX_NAME_LENGTH} caractères.` });
  const { scopes, unknown } = parseScopes(scopeValues);
  if (unknown.length > 0) errors.push({ field: "scopes", message: `Portée inconnue : ${unknown.join(", ")}.` });
  else if (scopes.length === 0) errors.push({ field: "scopes", message: "Cochez au moins une donnée que ce jeton ouvre." });
  return errors.length > 0 ? { request: null, errors } : { request: { name: trimmed, scopes }, errors: [] };
}

export async function createApiToken(db: Db, request: TokenRequest, context: { actorUserId: string | null; now: Date; via: "web" | "cli" }) {
  const { token, hash } = newApiToken();
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertApiToken(trx, { name: request.name, hash, scopes: request.scopes, createdByUserId: context.actorUserId });
    await recordAudit(trx, {
      at: context.now,
      actorUserId: context.actorUserId,
      action: "api_token.created",
      subjectType: "api_token",
      subjectId: inserted.id,
      details: { name: request.name, scopes: request.scopes, via: context.via },
    });
    return inserted;
  });
  return { id: row.id, name: row.name, scopes: row.scopes, token };
}

/** false when there is no such token, or it was already revoked. */
export async function revokeToken(db: Db, id: string, context: { actorUserId: string | null; now: Date; via: "web" | "cli" }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const token = await findApiToken(trx, id);
    if (!token || !(await revokeApiToken(trx, id, context.now))) return false;
    await recordAudit(trx, {
      at: context.now,
      actorUserId: context.actorUserId,
      action: "api_token.revoked",
      subjectType: "api_token",
      subjectId: id,
      details: { name: token.name, via: context.via },
    });
    return true;
  });
}
