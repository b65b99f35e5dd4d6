import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hashString, mulberry32 } from "../demo/demo.data.ts";
import { haversineKm, type Point } from "../territory/territory.ts";
import { grid, randomPlaces } from "./coverage.test-support.ts";
import { type CoverageCommune, type CoveragePlace, computeCoverage, UNITS_PER_HOUR } from "./coverage.ts";
import { greedyMaxCoverage, recommendSites } from "./recommend.ts";

/** The best total weight reachable with k sets, by trying every combination (small cases only). */
function bruteForceBest(sets: number[][], weights: number[], k: number): number {
  let best = 0;
  const choose = (start: number, left: number, covered: Set<number>) => {
    const value = [...covered].reduce((s, e) => s + (weights[e] as number), 0);
    if (value > best) best = value;
    if (left === 0) return;
    for (let s = start; s < sets.length; s++) choose(s + 1, left - 1, new Set([...covered, ...(sets[s] as number[])]));
  };
  choose(0, k, new Set());
  return best;
}

const total = (picks: { gain: number }[]) => picks.reduce((s, p) => s + p.gain, 0);

describe("greedy maximum coverage", () => {
  test("disjoint sets: greedy takes the heaviest and matches brute force", () => {
    const sets = [[0, 1], [2], [3, 4, 5], [6]];
    const weights = [5, 5, 40, 1, 1, 1, 30];
    for (const k of [1, 2, 3, 4]) assert.equal(total(greedyMaxCoverage(sets, weights, k)), bruteForceBest(sets, weights, k), `k = ${k}`);
    assert.deepEqual(
      greedyMaxCoverage(sets, weights, 2).map((p) => p.set),
      [1, 3],
    );
  });

  test("nested sets (a chain): greedy is optimal and never picks a set that adds nothing", () => {
    const sets = [[0], [0, 1], [0, 1, 2], [0, 1, 2, 3]];
    const weights = [4, 3, 2, 1];
    const picks = greedyMaxCoverage(sets, weights, 3);
    assert.deepEqual(
      picks.map((p) => p.set),
      [3],
    );
    assert.equal(total(picks), bruteForceBest(sets, weights, 3));
  });

  test("each pick reports the elements it newly covers, and gains never grow", () => {
    const picks = greedyMaxCoverage([[0, 1, 2], [2, 3], [3, 4]], [1, 1, 1, 1, 1], 3);
    assert.deepEqual(
      picks.map((p) => [p.set, p.covered]),
      [
        [0, [0, 1, 2]],
        [2, [3, 4]],
      ],
    );
  });

  test("on random small cases, greedy reaches at least (1 − 1/e) of the optimum", () => {
    const rng = mulberry32(hashString("coverage:greedy"));
    const bound = 1 - 1 / Math.E;
    let equal = 0;
    for (let round = 0; round < 300; round++) {
      const elements = 4 + Math.floor(rng() * 10);
      const weights = Array.from({ length: elements }, () => 1 + Math.floor(rng() * 1000));
      const sets = Array.from({ length: 3 + Math.floor(rng() * 7) }, () => weights.map((_, e) => e).filter(() => rng() < 0.3));
      const k = 1 + Math.floor(rng() * 3);
      const greedy = total(greedyMaxCoverage(sets, weights, k));
      const best = bruteForceBest(sets, weights, k);
      assert.ok(greedy <= best, `round ${round}: greedy cannot beat the optimum`);
      assert.ok(greedy >= bound * best - 1e-9, `round ${round}: greedy ${greedy} < (1 − 1/e) × ${best}`);
      if (greedy === best) equal++;
    }
    assert.ok(equal > 0);
  });
});

describe("recommended sites on a grid", () => {
  test("two far-apart uncovered clusters: K = 2 picks one site in each, the larger first, matching brute force", () => {
    // Two clusters of villages, 100 km apart, no help anywhere near.
    const cluster = (prefix: string, lat: number, lon: number, population: number): CoverageCommune[] =>
      [0, 1, 2].map((i) => ({ code: `${prefix}${i}`, name: `${prefix}${i}`, population, centre: { latitude: lat + i * 0.02, longitude: lon } }));
    const communes = [...cluster("A", 44, 0.3, 500), ...cluster("B", 45, 0.3, 800)];
    const coverage = computeCoverage(communes, []);
    const result = recommendSites(coverage.communes, 2, 10);
    assert.deepEqual(
      result.sites.map((s) => s.code[0]),
      ["B", "A"],
    );
    assert.equal(result.reachedPopulation, 3 * 500 + 3 * 800);
    const sets = coverage.communes.map((site) =>
      coverage.communes.flatMap((u, e) => (haversineKm(site.centre as Point, u.centre as Point) <= 10 ? [e] : [])),
    );
    for (const k of [1, 2]) {
      const best = bruteForceBest(
        sets,
        coverage.communes.map((c) => c.population),
        k,
      );
      assert.equal(recommendSites(coverage.communes, k, 10).reachedPopulation, best, `k = ${k}`);
    }
    assert.equal(result.uncoveredPopulation, 3 * 500 + 3 * 800);
  });

  test("on random grids, recommendations stay within (1 − 1/e) of brute force over candidate centres and never count people already within reach", () => {
    const rng = mulberry32(hashString("coverage:sites"));
    for (let round = 0; round < 20; round++) {
      const communes = grid(5, () => 50 + Math.floor(rng() * 2000));
      const places: CoveragePlace[] = randomPlaces(2, `sites:${round}`, { lat: [44, 44.2], lon: [0.3, 0.5] });
      const coverage = computeCoverage(communes, places);
      const radiusKm = 6;
      const uncovered = coverage.communes.filter((c) => (c.nearest?.distanceKm ?? Infinity) > radiusKm);
      const sets = coverage.communes.map((site) =>
        uncovered.flatMap((u, e) => (haversineKm(site.centre as Point, u.centre as Point) <= radiusKm ? [e] : [])),
      );
      const best = bruteForceBest(
        sets,
        uncovered.map((u) => u.population),
        2,
      );
      const result = recommendSites(coverage.communes, 2, radiusKm);
      assert.equal(
        result.uncoveredPopulation,
        uncovered.reduce((s, c) => s + c.population, 0),
      );
      assert.ok(result.reachedPopulation <= best && result.reachedPopulation >= (1 - 1 / Math.E) * best, `round ${round}`);
      const reached = result.sites.flatMap((s) => s.communes.map((c) => c.code));
      assert.equal(new Set(reached).size, reached.length, "no commune is reached twice");
      assert.ok(reached.every((code) => uncovered.some((u) => u.code === code)));
    }
  });

  test("when everyone is within reach, nothing is recommended", () => {
    const communes = grid(3);
    const places = communes.map((c, i): CoveragePlace => ({ id: `p${i}`, name: "x", location: c.centre as Point, weeklyUnits: UNITS_PER_HOUR, dropIn: true }));
    const result = recommendSites(computeCoverage(communes, places).communes, 5, 10);
    assert.deepEqual(result.sites, []);
    assert.equal(result.uncoveredPopulation, 0);
  });
});
