import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openTestDatabase } from "../../test/support/db.ts";
import type { DatabaseHandle } from "./database.ts";
import { executePrepared, MAX_PREPARED_PER_CONNECTION, preparedName, withPreparedStatements } from "./prepared.ts";

const upTo = (n: number) => sql<{ i: number; label: string }>`select i, ${"n°"}::text || i as label from generate_series(1, ${n}::int) i order by i`;

describe("statements run as named prepared statements", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("bare");
  });
  after(() => handle.close());

  test("a prepared statement answers the same rows as the plain one, whatever its values", async () => {
    for (const n of [3, 1, 0, 7, 3, 2, 5]) {
      const plain = await upTo(n).execute(handle.db);
      const prepared = await executePrepared(handle.db, upTo(n));
      assert.equal(prepared.rows.length, n);
      assert.deepEqual(prepared.rows, plain.rows);
    }
  });

  test("on PostgreSQL each connection prepares the statement once, under the name of its text, and nothing else", async (t) => {
    if (handle.kind !== "postgres") return t.skip("PGlite runs it plainly");
    // One transaction: one connection, whose prepared statements PostgreSQL lists.
    const names = await handle.db.transaction().execute(async (trx) => {
      for (const n of [1, 2, 1]) await executePrepared(trx, upTo(n));
      await upTo(3).execute(trx);
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(trx);
      return rows.map((r) => r.name);
    });
    const text = `/* prepared */ ${upTo(0).compile(handle.db).sql}`;
    assert.deepEqual(names, [preparedName(text)]);
  });
});

describe("the pool of prepared statements", () => {
  /** A pg pool stand-in recording what its one client is asked and how it is released. */
  function fakePool() {
    const sent: unknown[] = [];
    const released: boolean[] = [];
    const client = {
      query: async (config: unknown, values?: unknown) => {
        sent.push(values === undefined ? config : { text: config, values });
        return { command: "SELECT", rowCount: 0, rows: [] };
      },
      release: (destroy?: boolean) => void released.push(destroy === true),
    };
    return { pool: { connect: async () => client, end: async () => {} }, sent, released };
  }

  test("only marked statements are sent under a name; the same client always comes back as the same connection", async () => {
    const { pool, sent } = fakePool();
    const prepared = withPreparedStatements(pool);
    const first = await prepared.connect();
    await first.query("select $1", [1]);
    await first.query("/* prepared */ select $1", [2]);
    assert.deepEqual(sent, [
      { text: "select $1", values: [1] },
      { name: preparedName("/* prepared */ select $1"), text: "/* prepared */ select $1", values: [2] },
    ]);
    assert.equal(await prepared.connect(), first);
  });

  test("a connection holding too many prepared statements is closed when released, for a fresh one", async () => {
    const { pool, released } = fakePool();
    const client = await withPreparedStatements(pool).connect();
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION; i++) await client.query(`/* prepared */ select ${i}`, []);
    client.release();
    await client.query("/* prepared */ select 'one more'", []);
    client.release();
    assert.deepEqual(released, [false, true]);
  });
});
