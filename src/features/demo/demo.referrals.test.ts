import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { ADVISOR_STATUSES, type DemoReferralInputs, PARTNER_STATUSES, planDemoReferrals } from "./demo.referrals.ts";

const NOW = new Date("2026-11-02T09:00:00Z");
const DAY = 86_400_000;
const person = { firstName: "Odette", lastName: "Lamarque", phone: "+33611223344", email: null };

function appointment(id: string, status: "planned" | "attended" | "no_show", days: number, hasReport = false) {
  const start = new Date(NOW.getTime() + days * DAY);
  return { id, status, hasReport, start, bookedAt: new Date(start.getTime() - 5 * DAY), placeId: "p1", structureId: "s1", advisorUserId: "u-adv", person, themes: ["e-mail"] };
}

const inputs: DemoReferralInputs = {
  now: NOW,
  partners: [
    { key: "caf", structureId: "caf", agentUserId: "u-caf" },
    { key: "france-travail", structureId: "ft", agentUserId: "u-ft" },
    { key: "ccas", structureId: "ccas", agentUserId: "u-ccas" },
  ],
  appointments: [
    ...[1, 2, 3].map((i) => appointment(`future${i}`, "planned", i)),
    ...[1, 2, 3].map((i) => appointment(`seen${i}`, "attended", -i)),
    ...[1, 2, 3].map((i) => appointment(`reported${i}`, "attended", -i - 3, true)),
    ...[1, 2, 3].map((i) => appointment(`missed${i}`, "no_show", -i - 6)),
  ],
  places: [
    { id: "p1", structureId: "s1", receiverUserId: "u-adv" },
    { id: "p2", structureId: "s2", receiverUserId: "u-adv2" },
  ],
  reports: Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, structureId: "s1", advisorUserId: "u-adv", at: new Date(NOW.getTime() - (2 + i * 4) * DAY), themes: ["aide-demarches"], person: null, communeCode: null })),
};

describe("the demo's referrals", () => {
  test("each partner refers in every status, and advisors refer to each partner in every status a partner can reach", () => {
    const plans = planDemoReferrals(inputs);
    for (const partner of ["caf", "ft", "ccas"]) {
      const sent = plans.filter((p) => p.source === "partner" && p.fromStructureId === partner).map((p) => p.status);
      assert.deepEqual([...sent].sort(), [...PARTNER_STATUSES].sort(), partner);
      const received = plans.filter((p) => p.source === "advisor" && p.targetStructureId === partner).map((p) => p.status);
      assert.deepEqual([...received].sort(), [...ADVISOR_STATUSES].sort(), partner);
    }
    for (const p of plans) {
      assert.equal(p.events.at(-1)?.to, p.status);
      const times = p.events.map((e) => e.at.getTime());
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
      assert.ok(p.createdAt.getTime() <= NOW.getTime());
      if (p.status === "declined" || p.status === "redirected") assert.ok(p.events.at(-1)?.reason);
      if (p.status === "done" && p.source === "partner") assert.ok(p.appointmentId?.startsWith("reported"));
      if (p.status === "expired") assert.ok(NOW.getTime() - p.createdAt.getTime() > 30 * DAY);
      if (p.status === "received") assert.ok(NOW.getTime() - p.createdAt.getTime() < 30 * DAY);
    }
    assert.equal(new Set(plans.flatMap((p) => (p.activityReportId ? [p.activityReportId] : []))).size, plans.filter((p) => p.source === "advisor").length, "one referral per report");
  });

  test("the plan is the same every time", () => {
    assert.deepEqual(planDemoReferrals(inputs), planDemoReferrals(inputs));
  });

  describe("in the loaded demo", () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await openTestDatabase("demo");
    });
    after(() => handle.close());

    test("CAF, France Travail and a CCAS, each with an agent, send and receive referrals in every status", async () => {
      const rows = await handle.db
        .selectFrom("referrals as r")
        .innerJoin("structures as f", "f.id", "r.from_structure_id")
        .innerJoin("structures as t", "t.id", "r.target_structure_id")
        .select(["r.id", "r.source", "r.status", "r.is_demo", "r.appointment_id", "r.activity_report_id", "r.decision_reason", "r.created_at", "f.name as from_name", "t.name as target_name"])
        .execute();
      assert.ok(rows.every((r) => r.is_demo));
      for (const name of ["CAF de Lot-et-Garonne", "France Travail Lot-et-Garonne", "CCAS d'Agen"]) {
        const sent = new Set(rows.filter((r) => r.source === "partner" && r.from_name === name).map((r) => r.status));
        assert.deepEqual([...sent].sort(), [...PARTNER_STATUSES].sort(), `${name} sends in every status`);
        const received = new Set(rows.filter((r) => r.source === "advisor" && r.target_name === name).map((r) => r.status));
        assert.deepEqual([...received].sort(), [...ADVISOR_STATUSES].sort(), `${name} receives in every status`);
      }
      const agents = await handle.db.selectFrom("users").innerJoin("role_assignments", "role_assignments.user_id", "users.id").select("users.email").where("role_assignments.role", "=", "partner_agent").execute();
      assert.ok(agents.some((a) => a.email === "ccas@declic47.example"));
      const done = rows.filter((r) => r.source === "partner" && r.status === "done");
      const reported = await handle.db.selectFrom("activity_reports").select("appointment_id").where("appointment_id", "in", done.map((r) => r.appointment_id as string)).execute();
      assert.equal(reported.length, done.length, "each « accompagnement réalisé » has the report of its appointment");
      assert.ok(rows.filter((r) => r.status === "declined" || r.status === "redirected").every((r) => r.decision_reason));
      const months = new Set(rows.map((r) => r.created_at.toISOString().slice(0, 7)));
      assert.ok(months.size >= 4, `spread over months: ${[...months].join(", ")}`);
      const events = await handle.db.selectFrom("referral_events").select(["referral_id", "to_status"]).orderBy("seq").execute();
      for (const r of rows) assert.equal(events.filter((e) => e.referral_id === r.id).at(-1)?.to_status, r.status);
    });
  });
});
