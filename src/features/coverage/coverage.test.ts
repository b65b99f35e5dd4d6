import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { haversineKm, type Point } from "../territory/territory.ts";
import { grid, randomPlaces } from "./coverage.test-support.ts";
import { type CoverageCommune, type CoveragePlace, computeCoverage, UNITS_PER_HOUR } from "./coverage.ts";
import { whatIf } from "./what-if.ts";

function bruteNearest(from: Point, places: CoveragePlace[]): number | null {
  let best: number | null = null;
  for (const p of places) {
    const d = haversineKm(from, p.location);
    if (best === null || d < best) best = d;
  }
  return best;
}

function bruteHours(from: Point, places: CoveragePlace[], radiusKm: number): number {
  return places.filter((p) => haversineKm(from, p.location) <= radiusKm).reduce((s, p) => s + p.weeklyUnits, 0) / UNITS_PER_HOUR;
}

describe("coverage of a synthetic grid", () => {
  const communes = grid(12);
  const places = randomPlaces(25, "coverage:grid");
  const coverage = computeCoverage(communes, places);

  test("each distance to the nearest place equals brute-force haversine", () => {
    for (const c of coverage.communes) {
      const expected = bruteNearest(c.centre as Point, places) as number;
      assert.ok(Math.abs((c.nearest?.distanceKm as number) - expected) < 1e-9, c.code);
      const place = places.find((p) => p.id === c.nearest?.id) as CoveragePlace;
      assert.ok(Math.abs(haversineKm(c.centre as Point, place.location) - expected) < 1e-9, "names the nearest place");
    }
  });

  test("the nearest drop-in place is searched among drop-in places only", () => {
    const dropIn = places.filter((p) => p.dropIn);
    for (const c of coverage.communes) {
      assert.ok(Math.abs((c.nearestDropInKm as number) - (bruteNearest(c.centre as Point, dropIn) as number)) < 1e-9);
      assert.ok((c.nearestDropInKm as number) >= (c.nearest?.distanceKm as number));
    }
  });

  test("hours within 10 and 20 km sum the weekly hours of every place in the radius", () => {
    for (const c of coverage.communes) {
      assert.equal(c.hoursWithin10Km, bruteHours(c.centre as Point, places, 10), c.code);
      assert.equal(c.hoursWithin20Km, bruteHours(c.centre as Point, places, 20), c.code);
    }
  });

  test("the shares within 10, 15 and 20 km count the population of communes whose centre is that close", () => {
    const total = communes.reduce((s, c) => s + c.population, 0);
    assert.equal(coverage.summary.totalPopulation, total);
    for (const w of coverage.summary.within) {
      const population = communes.filter((c) => (bruteNearest(c.centre as Point, places) as number) <= w.radiusKm).reduce((s, c) => s + c.population, 0);
      assert.equal(w.population, population);
      assert.equal(w.share, population / total);
    }
    const [w10, w15, w20] = coverage.summary.within;
    assert.ok(w10!.share <= w15!.share && w15!.share <= w20!.share);
  });

  test("a place exactly at a centre is at 0 km, and its hours count in both radii", () => {
    const c = communes[5] as CoverageCommune;
    const own: CoveragePlace = { id: "here", name: "Ici", location: c.centre as Point, weeklyUnits: 6 * UNITS_PER_HOUR, dropIn: false };
    const row = computeCoverage([c], [own]).communes[0];
    assert.equal(row?.nearest?.distanceKm, 0);
    assert.equal(row?.nearestDropInKm, null);
    assert.equal(row?.hoursWithin10Km, 6);
    assert.equal(row?.hoursWithin20Km, 6);
  });
});

describe("nearest place far away or across France", () => {
  test("a lone place 600 km away is still the nearest, at the haversine distance", () => {
    const far: CoveragePlace = { id: "lille", name: "Lille", location: { latitude: 50.63, longitude: 3.06 }, weeklyUnits: 2 * UNITS_PER_HOUR, dropIn: true };
    const coverage = computeCoverage(grid(3), [far]);
    for (const c of coverage.communes) {
      assert.equal(c.nearest?.id, "lille");
      assert.ok(Math.abs((c.nearest?.distanceKm as number) - haversineKm(c.centre as Point, far.location)) < 1e-9);
      assert.ok((c.nearest?.distanceKm as number) > 500);
      assert.equal(c.hoursWithin20Km, 0);
    }
  });

  test("random communes and sparse places over metropolitan France match brute force", () => {
    const france = { lat: [42.3, 51], lon: [-4.8, 8.2] };
    const places = randomPlaces(40, "coverage:france", france);
    const communes = randomPlaces(400, "coverage:france-communes", france).map((p, i): CoverageCommune => ({
      code: `F${i}`,
      name: p.name,
      population: 100 + i,
      centre: p.location,
    }));
    for (const c of computeCoverage(communes, places).communes) {
      assert.ok(Math.abs((c.nearest?.distanceKm as number) - (bruteNearest(c.centre as Point, places) as number)) < 1e-9, c.code);
      assert.equal(c.hoursWithin20Km, bruteHours(c.centre as Point, places, 20));
    }
  });
});

describe("coverage without data", () => {
  test("no place: no distance, no hours, nobody within reach", () => {
    const coverage = computeCoverage(grid(3), []);
    assert.ok(coverage.communes.every((c) => c.nearest === null && c.hoursWithin20Km === 0));
    assert.ok(coverage.summary.within.every((w) => w.population === 0 && w.share === 0));
  });

  test("a commune without a centre has no distance but still counts in the population", () => {
    const communes: CoverageCommune[] = [...grid(2), { code: "X", name: "Sans centre", population: 1000, centre: null }];
    const coverage = computeCoverage(communes, randomPlaces(3, "x"));
    const x = coverage.communes.find((c) => c.code === "X");
    assert.equal(x?.nearest, null);
    assert.equal(coverage.summary.communesWithoutCentre, 1);
    assert.equal(coverage.summary.totalPopulation, 1000 + grid(2).reduce((s, c) => s + c.population, 0));
  });
});

describe("« Et si… »", () => {
  const communes = grid(10);
  const places = randomPlaces(6, "coverage:what-if");
  const coverage = computeCoverage(communes, places);

  for (const [label, site] of [
    ["at a commune centre", (communes[77] as CoverageCommune).centre as Point],
    ["at a place off the grid", { latitude: 44.1, longitude: 0.25 }],
  ] as const) {
    test(`adding a permanence ${label} gives the same shares as recomputing with it`, () => {
      const extra: CoveragePlace = { id: "new", name: "Nouveau", location: site, weeklyUnits: 3 * UNITS_PER_HOUR, dropIn: true };
      const recomputed = computeCoverage(communes, [...places, extra]);
      for (const radiusKm of [10, 15, 20]) {
        const result = whatIf(coverage.communes, site, radiusKm);
        const before = coverage.summary.within.find((w) => w.radiusKm === radiusKm)!.population;
        const after = recomputed.summary.within.find((w) => w.radiusKm === radiusKm)!.population;
        assert.equal(result.populationNewlyWithin, after - before, `gain within ${radiusKm} km`);
        assert.deepEqual(
          result.after.map((w) => w.population),
          recomputed.summary.within.map((w) => w.population),
        );
      }
      const result = whatIf(coverage.communes, site, 10);
      const dropped = recomputed.communes.filter((c, i) => (c.nearest?.distanceKm as number) < (coverage.communes[i]?.nearest?.distanceKm as number));
      assert.deepEqual(result.improved.map((c) => c.code).sort(), dropped.map((c) => c.code).sort());
      for (const c of result.improved) {
        assert.ok(Math.abs(c.afterKm - (recomputed.communes.find((r) => r.code === c.code)?.nearest?.distanceKm as number)) < 1e-9);
      }
    });
  }

  test("a permanence where help already is changes nothing", () => {
    const result = whatIf(coverage.communes, (places[0] as CoveragePlace).location, 10);
    assert.equal(result.populationNewlyWithin, 0);
    assert.deepEqual(result.improved, []);
  });
});
