// `npm run cli -- token …`: create (the token is printed once), list and revoke API tokens.
import { parseArgs } from "node:util";
import type { Db } from "../../db/schema.ts";
import { API_SCOPE_CODES } from "./api-token.ts";
import { listApiTokens } from "./api-tokens.repository.ts";
import { checkTokenRequest, createApiToken, revokeToken } from "./api-tokens.service.ts";

export const TOKEN_HELP = `  token create --name NAME --scopes ${API_SCOPE_CODES.join(",")}
                                  create an API token; it is printed once (only its hash is kept)
  token list                      list the API tokens (never their value)
  token revoke ID                 revoke an API token`;

export interface TokenCliContext {
  db: Db;
  print?: (line: string) => void;
  now?: () => Date;
}

/** Runs a token command; returns the process exit code (0 success, 1 refused or wrong usage). */
export async function runTokenCli(args: string[], ctx: TokenCliContext): Promise<number> {
  const print = ctx.print ?? ((line: string) => console.log(line));
  const now = ctx.now ?? (() => new Date());
  const [command, ...rest] = args;
  if (command === "create") {
    const { values } = parseArgs({ args: rest, options: { name: { type: "string" }, scopes: { type: "string" } }, strict: true });
    const { request, errors } = checkTokenRequest(values.name ?? "", values.scopes ?? "");
    if (request === null) {
      for (const e of errors) print(`! --${e.field}: ${e.message}`);
      print(`Usage:\n${TOKEN_HELP}`);
      return 1;
    }
    const created = await createApiToken(ctx.db, request, { actorUserId: null, now: now(), via: "cli" });
    print(`Token "${created.name}" created (id ${created.id}; scopes: ${created.scopes.join(", ")}).`);
    print("Copy it now: it will not be shown again.");
    print(created.token);
    return 0;
  }
  if (command === "list") {
    const tokens = await listApiTokens(ctx.db);
    if (tokens.length === 0) print("No API token.");
    for (const t of tokens) {
      const state = t.revoked_at ? `revoked ${t.revoked_at.toISOString()}` : "active";
      const used = t.last_used_at ? t.last_used_at.toISOString() : "never";
      print(`${t.id}  ${t.name}  [${t.scopes.join(",")}]  created ${t.created_at.toISOString()}  last used ${used}  ${state}`);
    }
    return 0;
  }
  if (command === "revoke" && rest.length === 1) {
    const id = rest[0] ?? "";
    const ok = /^[0-9a-f-]{36}$/i.test(id) && (await revokeToken(ctx.db, id, { actorUserId: null, now: now(), via: "cli" }));
    print(ok ? `Token ${id} revoked.` : `No active token with id ${id}.`);
    return ok ? 0 : 1;
  }
  print(`Usage:\n${TOKEN_HELP}`);
  return 1;
}
