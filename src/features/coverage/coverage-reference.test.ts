// The fast coverage computation (spatial index, chords, communes surveyed by groups of neighbours, searches
// widened only when needed) against the straightforward one: every commune against every place by haversine.
// On a seeded national-like region and on random small worlds, every figure must be exactly the same, not
// merely close.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hashString, mulberry32 } from "../demo/demo.data.ts";
import { haversineKm, type Point } from "../territory/territory.ts";
import { nationalLike } from "./coverage.test-support.ts";
import {
  type CommuneCoverage,
  type Coverage,
  type CoverageCommune,
  type CoveragePlace,
  computeCoverage,
  PlacesIndex,
  RHYTHM_UNITS,
  sharesWithin,
  UNITS_PER_HOUR,
} from "./coverage.ts";

/** The definition, written plainly: one haversine per commune and place, ties to the first place. */
function straightforwardCoverage(communes: readonly CoverageCommune[], places: readonly CoveragePlace[]): Coverage {
  const rows = communes.map((c): CommuneCoverage => {
    if (c.centre === null) return { ...c, nearest: null, nearestDropInKm: null, hoursWithin10Km: 0, hoursWithin20Km: 0 };
    let nearest: CoveragePlace | null = null;
    let nearestKm = Number.POSITIVE_INFINITY;
    let nearestDropInKm: number | null = null;
    let units10 = 0;
    let units20 = 0;
    for (const place of places) {
      const km = haversineKm(c.centre, place.location);
      if (km < nearestKm) {
        nearest = place;
        nearestKm = km;
      }
      if (place.dropIn && (nearestDropInKm === null || km < nearestDropInKm)) nearestDropInKm = km;
      if (km <= 10) units10 += place.weeklyUnits;
      if (km <= 20) units20 += place.weeklyUnits;
    }
    return {
      ...c,
      nearest: nearest ? { id: nearest.id, name: nearest.name, distanceKm: nearestKm } : null,
      nearestDropInKm,
      hoursWithin10Km: units10 / UNITS_PER_HOUR,
      hoursWithin20Km: units20 / UNITS_PER_HOUR,
    };
  });
  return {
    communes: rows,
    summary: {
      totalPopulation: communes.reduce((s, c) => s + c.population, 0),
      communeCount: communes.length,
      communesWithoutCentre: communes.filter((c) => c.centre === null).length,
      placeCount: places.length,
      dropInPlaceCount: places.filter((p) => p.dropIn).length,
      weeklyHours: places.reduce((s, p) => s + p.weeklyUnits, 0) / UNITS_PER_HOUR,
      within: sharesWithin(rows, (c) => c.nearest?.distanceKm ?? null),
    },
  };
}

describe("the fast coverage computation equals the straightforward one", () => {
  for (const seed of ["coverage:national-1", "coverage:national-2"]) {
    test(`on a national-like region (${seed}): every commune's figures and the shares, exactly`, () => {
      const { communes, places } = nationalLike(seed);
      const expected = straightforwardCoverage(communes, places);
      assert.deepEqual(computeCoverage(communes, places), expected);

      // The region reaches every path of the fast computation, or the equality would prove little.
      const rows = expected.communes;
      const located = (c: CommuneCoverage) => c.centre !== null;
      assert.ok(rows.filter((c) => located(c) && (c.nearest?.distanceKm as number) > 20).length >= 5, "nearest place beyond 20 km");
      assert.ok(rows.some((c) => located(c) && (c.nearest?.distanceKm as number) <= 20 && (c.nearestDropInKm as number) > 20), "drop-in beyond 20 km only");
      assert.ok(rows.some((c) => c.nearest?.distanceKm === 0), "a place at a commune's centre");
      assert.ok(rows.some((c) => c.hoursWithin20Km > 100 && !Number.isInteger(c.hoursWithin20Km * 4)), "many places with uneven hours");
      const positions = new Set(places.map((p) => `${p.location.latitude},${p.location.longitude}`));
      assert.ok(positions.size < places.length - 50, "places sharing a position (ties go to the first)");
      assert.ok(rows.some((c) => c.centre === null), "communes without a centre");
    });
  }
});

/** The point at this distance and bearing from `from` on the sphere of the haversine (Earth radius 6371.0088 km). */
function destination(from: Point, km: number, bearing: number): Point {
  const rad = Math.PI / 180;
  const delta = km / 6371.0088;
  const lat1 = from.latitude * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(delta) + Math.cos(lat1) * Math.sin(delta) * Math.cos(bearing));
  const lon2 = from.longitude * rad + Math.atan2(Math.sin(bearing) * Math.sin(delta) * Math.cos(lat1), Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2));
  return { latitude: lat2 / rad, longitude: ((((lon2 / rad + 540) % 360) + 360) % 360) - 180 };
}

/**
 * A random small world: a region anywhere between 60° S and 60° N (the antimeridian included), communes packed
 * densely or sparsely (so groups of neighbours hold one to dozens), a few without a centre, and places placed
 * where the figures change: near 10 and 20 km from a commune's centre (just inside, just outside), at a centre,
 * sharing a position, or anywhere.
 */
function randomWorld(seed: string): { communes: CoverageCommune[]; places: CoveragePlace[] } {
  const rng = mulberry32(hashString(seed));
  const between = (low: number, high: number) => low + rng() * (high - low);
  const centre = { latitude: between(-60, 60), longitude: rng() < 0.15 ? between(179, 180) : between(-180, 180) };
  const span = between(0.05, 1.5);
  const communes: CoverageCommune[] = Array.from({ length: Math.floor(between(1, 300)) }, (_, i) => ({
    code: `R${i}`,
    name: `Commune ${i}`,
    population: Math.floor(between(0, 5000)),
    centre: rng() < 0.02 ? null : destination(centre, between(0, span * 111), between(0, 2 * Math.PI)),
  }));
  const located = communes.flatMap((c) => (c.centre ? [c.centre] : []));
  const places: CoveragePlace[] = [];
  for (let i = Math.floor(between(0, 150)); i > 0; i--) {
    const roll = rng();
    const near = located.length > 0 ? (located[Math.floor(rng() * located.length)] as Point) : centre;
    let location: Point;
    if (roll < 0.3) location = destination(near, [10, 20][Math.floor(rng() * 2)] as number + between(-0.02, 0.02), between(0, 2 * Math.PI));
    else if (roll < 0.4) location = near;
    else if (roll < 0.5 && places.length > 0) location = (places[Math.floor(rng() * places.length)] as CoveragePlace).location;
    else location = destination(centre, between(0, span * 150), between(0, 2 * Math.PI));
    const weeklyUnits = (Math.floor(between(1, 3)) * Math.floor(between(15, 300)) * RHYTHM_UNITS) / Math.floor(between(1, 9));
    places.push({ id: `P${places.length}`, name: `Lieu ${places.length}`, location, weeklyUnits, dropIn: rng() < 0.3 });
  }
  return { communes, places };
}

describe("the fast coverage computation equals the straightforward one on random small worlds", () => {
  test("200 seeded worlds: every commune's figures and the shares, exactly, with the places' index built once or reused", () => {
    let boundaryCases = 0;
    for (let n = 0; n < 200; n++) {
      const { communes, places } = randomWorld(`coverage:random-${n}`);
      const expected = straightforwardCoverage(communes, places);
      assert.deepEqual(computeCoverage(communes, places), expected, `world ${n}`);
      const index = new PlacesIndex(places);
      assert.deepEqual(computeCoverage(communes, index), expected, `world ${n}, index reused`);
      assert.deepEqual(computeCoverage(communes, index), expected, `world ${n}, index reused twice`);
      for (const c of expected.communes) {
        const km = c.nearest?.distanceKm;
        if (km !== undefined && (Math.abs(km - 10) < 0.02 || Math.abs(km - 20) < 0.02)) boundaryCases++;
      }
    }
    // The worlds do reach the edges of the radii, or the equality would prove little there.
    assert.ok(boundaryCases >= 20, `communes whose nearest place is within 20 m of 10 or 20 km: ${boundaryCases}`);
  });
});

describe("the coverage kept with the places' index", () => {
  test("reused while the communes are the same, computed again as soon as one differs", () => {
    const { communes, places } = nationalLike("coverage:kept");
    const index = new PlacesIndex(places);
    const first = index.coverageOf(communes);
    assert.deepEqual(first, straightforwardCoverage(communes, places));
    // Communes read again from the database: new objects, same values.
    const again = communes.map((c) => ({ ...c, centre: c.centre && { ...c.centre } }));
    assert.equal(index.coverageOf(again), first);

    const moved = again.map((c, i) => (i === 7 && c.centre ? { ...c, centre: { latitude: c.centre.latitude + 0.2, longitude: c.centre.longitude } } : c));
    const afterMove = index.coverageOf(moved);
    assert.notEqual(afterMove, first);
    assert.deepEqual(afterMove, straightforwardCoverage(moved, places));
    const grown = moved.map((c, i) => (i === 3 ? { ...c, population: c.population + 1 } : c));
    assert.equal(index.coverageOf(grown).summary.totalPopulation, first.summary.totalPopulation + 1);
    assert.deepEqual(index.coverageOf(moved.slice(1)), straightforwardCoverage(moved.slice(1), places), "a commune fewer");
  });
});
