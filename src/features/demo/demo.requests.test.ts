import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { REQUEST_STATUS_CODES } from "../requests/requests.ts";
import { type DemoRequestInputs, planDemoRequests } from "./demo.requests.ts";

const inputs: DemoRequestInputs = {
  now: new Date("2026-11-02T09:00:00Z"),
  agentCommunes: [
    { structureId: "s-nerac", communeCode: "47195", agentUserId: "u-nerac", agentName: "Agent Nérac", agentEmail: "mairie.nerac@x", placeId: "p-nerac" },
    { structureId: "s-duras", communeCode: "47086", agentUserId: "u-duras", agentName: "Agent Duras", agentEmail: "mairie.duras@x", placeId: "p-duras" },
  ],
  servedCommunes: [
    { code: "47001", permanenceId: "perm-agen" },
    { code: "47157", permanenceId: "perm-marmande" },
  ],
  unservedCommunes: [{ code: "47100" }, { code: "47200" }, { code: "47300" }],
  coordinatorUserId: "u-coord",
};

describe("the demo's commune requests", () => {
  test("the plan covers every status, from several communes, each thread in order", () => {
    const plans = planDemoRequests(inputs);
    assert.deepEqual([...new Set(plans.map((p) => p.status))].sort(), [...REQUEST_STATUS_CODES].sort());
    assert.ok(new Set(plans.map((p) => p.communeCode)).size >= 6);
    for (const p of plans) {
      const times = p.events.map((e) => e.at.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => a - b), p.details);
      assert.equal(p.events[0]?.kind, "created");
      assert.equal(p.events.filter((e) => e.kind === "status").at(-1)?.to ?? "new", p.status, p.details);
      assert.ok(p.contactEmail !== null || p.contactPhone !== null);
      if (p.status === "refused") assert.ok(p.decisionReason);
      if (p.status === "accepted") assert.ok(p.permanenceId);
      assert.ok(p.createdAt.getTime() <= inputs.now.getTime());
    }
  });

  test("the plan is the same every time", () => {
    assert.deepEqual(planDemoRequests(inputs), planDemoRequests(inputs));
  });

  test("without commune agents nor communes, the plan shrinks instead of failing", () => {
    assert.deepEqual(planDemoRequests({ ...inputs, agentCommunes: [], servedCommunes: [], unservedCommunes: [] }), []);
  });

  describe("in the loaded demo", () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await openTestDatabase("demo");
    });
    after(() => handle.close());

    test("Nérac and Duras have requests in their agents' names; every status is there; the last status event matches", async () => {
      const rows = await handle.db
        .selectFrom("commune_requests as r")
        .innerJoin("communes as c", "c.code", "r.commune_code")
        .select(["r.id", "r.status", "c.name", "r.is_demo", "r.permanence_id"])
        .execute();
      assert.equal(rows.length, 8);
      assert.deepEqual([...new Set(rows.map((r) => r.status))].sort(), [...REQUEST_STATUS_CODES].sort());
      assert.ok(rows.some((r) => r.name === "Nérac") && rows.some((r) => r.name === "Duras"));
      assert.ok(rows.every((r) => r.is_demo));
      for (const r of rows) {
        const events = await handle.db.selectFrom("commune_request_events").select(["kind", "to_status", "body"]).where("request_id", "=", r.id).orderBy("seq").execute();
        const lastStatus = events.filter((e) => e.kind === "status").at(-1)?.to_status ?? "new";
        assert.equal(lastStatus, r.status, r.name);
      }
      const accepted = rows.find((r) => r.status === "accepted")!;
      assert.ok(accepted.permanence_id);
      const acceptance = await handle.db.selectFrom("commune_request_events").select("body").where("request_id", "=", accepted.id).where("to_status", "=", "accepted").executeTakeFirstOrThrow();
      assert.match(acceptance.body ?? "", /^Permanence à « .+ » \(.+\) avec /);
    });
  });
});
