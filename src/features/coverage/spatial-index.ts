// A static index of points on the sphere, fast enough for every commune of France against every place.
// kdbush finds the candidates in a latitude/longitude box; the exact test then compares chords between
// unit vectors (only multiplications): the chord grows with the great-circle distance, so « within r km »
// and « nearest » are the same as with haversine, without a sine per pair. Distances reported are
// recomputed with the territory's haversine, so every figure uses one formula.
import KDBush from "kdbush";
import { haversineKm, type Point } from "../territory/territory.ts";

const EARTH_RADIUS_KM = 6371.0088;
/** Kilometres per degree of latitude on the mean Earth. */
const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
const RAD = Math.PI / 180;
/** Half the circumference: a box this wide holds the whole Earth. */
const FARTHEST_KM = Math.PI * EARTH_RADIUS_KM;

export interface Neighbour {
  /** Position in the array the index was built from. */
  index: number;
  distanceKm: number;
}

/** Squared chord between two points of the unit sphere at this great-circle distance. */
export function chord2(distanceKm: number): number {
  const half = Math.sin(Math.min(distanceKm, FARTHEST_KM) / (2 * EARTH_RADIUS_KM));
  return 4 * half * half;
}

export class SpatialIndex {
  private readonly tree: KDBush | null;
  private readonly xyz: Float64Array;

  constructor(private readonly points: readonly Point[]) {
    this.xyz = new Float64Array(points.length * 3);
    for (const [i, p] of points.entries()) this.xyz.set(unitVector(p), i * 3);
    if (points.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new KDBush(points.length);
    for (const p of points) tree.add(p.longitude, p.latitude);
    this.tree = tree.finish();
  }

  get size(): number {
    return this.points.length;
  }

  private distance2(index: number, v: readonly [number, number, number]): number {
    const dx = (this.xyz[index * 3] as number) - v[0];
    const dy = (this.xyz[index * 3 + 1] as number) - v[1];
    const dz = (this.xyz[index * 3 + 2] as number) - v[2];
    return dx * dx + dy * dy + dz * dz;
  }

  /** The nearest point: boxes that double in size until the best point found is inside the searched circle. */
  nearest(from: Point): Neighbour | null {
    if (this.tree === null) return null;
    const v = unitVector(from);
    for (let radiusKm = 8; ; radiusKm *= 2) {
      const box = boxAround(from, radiusKm);
      let best = -1;
      let bestChord = Number.POSITIVE_INFINITY;
      for (const index of this.tree.range(box.minLon, box.minLat, box.maxLon, box.maxLat)) {
        const d = this.distance2(index, v);
        if (d < bestChord || (d === bestChord && index < best)) {
          best = index;
          bestChord = d;
        }
      }
      if (best >= 0 && (bestChord <= chord2(radiusKm) || radiusKm >= FARTHEST_KM)) {
        return { index: best, distanceKm: haversineKm(from, this.points[best] as Point) };
      }
      if (radiusKm >= FARTHEST_KM) return null;
    }
  }

  /** Calls back with each point at most radiusKm away and its squared chord (compare with chord2(km)). */
  forEachWithin(from: Point, radiusKm: number, callback: (index: number, chord2: number) => void): void {
    if (this.tree === null) return;
    const v = unitVector(from);
    const limit = chord2(radiusKm);
    const box = boxAround(from, radiusKm);
    for (const index of this.tree.range(box.minLon, box.minLat, box.maxLon, box.maxLat)) {
      const d = this.distance2(index, v);
      if (d <= limit) callback(index, d);
    }
  }
}

function unitVector(p: Point): [number, number, number] {
  const lat = p.latitude * RAD;
  const lon = p.longitude * RAD;
  const c = Math.cos(lat);
  return [c * Math.cos(lon), c * Math.sin(lon), Math.sin(lat)];
}

/** A box that holds every point within radiusKm (a little wider, never narrower). */
export function boxAround(from: Point, radiusKm: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (radiusKm / KM_PER_DEGREE) * 1.001 + 1e-9;
  const widestLat = Math.min(89.9, Math.abs(from.latitude) + dLat);
  const dLon = widestLat >= 89.9 ? 360 : Math.min(360, dLat / Math.cos(widestLat * RAD));
  return { minLat: from.latitude - dLat, maxLat: from.latitude + dLat, minLon: from.longitude - dLon, maxLon: from.longitude + dLon };
}
