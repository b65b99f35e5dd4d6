import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { NO_MIGRATIONS } from "kysely";
import { openTestDatabase } from "../../test/support/db.ts";
import type { DatabaseHandle } from "./database.ts";
import { createMigrator, migrateToLatest } from "./migrator.ts";

describe("migrations", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("bare");
  });
  after(() => handle.close());

  test("every migration goes down cleanly and up again", async () => {
    const down = await createMigrator(handle.db).migrateTo(NO_MIGRATIONS);
    assert.equal(down.error, undefined);
    const tables = await handle.db.introspection.getTables();
    assert.deepEqual(tables.map((t) => t.name), []);
    const applied = await migrateToLatest(handle.db);
    assert.ok(applied.length >= 2);
    assert.deepEqual(await migrateToLatest(handle.db), [], "a second run applies nothing");
  });
});
