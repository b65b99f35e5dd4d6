// Authenticates an API call by its bearer token and checks the scope the route needs.
// Missing or unknown token → 401 invalid_token; a valid token without the scope → 403 insufficient_scope.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import { hashToken } from "../auth/auth.ts";
import { type ApiScope, bearerToken } from "./api-token.ts";
import { findActiveTokenByHash, touchApiToken } from "./api-tokens.repository.ts";

export interface ApiClient {
  tokenId: string;
  name: string;
  scopes: ApiScope[];
}

export async function requireApiScope(db: Db, request: FastifyRequest, reply: FastifyReply, scope: ApiScope, now: Date): Promise<ApiClient> {
  const token = bearerToken(request.headers.authorization);
  const row = token === null ? undefined : await findActiveTokenByHash(db, hashToken(token));
  if (!row) {
    reply.header("www-authenticate", 'Bearer realm="declic", error="invalid_token"');
    throw new HttpError("invalid_token");
  }
  if (!row.scopes.includes(scope)) {
    reply.header("www-authenticate", `Bearer realm="declic", error="insufficient_scope", scope="${scope}"`);
    throw new HttpError("insufficient_scope", `Ce jeton ne donne pas accès à « ${scope} ».`);
  }
  await touchApiToken(db, row.id, now);
  return { tokenId: row.id, name: row.name, scopes: row.scopes as ApiScope[] };
}
