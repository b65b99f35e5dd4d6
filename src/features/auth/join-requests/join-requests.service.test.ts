// The hourly recall of requests to join left waiting: once per request, only pending ones, after 3 days.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../../test/support/db.ts";
import type { DatabaseHandle } from "../../../db/database.ts";
import { markRefused, savePending } from "./join-requests.repository.ts";
import { remindWaitingJoinRequests } from "./join-requests.service.ts";

describe("reminders of waiting requests to join", () => {
  let handle: DatabaseHandle;
  const now = new Date("2026-12-07T09:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3_600_000);
  const deps = { brandName: "déClic47", publicUrl: "https://declic47.example" };
  const identity = (sub: string) => ({ sub, email: `${sub}@mairie.example`, givenName: "Agent", usualName: sub, siret: null, uid: null, proposedStructureId: null, requestedRole: null, message: null });

  before(async () => {
    handle = await openTestDatabase("demo");
  });
  after(() => handle.close());

  const reminders = () =>
    handle.db.selectFrom("outbox").select(["recipient", "body_text"]).where("subject", "=", "Une demande d'accès attend depuis 3 jours").execute();

  test("a request waiting more than 3 days is recalled to every coordinator and admin, once; newer and decided ones are not", async () => {
    const reviewers = await handle.db
      .selectFrom("users")
      .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
      .select("users.email")
      .distinct()
      .where("role_assignments.role", "in", ["coordinator", "admin"])
      .where("users.disabled_at", "is", null)
      .execute();
    assert.ok(reviewers.length > 0, "the demo has reviewers");

    const old = await savePending(handle.db, identity("ancienne"), daysAgo(4));
    await savePending(handle.db, identity("recente"), daysAgo(2));
    const refused = await savePending(handle.db, identity("refusee"), daysAgo(5));
    await markRefused(handle.db, refused.id, { by: (await handle.db.selectFrom("users").select("id").executeTakeFirstOrThrow()).id, at: daysAgo(1), reason: "Hors réseau" });

    assert.equal(await remindWaitingJoinRequests(handle.db, now, deps), 1);
    const sent = await reminders();
    assert.deepEqual(sent.map((m) => m.recipient).sort(), reviewers.map((r) => r.email).sort());
    assert.ok(sent.every((m) => m.body_text.includes("Agent ancienne <ancienne@mairie.example>") && m.body_text.includes(`/reseau/demandes-acces/${old.id}`)));

    assert.equal(await remindWaitingJoinRequests(handle.db, new Date(now.getTime() + 3_600_000), deps), 0, "the next run sends nothing again");
    assert.equal((await reminders()).length, sent.length);
  });
});
