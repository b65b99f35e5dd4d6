// The coverage after some places changed, from the coverage before (PlacesIndex.withChanges, coverageOf): only
// the communes a changed place can reach are computed again, so every figure is what a full computation gives.
import type { Point } from "../territory/territory.ts";
import { type CommuneCoverage, type Coverage, type CoverageCommune, type CoveragePlace, computeCoverage, type PlacesIndex, summaryOf } from "./coverage.ts";

/** A coverage, the communes it was computed for and, once an update needed them, their centres' unit vectors. */
export interface Computed {
  communes: readonly CoverageCommune[];
  coverage: Coverage;
  vectors: Float64Array | null;
}

/** Three numbers per commune (zeros without a centre), as the spatial index computes them. */
export function unitVectors(communes: readonly CoverageCommune[]): Float64Array {
  const out = new Float64Array(3 * communes.length);
  communes.forEach((commune, i) => {
    const centre = commune.centre;
    if (centre === null) return;
    const c = Math.cos(centre.latitude * RAD);
    out[3 * i] = c * Math.cos(centre.longitude * RAD);
    out[3 * i + 1] = c * Math.sin(centre.longitude * RAD);
    out[3 * i + 2] = Math.sin(centre.latitude * RAD);
  });
  return out;
}

/** Squared chord between two points of the unit sphere at this great-circle distance, as the spatial index computes it. */
function chord2(distanceKm: number): number {
  const half = Math.sin(distanceKm / (2 * EARTH_RADIUS_KM));
  return 4 * half * half;
}

export function samePlace(a: CoveragePlace, b: CoveragePlace): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.weeklyUnits === b.weeklyUnits &&
    a.dropIn === b.dropIn &&
    a.location.latitude === b.location.latitude &&
    a.location.longitude === b.location.longitude
  );
}

export function byId(a: CoveragePlace, b: CoveragePlace): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Past this many changed positions, computing everything again is cheaper than finding what they reach. */
const MOST_MOVED = 256;
/** Added to each commune's reach: far more than the rounding of the chords (nanometres), far less than a commune. */
const REACH_SLACK_KM = 1e-3;
const RAD = Math.PI / 180;
const EARTH_RADIUS_KM = 6371.0088;

/**
 * The coverage after some places changed, from the coverage before: a commune's figures can change only if a
 * changed place, where it was or where it is, lies within 20 km of its centre (the hours), or no farther than
 * its nearest place or nearest drop-in place (which it may replace, or have been). Those communes are computed
 * again by computeCoverage(), the others keep their rows; so every figure is what a full computation gives.
 */
export function updateCoverage(
  communes: readonly CoverageCommune[],
  before: Coverage,
  prepared: PlacesIndex,
  moved: readonly Point[],
  vectors: Float64Array,
): Coverage {
  if (moved.length > MOST_MOVED) return computeCoverage(communes, prepared);
  const m3 = unitVectors(moved.map((location) => ({ code: "", name: "", population: 0, centre: location })));
  const hoursLimit = chord2(20 + REACH_SLACK_KM);
  const rows = before.communes.slice();
  const again: number[] = [];
  for (let i = 0; i < communes.length; i++) {
    if ((communes[i] as CoverageCommune).centre === null) continue;
    const row = rows[i] as CommuneCoverage;
    const reachKm = Math.max(row.nearest?.distanceKm ?? Number.POSITIVE_INFINITY, row.nearestDropInKm ?? Number.POSITIVE_INFINITY) + REACH_SLACK_KM;
    if (reachKm >= Math.PI * EARTH_RADIUS_KM) {
      again.push(i);
      continue;
    }
    const limit = reachKm <= 20 + REACH_SLACK_KM ? hoursLimit : chord2(reachKm);
    const vx = vectors[3 * i] as number;
    const vy = vectors[3 * i + 1] as number;
    const vz = vectors[3 * i + 2] as number;
    for (let m = 0; m < moved.length; m++) {
      const dx = (m3[3 * m] as number) - vx;
      const dy = (m3[3 * m + 1] as number) - vy;
      const dz = (m3[3 * m + 2] as number) - vz;
      if (dx * dx + dy * dy + dz * dz <= limit) {
        again.push(i);
        break;
      }
    }
  }
  const recomputed = computeCoverage(
    again.map((i) => communes[i] as CoverageCommune),
    prepared,
  ).communes;
  again.forEach((i, j) => {
    rows[i] = recomputed[j] as CommuneCoverage;
  });
  return { communes: rows, summary: summaryOf(rows, prepared) };
}
