// The fast coverage computation (spatial index, chords, leaves read whole, searches widened only when
// needed) against the straightforward one: every commune against every place by haversine. On a seeded
// national-like region, every figure must be exactly the same, not merely close.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { haversineKm } from "../territory/territory.ts";
import { nationalLike } from "./coverage.test-support.ts";
import { type CommuneCoverage, type Coverage, type CoverageCommune, type CoveragePlace, computeCoverage, sharesWithin, UNITS_PER_HOUR } from "./coverage.ts";

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
