import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { hashToken } from "../auth/auth.ts";
import { runTokenCli } from "./api-tokens.cli.ts";
import { findActiveTokenByHash } from "./api-tokens.repository.ts";

describe("npm run cli -- token", () => {
  let handle: DatabaseHandle;
  const now = () => new Date("2026-11-20T10:00:00Z");
  before(async () => {
    handle = await openTestDatabase("bare");
  });
  after(() => handle.close());

  async function run(...args: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const code = await runTokenCli(args, { db: handle.db, print: (line) => lines.push(line), now });
    return { code, lines };
  }

  test("create prints the token once, stores its hash; list never shows it; revoke ends it", async () => {
    const created = await run("create", "--name", "Observatoire", "--scopes", "activites,maillage");
    assert.equal(created.code, 0);
    const token = created.lines.find((l) => l.startsWith("declic_"));
    assert.ok(token);
    const row = await findActiveTokenByHash(handle.db, hashToken(token));
    assert.deepEqual(row?.scopes, ["activites", "maillage"]);

    const listed = await run("list");
    assert.equal(listed.code, 0);
    assert.match(listed.lines.join("\n"), /Observatoire {2}\[activites,maillage\].*active/);
    assert.ok(!listed.lines.join("\n").includes(token));

    const revoked = await run("revoke", row!.id);
    assert.equal(revoked.code, 0);
    assert.equal(await findActiveTokenByHash(handle.db, hashToken(token)), undefined);
    assert.equal((await run("revoke", row!.id)).code, 1, "a token is revoked once");
    assert.match((await run("list")).lines.join("\n"), /revoked 2026-11-20/);
    const audit = await handle.db.selectFrom("audit_log").select("action").where("subject_id", "=", row!.id).execute();
    assert.equal(audit.length, 2);
  });

  test("a missing name or an unknown scope is refused with a message", async () => {
    const noName = await run("create", "--scopes", "activites");
    assert.equal(noName.code, 1);
    assert.match(noName.lines.join("\n"), /--name: Donnez un nom/);
    const badScope = await run("create", "--name", "X", "--scopes", "activites,tout");
    assert.equal(badScope.code, 1);
    assert.match(badScope.lines.join("\n"), /Portée inconnue : tout/);
    assert.equal((await run("revoke")).code, 1);
  });
});
