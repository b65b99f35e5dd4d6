import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RoleAssignment } from "../../organisation/organisation.ts";
import { canReadReports, canResolveReport, reportScope } from "./place-reports.policy.ts";

const OURS = "00000000-0000-4000-8000-000000000001";
const THEIRS = "00000000-0000-4000-8000-000000000002";
const as = (...roles: RoleAssignment[]) => ({ roles });

describe("who may read and handle reports about places", () => {
  test("an admin sees and handles every report", () => {
    const admin = as({ role: "admin", structureId: null });
    assert.deepEqual(reportScope(admin), { kind: "all" });
    assert.equal(canResolveReport(admin, { placeStructureId: THEIRS }), true);
  });

  test("a coordinator sees and handles every report", () => {
    const coordinator = as({ role: "coordinator", structureId: null });
    assert.deepEqual(reportScope(coordinator), { kind: "all" });
    assert.equal(canResolveReport(coordinator, { placeStructureId: OURS }), true);
  });

  test("a structure manager sees only the reports on their structure's places", () => {
    const manager = as({ role: "structure_manager", structureId: OURS });
    assert.deepEqual(reportScope(manager), { kind: "structures", structureIds: [OURS] });
    assert.equal(canResolveReport(manager, { placeStructureId: OURS }), true);
    assert.equal(canResolveReport(manager, { placeStructureId: THEIRS }), false);
  });

  test("a manager of two structures sees the places of both", () => {
    const manager = as({ role: "structure_manager", structureId: OURS }, { role: "structure_manager", structureId: THEIRS });
    assert.deepEqual(reportScope(manager), { kind: "structures", structureIds: [OURS, THEIRS] });
  });

  for (const role of ["advisor", "state_reader", "commune_agent", "partner_agent"] as const) {
    test(`a person whose only role is ${role} sees no report`, () => {
      const viewer = as({ role, structureId: role === "state_reader" ? null : OURS });
      assert.equal(reportScope(viewer), null);
      assert.equal(canReadReports(viewer), false);
      assert.equal(canResolveReport(viewer, { placeStructureId: OURS }), false);
    });
  }

  test("a person with no role sees no report", () => {
    assert.equal(canReadReports(as()), false);
  });
});
