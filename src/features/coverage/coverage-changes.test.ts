// After some places change, the coverage is computed again only for the communes they can reach
// (PlacesIndex.withChanges): on seeded sequences of changes, every figure must equal a full computation on the
// places as a full read would give them (same places, in id order), exactly.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hashString, mulberry32 } from "../demo/demo.data.ts";
import type { Point } from "../territory/territory.ts";
import { nationalLike } from "./coverage.test-support.ts";
import { type CoverageCommune, type CoveragePlace, computeCoverage, PlacesIndex, RHYTHM_UNITS } from "./coverage.ts";

const byId = (a: CoveragePlace, b: CoveragePlace) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** About this many km north of a point (1° of latitude ≈ 111.2 km). */
const north = (p: Point, km: number): Point => ({ latitude: p.latitude + km / 111.195, longitude: p.longitude });

/** One step: the places that may have changed and those of them active afterwards. */
function randomChange(rng: () => number, places: readonly CoveragePlace[], communes: readonly CoverageCommune[], step: number) {
  const pick = () => places[Math.floor(rng() * places.length)] as CoveragePlace;
  const located = communes.filter((c) => c.centre !== null);
  const centre = () => (located[Math.floor(rng() * located.length)] as CoverageCommune).centre as Point;
  const changed = new Set<string>();
  const fresh: CoveragePlace[] = [];
  for (let k = rng() < 0.8 ? 1 : 1 + Math.floor(rng() * 6); k > 0; k--) {
    const roll = rng();
    const place = pick();
    if (roll < 0.2) {
      changed.add(place.id); // removed, or no longer active
    } else if (roll < 0.45) {
      const id = `N${step}-${k}`;
      const where = rng() < 0.5 ? north(centre(), [0, 10, 20][Math.floor(rng() * 3)] as number) : pick().location;
      changed.add(id);
      fresh.push({ id, name: `Nouveau ${id}`, location: where, weeklyUnits: Math.floor(1 + rng() * 300) * RHYTHM_UNITS, dropIn: rng() < 0.5 });
    } else if (roll < 0.65) {
      changed.add(place.id);
      fresh.push({ ...place, location: rng() < 0.5 ? north(place.location, 30 * (rng() - 0.5)) : centre() });
    } else if (roll < 0.8) {
      changed.add(place.id);
      fresh.push({ ...place, dropIn: !place.dropIn, weeklyUnits: place.weeklyUnits + RHYTHM_UNITS });
    } else if (roll < 0.9) {
      changed.add(place.id);
      fresh.push({ ...place, name: `${place.name} (renommé)` });
    } else {
      changed.add(place.id); // marked, yet nothing the coverage reads changed
      fresh.push(place);
    }
  }
  const unique = new Map(fresh.map((p) => [p.id, p]));
  return { changed, fresh: [...unique.values()].filter((p) => changed.has(p.id)) };
}

describe("the coverage after some places changed", () => {
  for (const seed of ["coverage:changes-1", "coverage:changes-2"]) {
    test(`equals a full computation after each of 40 seeded changes (${seed})`, () => {
      const rng = mulberry32(hashString(seed));
      const world = nationalLike(seed);
      const communes = world.communes;
      let places = [...world.places].sort(byId);
      let index = new PlacesIndex(places);
      index.coverageOf(communes);
      let recomputedOnlySome = 0;
      for (let step = 0; step < 40; step++) {
        const { changed, fresh } = randomChange(rng, places, communes, step);
        places = [...places.filter((p) => !changed.has(p.id)), ...fresh].sort(byId);
        index = index.withChanges(changed, fresh);
        assert.deepEqual(index.places, places, `step ${step}: the places in id order`);
        // The communes as read again for the request: new objects, same values.
        const again = communes.map((c) => ({ ...c, centre: c.centre && { ...c.centre } }));
        const coverage = index.coverageOf(again);
        assert.deepEqual(coverage, computeCoverage(again, places), `step ${step}`);
        if (changed.size > 0) recomputedOnlySome++;
      }
      assert.ok(recomputedOnlySome >= 30);
    });
  }

  test("a place removed leaves communes farther than 20 km from help: their nearest is found again", () => {
    const { communes, places } = nationalLike("coverage:changes-far");
    const sorted = [...places].sort(byId);
    const first = new PlacesIndex(sorted);
    const before = first.coverageOf(communes);
    // The nearest place of an island 150 km offshore: removing it sends the island to another, farther one.
    const island = before.communes.find((c) => c.code === "I0");
    const nearestId = island?.nearest?.id as string;
    const next = first.withChanges(new Set([nearestId]), []);
    const after = next.coverageOf(communes);
    const rest = sorted.filter((p) => p.id !== nearestId);
    assert.deepEqual(after, computeCoverage(communes, rest));
    assert.notEqual(after.communes.find((c) => c.code === "I0")?.nearest?.id, nearestId);
  });

  test("many places changed at once: everything is computed again, with the same result", () => {
    const { communes, places } = nationalLike("coverage:changes-many");
    const sorted = [...places].sort(byId);
    const first = new PlacesIndex(sorted);
    first.coverageOf(communes);
    const moved = sorted.slice(0, 300).map((p) => ({ ...p, location: north(p.location, 5) }));
    const next = first.withChanges(new Set(moved.map((p) => p.id)), moved);
    assert.deepEqual(next.coverageOf(communes), computeCoverage(communes, [...moved, ...sorted.slice(300)].sort(byId)));
  });
});
