import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Role } from "../../organisation/organisation.ts";
import {
  canAddPermanence,
  canAssignAdvisor,
  canCreatePlace,
  canCreatePlaceFor,
  canEditPermanence,
  canEditPlace,
  canHidePlace,
  canSeeHistory,
  canSeePlace,
  canUsePlaceAdmin,
  type PlaceActor,
  seesAllPlaces,
} from "./place-admin.policy.ts";

const OWN = "structure-own";
const OTHER = "structure-other";

function actor(role: Role, advisorIds: string[] = []): PlaceActor {
  const scoped = !["admin", "coordinator", "state_reader"].includes(role);
  return { userId: "u", roles: [{ role, structureId: scoped ? OWN : null }], advisorIds };
}

const ownPlace = { structureId: OWN, permanenceAdvisorIds: ["adv-other"] };
const otherPlace = { structureId: OTHER, permanenceAdvisorIds: [] };
const placeWithMe = { structureId: OTHER, permanenceAdvisorIds: ["adv-me"] };

interface Row {
  role: Role;
  advisorIds?: string[];
  use: boolean;
  all: boolean;
  create: boolean;
  seeOwn: boolean;
  seeOther: boolean;
  seeWithMe: boolean;
  editOwn: boolean;
  editWithMe: boolean;
  myPermanence: boolean;
  othersPermanence: boolean;
  assignOwnStructure: boolean;
  assignOther: boolean;
}

const MATRIX: Row[] = [
  { role: "admin", use: true, all: true, create: true, seeOwn: true, seeOther: true, seeWithMe: true, editOwn: true, editWithMe: true, myPermanence: true, othersPermanence: true, assignOwnStructure: true, assignOther: true },
  { role: "coordinator", use: true, all: true, create: true, seeOwn: true, seeOther: true, seeWithMe: true, editOwn: true, editWithMe: true, myPermanence: true, othersPermanence: true, assignOwnStructure: true, assignOther: true },
  { role: "structure_manager", use: true, all: false, create: true, seeOwn: true, seeOther: false, seeWithMe: false, editOwn: true, editWithMe: false, myPermanence: false, othersPermanence: false, assignOwnStructure: true, assignOther: false },
  { role: "advisor", advisorIds: ["adv-me"], use: true, all: false, create: false, seeOwn: false, seeOther: false, seeWithMe: true, editOwn: false, editWithMe: false, myPermanence: true, othersPermanence: false, assignOwnStructure: false, assignOther: false },
  { role: "advisor", advisorIds: [], use: false, all: false, create: false, seeOwn: false, seeOther: false, seeWithMe: false, editOwn: false, editWithMe: false, myPermanence: false, othersPermanence: false, assignOwnStructure: false, assignOther: false },
  { role: "state_reader", use: false, all: false, create: false, seeOwn: false, seeOther: false, seeWithMe: false, editOwn: false, editWithMe: false, myPermanence: false, othersPermanence: false, assignOwnStructure: false, assignOther: false },
  { role: "commune_agent", use: false, all: false, create: false, seeOwn: false, seeOther: false, seeWithMe: false, editOwn: false, editWithMe: false, myPermanence: false, othersPermanence: false, assignOwnStructure: false, assignOther: false },
  { role: "partner_agent", use: false, all: false, create: false, seeOwn: false, seeOther: false, seeWithMe: false, editOwn: false, editWithMe: false, myPermanence: false, othersPermanence: false, assignOwnStructure: false, assignOther: false },
];

describe("who may manage places and permanences", () => {
  for (const row of MATRIX) {
    const label = `${row.role}${row.advisorIds ? ` (${row.advisorIds.length ? "with an advisor record" : "without an advisor record"})` : ""}`;
    test(`${label}: back office, places, permanences`, () => {
      const a = actor(row.role, row.advisorIds);
      assert.equal(canUsePlaceAdmin(a), row.use, "uses the back office");
      assert.equal(seesAllPlaces(a), row.all, "sees every place");
      assert.equal(canCreatePlace(a), row.create, "creates places");
      assert.equal(canCreatePlaceFor(a, OWN), row.create, "creates a place for its structure");
      assert.equal(canCreatePlaceFor(a, OTHER), row.all, "creates a place for another structure");
      assert.equal(canSeePlace(a, ownPlace), row.seeOwn, "sees its structure's place");
      assert.equal(canSeePlace(a, otherPlace), row.seeOther, "sees another structure's place");
      assert.equal(canSeePlace(a, placeWithMe), row.seeWithMe, "sees a place where it holds a permanence");
      assert.equal(canSeeHistory(a, placeWithMe), row.seeWithMe, "reads that place's history");
      assert.equal(canEditPlace(a, ownPlace), row.editOwn, "edits its structure's place");
      assert.equal(canHidePlace(a, ownPlace), row.editOwn, "hides its structure's place");
      assert.equal(canEditPlace(a, placeWithMe), row.editWithMe, "edits a place where it holds a permanence");
      assert.equal(canAddPermanence(a, placeWithMe), row.seeWithMe, "adds a permanence where it is present");
      assert.equal(canEditPermanence(a, placeWithMe, { advisorId: "adv-me" }), row.myPermanence, "edits its own permanence");
      assert.equal(canEditPermanence(a, placeWithMe, { advisorId: "adv-other" }), row.othersPermanence, "edits someone else's permanence");
      assert.equal(canAssignAdvisor(a, { id: "adv-x", structureId: OWN }), row.assignOwnStructure, "assigns its structure's advisor");
      assert.equal(canAssignAdvisor(a, { id: "adv-y", structureId: OTHER }), row.assignOther, "assigns another structure's advisor");
    });
  }

  test("an advisor assigns a permanence to themself only", () => {
    const a = actor("advisor", ["adv-me"]);
    assert.equal(canAssignAdvisor(a, { id: "adv-me", structureId: OWN }), true);
  });

  test("a manager of their own structure edits all permanences of its places, whoever holds them", () => {
    const a = actor("structure_manager");
    assert.equal(canEditPermanence(a, ownPlace, { advisorId: "adv-other" }), true);
  });
});
