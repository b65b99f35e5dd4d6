import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Role } from "../organisation/organisation.ts";
import { type StatsActor, scopeStatsFilters, statsScopeLabel } from "./statistics.policy.ts";
import { EMPTY_FILTERS } from "./stats-query.ts";

const S1 = "11111111-1111-4111-8111-111111111111";
const S2 = "22222222-2222-4222-8222-222222222222";
const A1 = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const A2 = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const filters = { from: "2026-01-01", to: "2026-12-31", ...EMPTY_FILTERS };
const actor = (roles: [Role, string | null][], advisors: { id: string; structureId: string }[] = []): StatsActor => ({
  roles: roles.map(([role, structureId]) => ({ role, structureId })),
  advisors,
});

describe("who sees which statistics", () => {
  test("the département's readers see everything, with any filter", () => {
    for (const role of ["admin", "coordinator", "state_reader"] as const) {
      assert.deepEqual(scopeStatsFilters(actor([[role, null]]), { ...filters, advisorId: A2 }), { ok: true, filters: { ...filters, advisorId: A2 } });
    }
  });

  test("an advisor sees their own activity only", () => {
    const advisor = actor([["advisor", S1]], [{ id: A1, structureId: S1 }]);
    assert.deepEqual(scopeStatsFilters(advisor, filters), { ok: true, filters: { ...filters, advisorId: A1 } });
    assert.deepEqual(scopeStatsFilters(advisor, { ...filters, advisorId: A2 }), { ok: false, reason: "forbidden" });
  });

  test("a structure manager sees their structure; with several, they choose one of theirs", () => {
    const one = actor([["structure_manager", S1]]);
    assert.deepEqual(scopeStatsFilters(one, filters), { ok: true, filters: { ...filters, structureId: S1 } });
    assert.deepEqual(scopeStatsFilters(one, { ...filters, structureId: S2 }), { ok: false, reason: "forbidden" });
    const two = actor([
      ["structure_manager", S1],
      ["structure_manager", S2],
    ]);
    assert.deepEqual(scopeStatsFilters(two, filters), { ok: false, reason: "choose-structure" });
    assert.equal(scopeStatsFilters(two, { ...filters, structureId: S2 }).ok, true);
  });

  test("other roles and advisor roles without an advisor record see nothing", () => {
    for (const role of ["commune_agent", "partner_agent", "advisor"] as const) {
      assert.deepEqual(scopeStatsFilters(actor([[role, S1]]), filters), { ok: false, reason: "forbidden" });
    }
  });

  test("the scope in words", () => {
    assert.equal(statsScopeLabel(filters), "Tout le département");
    assert.equal(statsScopeLabel({ ...filters, structureId: S1 }, { structure: "Agen Numérique" }), "Structure : Agen Numérique");
  });
});
