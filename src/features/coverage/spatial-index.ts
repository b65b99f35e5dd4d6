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

export interface Survey {
  inner: number;
  outer: number;
  /** Index of the nearest point within the outer radius, or -1. */
  nearest: number;
  /** Index of the nearest flagged point within the outer radius, or -1. */
  nearestFlagged: number;
}

export class SpatialIndex {
  private readonly tree: KDBush | null;
  private readonly xyz: Float64Array;
  /** Reused by every query: candidates found in a box, and the traversal stack (no allocation per query);
   * so queries are not re-entrant: a forEachWithin callback must not query the same index. */
  private found: Int32Array = new Int32Array(0);
  private readonly stack: Int32Array = new Int32Array(3 * 128);

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

  /**
   * Fills `this.found` with the points in the box and returns how many: kdbush's own range search, over
   * its sorted arrays, without the two arrays it allocates per call (a third of the time went to GC).
   */
  private scan(box: { minLat: number; maxLat: number; minLon: number; maxLon: number }): number {
    const tree = this.tree;
    if (tree === null) return 0;
    const { ids, coords, nodeSize } = tree;
    const { minLon, minLat, maxLon, maxLat } = box;
    const stack = this.stack;
    let top = 0;
    let count = 0;
    // Room for every point of the index, once: a box can never hold more (a closure here cost 20 %).
    if (this.found.length < ids.length) this.found = new Int32Array(ids.length);
    const found = this.found;
    stack[top++] = 0;
    stack[top++] = ids.length - 1;
    stack[top++] = 0;
    while (top > 0) {
      const axis = stack[--top] as number;
      const right = stack[--top] as number;
      const left = stack[--top] as number;
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) {
          const x = coords[2 * i] as number;
          const y = coords[2 * i + 1] as number;
          if (x >= minLon && x <= maxLon && y >= minLat && y <= maxLat) found[count++] = ids[i] as number;
        }
        continue;
      }
      const m = (left + right) >> 1;
      const x = coords[2 * m] as number;
      const y = coords[2 * m + 1] as number;
      if (x >= minLon && x <= maxLon && y >= minLat && y <= maxLat) found[count++] = ids[m] as number;
      if (axis === 0 ? minLon <= x : minLat <= y) {
        stack[top++] = left;
        stack[top++] = m - 1;
        stack[top++] = 1 - axis;
      }
      if (axis === 0 ? maxLon >= x : maxLat >= y) {
        stack[top++] = m + 1;
        stack[top++] = right;
        stack[top++] = 1 - axis;
      }
    }
    return count;
  }

  /** The nearest point: boxes that double in size until the best point found is inside the searched circle. */
  nearest(from: Point): Neighbour | null {
    if (this.tree === null) return null;
    const v = unitVector(from);
    for (let radiusKm = 8; ; radiusKm *= 2) {
      const box = boxAround(from, radiusKm);
      let best = -1;
      let bestChord = Number.POSITIVE_INFINITY;
      const count = this.scan(box);
      for (let k = 0; k < count; k++) {
        const index = this.found[k] as number;
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

  /**
   * One scan of the box around `from` for what coverage needs of a commune: the weights within innerKm
   * and outerKm, the nearest point and the nearest flagged point when they lie within outerKm (-1
   * otherwise: then ask nearest()). A plain loop, no callback: it runs for every commune of France.
   */
  survey(from: Point, innerKm: number, outerKm: number, weights: Float64Array, flagged: Uint8Array): Survey {
    const out: Survey = { inner: 0, outer: 0, nearest: -1, nearestFlagged: -1 };
    if (this.tree === null) return out;
    const v = unitVector(from);
    const innerLimit = chord2(innerKm);
    const outerLimit = chord2(outerKm);
    let best = outerLimit;
    let bestFlagged = outerLimit;
    const count = this.scan(boxAround(from, outerKm));
    for (let k = 0; k < count; k++) {
      const index = this.found[k] as number;
      const d = this.distance2(index, v);
      if (d > outerLimit) continue;
      const w = weights[index] as number;
      out.outer += w;
      if (d <= innerLimit) out.inner += w;
      if (d < best || (d === best && (out.nearest < 0 || index < out.nearest))) {
        best = d;
        out.nearest = index;
      }
      if (flagged[index] && (d < bestFlagged || (d === bestFlagged && (out.nearestFlagged < 0 || index < out.nearestFlagged)))) {
        bestFlagged = d;
        out.nearestFlagged = index;
      }
    }
    return out;
  }

  /** Great-circle distance from a point to the index's point `index`, by haversine. */
  distanceKm(from: Point, index: number): number {
    return haversineKm(from, this.points[index] as Point);
  }

  /** Calls back with each point at most radiusKm away and its squared chord (compare with chord2(km)). */
  forEachWithin(from: Point, radiusKm: number, callback: (index: number, chord2: number) => void): void {
    if (this.tree === null) return;
    const v = unitVector(from);
    const limit = chord2(radiusKm);
    const box = boxAround(from, radiusKm);
    const count = this.scan(box);
    for (let k = 0; k < count; k++) {
      const index = this.found[k] as number;
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
