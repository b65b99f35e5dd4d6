import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../../test/support/db.ts";
import type { DatabaseHandle } from "../../../db/database.ts";
import { listAudit } from "../../audit/audit.repository.ts";
import { insertUser } from "../../organisation/organisation.repository.ts";
import { openSecret } from "./second-factor.crypto.ts";
import { findSecondFactor } from "./second-factor.repository.ts";
import { type SecondFactorDeps, secondFactorStep, submitSecondFactor } from "./second-factor.service.ts";
import { totp } from "./totp.ts";

describe("a second-factor code works once", () => {
  let handle: DatabaseHandle;
  const start = new Date("2026-12-07T09:00:10Z");
  let clock = start;
  const deps = (demo: boolean): SecondFactorDeps => ({ db: handle.db, now: () => clock, secret: "s".repeat(40), brandName: "Déclic", demo });

  before(async () => {
    handle = await openTestDatabase("bare");
  });
  after(() => handle.close());

  async function enrolled(email: string, demo: boolean) {
    const userId = await insertUser(handle.db, { email, firstName: "Agent", lastName: "Test" });
    const pending = { userId, sessionHash: `session-${email}`, email };
    clock = start;
    await secondFactorStep(deps(demo), pending);
    const row = await findSecondFactor(handle.db, userId);
    const secret = openSecret(row!.secret_enc, deps(demo).secret);
    const first = await submitSecondFactor(deps(demo), pending, totp(secret, clock));
    assert.equal(first.kind, "enrolled");
    return { pending, secret };
  }

  test("the code just used is refused in a new sign-in, without counting as a wrong code; the next one works", async () => {
    const { pending, secret } = await enrolled("agent.replay@exemple.fr", false);
    const used = totp(secret, start);
    clock = new Date(start.getTime() + 5_000);
    const again = await submitSecondFactor(deps(false), { ...pending, sessionHash: "other-session" }, used);
    assert.deepEqual(again, { kind: "reused" });
    const row = await findSecondFactor(handle.db, pending.userId);
    assert.equal(row!.failed_count, 0, "a replay is not a guess");
    assert.equal((await listAudit(handle.db, { action: "auth.second_factor_replayed", subjectId: pending.userId })).length, 1);

    clock = new Date(start.getTime() + 30_000);
    const next = await submitSecondFactor(deps(false), { ...pending, sessionHash: "other-session" }, totp(secret, clock));
    assert.equal(next.kind, "verified");
  });

  test("after a code of the next step (a phone a little ahead), the current step's code is refused too", async () => {
    const { pending, secret } = await enrolled("agent.ahead@exemple.fr", false);
    clock = new Date(start.getTime() + 5_000);
    const ahead = await submitSecondFactor(deps(false), pending, totp(secret, new Date(start.getTime() + 30_000)));
    assert.equal(ahead.kind, "verified", "one step of drift is accepted");
    const current = totp(secret, clock);
    assert.deepEqual(await submitSecondFactor(deps(false), pending, current), { kind: "reused" });
  });

  test("a wrong code still counts as wrong", async () => {
    const { pending, secret } = await enrolled("agent.wrong@exemple.fr", false);
    const right = totp(secret, start);
    const wrong = right === "000000" ? "111111" : "000000";
    assert.deepEqual(await submitSecondFactor(deps(false), pending, wrong), { kind: "wrong", attemptsLeft: 4 });
  });

  test("the demo, which prints the current code on screen, accepts it again", async () => {
    const { pending, secret } = await enrolled("agent.demo@exemple.fr", true);
    clock = new Date(start.getTime() + 5_000);
    const again = await submitSecondFactor(deps(true), pending, totp(secret, clock));
    assert.equal(again.kind, "verified");
  });
});
