import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openTestDatabase } from "../../../test/support/db.ts";
import type { DatabaseHandle } from "../../db/database.ts";
import { computeStatistics } from "./statistics.repository.ts";
import { period } from "./statistics.test-support.ts";
import { DIMENSIONS, type Dimension, type StatsFilters, type StatsResult, type StatsTotals } from "./statistics.ts";
import { twelveMonthsEnding } from "./stats-query.ts";

// Invariants of the figures on the whole demo network (~29,000 reports over 12 months).
const { from, to } = twelveMonthsEnding("2026-11-02");
const METRICS = ["activities", "accompaniments", "minutes"] as const;
const SINGLE = (Object.keys(DIMENSIONS) as Dimension[]).filter((d) => !DIMENSIONS[d].multiValued);

function rowsOf(result: StatsResult, dimension: Dimension) {
  const breakdown = result.breakdowns.find((b) => b.dimension === dimension);
  assert.ok(breakdown, `breakdown ${dimension}`);
  return new Map(breakdown.rows.map((r) => [r.code, r]));
}

function sum(result: StatsResult, dimension: Dimension, metric: (typeof METRICS)[number]): number {
  return [...rowsOf(result, dimension).values()].reduce((s, r) => s + r[metric], 0);
}

describe("statistics on the demo network", () => {
  let handle: DatabaseHandle;
  let all: StatsResult;
  const compute = (more: Partial<StatsFilters> = {}) => computeStatistics(handle.db, period(from, to, more), "mois");
  before(async () => {
    handle = await openTestDatabase("demo");
    all = await compute();
  });
  after(() => handle.close());

  test("the demo has figures to check, and new + followed + anonymous people make all people", () => {
    const t = all.totals;
    assert.ok(t.activities > 20_000 && t.collectiveActivities > 0 && t.newPeople > 0);
    assert.equal(t.newPeople + t.followedPeople + t.anonymousPeople, t.people);
    assert.equal(t.individualActivities + t.collectiveActivities, t.activities);
    assert.equal(t.accompaniments, t.individualActivities + t.workshopParticipants);
  });

  test("every single-valued breakdown and the series add up to the totals", () => {
    const t = all.totals;
    for (const dimension of SINGLE) {
      const individualOnly = dimension === "autonomy" || dimension === "orientation";
      const perPerson = DIMENSIONS[dimension].unit === "accompaniment";
      if (individualOnly) assert.equal(sum(all, dimension, "activities"), t.individualActivities, dimension);
      else if (perPerson) assert.equal(sum(all, dimension, "accompaniments"), t.accompaniments, dimension);
      else for (const m of METRICS) assert.equal(sum(all, dimension, m), t[m], `${dimension} ${m}`);
    }
    for (const m of METRICS) assert.equal(all.series.reduce((s, p) => s + p[m], 0), t[m], `series ${m}`);
    assert.equal(all.series.length, 13, "a partial first month and 12 months");
  });

  test("the figures of each structure add up to the département's", async () => {
    const structures = await handle.db.selectFrom("activity_reports").select("structure_id").distinct().execute();
    assert.ok(structures.length > 3);
    const parts = await Promise.all(structures.map((s) => compute({ structureId: s.structure_id })));
    for (const key of Object.keys(all.totals) as (keyof StatsTotals)[]) {
      assert.equal(
        parts.reduce((s, p) => s + p.totals[key], 0),
        all.totals[key],
        key,
      );
    }
    for (const dimension of SINGLE) {
      for (const [code, row] of rowsOf(all, dimension)) {
        for (const m of METRICS) {
          const total = parts.reduce((s, p) => s + (rowsOf(p, dimension).get(code)?.[m] ?? 0), 0);
          assert.equal(total, row[m], `${dimension} ${code} ${m}`);
        }
      }
    }
  });

  test("each filter narrows every figure: no row grows, some shrink", async () => {
    const structure = await handle.db.selectFrom("activity_reports").select("structure_id").limit(1).executeTakeFirstOrThrow();
    const epci = await handle.db
      .selectFrom("activity_reports")
      .innerJoin("communes", "communes.code", "activity_reports.commune_code")
      .select("communes.epci_code")
      .where("communes.epci_code", "is not", null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const cases: [string, Partial<StatsFilters>][] = [
      ["thématique", { theme: "aide-demarches" }],
      ["type", { type: "collectif" }],
      ["genre", { gender: "feminin" }],
      ["type de lieu", { placeType: "domicile" }],
      ["structure", { structureId: structure.structure_id }],
      ["intercommunalité", { epciCode: epci.epci_code }],
    ];
    for (const [name, filter] of cases) {
      const narrowed = await compute(filter);
      for (const key of Object.keys(all.totals) as (keyof StatsTotals)[]) assert.ok(narrowed.totals[key] <= all.totals[key], `${name}: ${key}`);
      assert.ok(narrowed.totals.accompaniments < all.totals.accompaniments, `${name} shrinks`);
      for (const breakdown of narrowed.breakdowns) {
        const base = rowsOf(all, breakdown.dimension);
        let shrunk = false;
        const narrowedRows = new Map(breakdown.rows.map((r) => [r.code, r]));
        for (const code of base.keys()) if (!narrowedRows.has(code)) shrunk ||= (base.get(code)?.activities ?? 0) > 0;
        for (const row of breakdown.rows) {
          // Anonymous participants' counts are not crossed between profiles: under a gender filter, the
          // age of the matching anonymous women is unknown, so the « non communiqué » rows of the other
          // profile dimensions may hold more than before (documented in docs/statistics.md).
          const uncrossed = filter.gender !== undefined && DIMENSIONS[breakdown.dimension].unit === "accompaniment" && row.code === "non-communique";
          if (uncrossed && breakdown.dimension !== "gender") continue;
          for (const m of METRICS) {
            const before = base.get(row.code)?.[m] ?? 0;
            assert.ok(row[m] <= before, `${name}: ${breakdown.dimension} ${row.code} ${m} ${row[m]} > ${before}`);
            shrunk ||= row[m] < before;
          }
        }
        // Procedure areas only exist under the administrative-help theme: that filter keeps them all.
        const implied = filter.theme === "aide-demarches" && breakdown.dimension === "procedureArea";
        assert.ok(shrunk || implied, `${name}: ${breakdown.dimension} shrinks`);
      }
    }
  });

  test("a profile filter counts what the breakdown of that profile shows", async () => {
    const women = await compute({ gender: "feminin" });
    assert.equal(women.totals.accompaniments, rowsOf(all, "gender").get("feminin")?.accompaniments);
    const retired = await compute({ socialStatus: "retraite" });
    assert.equal(retired.totals.accompaniments, rowsOf(all, "socialStatus").get("retraite")?.accompaniments);
  });
});
