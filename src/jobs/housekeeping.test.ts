import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../test/support/db.ts";
import type { DatabaseHandle } from "../db/database.ts";
import { insertUser } from "../features/organisation/organisation.repository.ts";
import { runHousekeeping } from "./housekeeping.ts";

const NOW = new Date("2026-06-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe("housekeeping", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await openTestDatabase("bare");
  });
  after(() => handle.close());

  test("old throttle records, dead links and expired sessions are deleted, and only those; a second run deletes nothing", async () => {
    const db = handle.db;
    const userId = await insertUser(db, { email: "h@example.fr", firstName: "H", lastName: "K" });
    await db
      .insertInto("sign_in_requests")
      .values([
        { email_hash: "a", ip: "1", created_at: hoursAgo(30) },
        { email_hash: "b", ip: "1", created_at: hoursAgo(1) },
      ])
      .execute();
    await db
      .insertInto("sign_in_tokens")
      .values([
        { token_hash: "old", user_id: userId, created_at: hoursAgo(50), expires_at: hoursAgo(49) },
        { token_hash: "recent", user_id: userId, created_at: hoursAgo(2), expires_at: hoursAgo(1) },
      ])
      .execute();
    await db
      .insertInto("sessions")
      .values([
        { id_hash: "expired", user_id: userId, created_at: hoursAgo(300), last_seen_at: hoursAgo(200), expires_at: hoursAgo(1), user_agent: null },
        { id_hash: "live", user_id: userId, created_at: hoursAgo(3), last_seen_at: hoursAgo(1), expires_at: new Date(NOW.getTime() + 3_600_000), user_agent: null },
      ])
      .execute();
    assert.deepEqual(await runHousekeeping(db, NOW), { signInRequests: 1, signInTokens: 1, sessions: 1, bookingAddresses: 0 });
    assert.deepEqual(await runHousekeeping(db, NOW), { signInRequests: 0, signInTokens: 0, sessions: 0, bookingAddresses: 0 });
    assert.deepEqual((await db.selectFrom("sessions").select("id_hash").execute()).map((r) => r.id_hash), ["live"]);
    assert.deepEqual((await db.selectFrom("sign_in_tokens").select("token_hash").execute()).map((r) => r.token_hash), ["recent"]);
  });
});
