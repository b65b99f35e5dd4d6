// A static index of points on the sphere, fast enough for every commune of France against every place.
// kdbush sorts the points into a k-d tree over longitude/latitude whose leaves are runs of consecutive
// positions; the unit vectors are stored in that same order. A search walks kdbush's tree for the box
// around the circle, takes each leaf touching the box whole, and tests every point of it by the chord
// between unit vectors (only multiplications, memory read in sequence): the chord grows with the
// great-circle distance, so « within r km » and « nearest » are what haversine gives. Distances
// reported are recomputed with the territory's haversine, so every figure uses one formula. Nothing is
// allocated per query.
import KDBush from "kdbush";
import { haversineKm, type Point } from "../territory/territory.ts";

const EARTH_RADIUS_KM = 6371.0088;
/** Kilometres per degree of latitude on the mean Earth. */
const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
const RAD = Math.PI / 180;
/** Half the circumference: farther than any point. */
const FARTHEST_KM = Math.PI * EARTH_RADIUS_KM;
/** Points per leaf of the tree: 8 to 32 are within 10 % of each other on the national bench. */
const NODE_SIZE = 16;

export interface Neighbour {
  /** Position in the array the index was built from. */
  index: number;
  distanceKm: number;
}

/** Squared chord between two points of the unit sphere at this great-circle distance. */
function chord2(distanceKm: number): number {
  const half = Math.sin(distanceKm / (2 * EARTH_RADIUS_KM));
  return 4 * half * half;
}

/** What survey() finds around one point; one object is reused for every point. */
export interface Survey {
  inner: number;
  outer: number;
  /** Index of the nearest point within the outer radius, or -1. */
  nearest: number;
  /** Index of the nearest flagged point within the outer radius, or -1. */
  nearestFlagged: number;
}

export function emptySurvey(): Survey {
  return { inner: 0, outer: 0, nearest: -1, nearestFlagged: -1 };
}

export class SpatialIndex {
  /** Index, in the array the index was built from, of the point at each position of the tree. */
  private readonly ids: Uint16Array | Uint32Array;
  /** Unit vectors, three numbers per position of the tree. */
  private readonly xyz: Float64Array;
  /** kdbush's longitude and latitude per position, which its tree splits on. */
  private readonly coords: Float64Array;
  /** Reused by every query: runs of positions found (first, last), and the traversal stack; so queries
   * are not re-entrant: a forEachWithin callback must not query the same index. */
  private runs: Int32Array = new Int32Array(64);
  private readonly stack: Int32Array = new Int32Array(3 * 64);
  /** The unit vector of the current query's centre. */
  private vx = 0;
  private vy = 0;
  private vz = 0;

  constructor(private readonly points: readonly Point[]) {
    const n = points.length;
    this.xyz = new Float64Array(n * 3);
    if (n === 0) {
      this.ids = new Uint32Array(0);
      this.coords = new Float64Array(0);
      return;
    }
    const tree = new KDBush(n, NODE_SIZE);
    for (const p of points) tree.add(p.longitude, p.latitude);
    tree.finish();
    this.ids = tree.ids;
    this.coords = tree.coords as Float64Array;
    for (let position = 0; position < n; position++) {
      const p = points[this.ids[position] as number] as Point;
      const lat = p.latitude * RAD;
      const lon = p.longitude * RAD;
      const c = Math.cos(lat);
      this.xyz[position * 3] = c * Math.cos(lon);
      this.xyz[position * 3 + 1] = c * Math.sin(lon);
      this.xyz[position * 3 + 2] = Math.sin(lat);
    }
  }

  /** Values given per point (in the order the index was built from), rearranged for survey(). */
  arrange(values: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.ids.length);
    for (let position = 0; position < this.ids.length; position++) out[position] = values[this.ids[position] as number] as number;
    return out;
  }

  private aimAt(from: Point): void {
    const lat = from.latitude * RAD;
    const lon = from.longitude * RAD;
    const c = Math.cos(lat);
    this.vx = c * Math.cos(lon);
    this.vy = c * Math.sin(lon);
    this.vz = Math.sin(lat);
  }

  /** Squared chord from the query's centre to the point at this position. */
  private chordAt(position: number): number {
    const dx = (this.xyz[position * 3] as number) - this.vx;
    const dy = (this.xyz[position * 3 + 1] as number) - this.vy;
    const dz = (this.xyz[position * 3 + 2] as number) - this.vz;
    return dx * dx + dy * dy + dz * dz;
  }

  private addRun(count: number, first: number, last: number): number {
    if (this.runs.length < 2 * (count + 1)) {
      const wider = new Int32Array(this.runs.length * 2);
      wider.set(this.runs);
      this.runs = wider;
    }
    this.runs[2 * count] = first;
    this.runs[2 * count + 1] = last;
    return count + 1;
  }

  /**
   * Fills `this.runs` with the runs of positions that may hold points within radiusKm of the query's
   * centre `from`, and returns how many: kdbush's own range search over its sorted arrays, except that a
   * leaf touching the box is taken whole (its points are tested by chord anyway, which costs as much as
   * the box test), and middle points inside the box are runs of one.
   */
  private scan(from: Point, radiusKm: number): number {
    const n = this.ids.length;
    if (n === 0) return 0;
    const coords = this.coords;
    // The box holds every point within radiusKm (a little wider, never narrower).
    const dLat = (radiusKm / KM_PER_DEGREE) * 1.001 + 1e-9;
    const widestLat = Math.min(89.9, Math.abs(from.latitude) + dLat);
    const dLon = widestLat >= 89.9 ? 360 : Math.min(360, dLat / Math.cos(widestLat * RAD));
    const minLat = from.latitude - dLat;
    const maxLat = from.latitude + dLat;
    const minLon = from.longitude - dLon;
    const maxLon = from.longitude + dLon;
    const stack = this.stack;
    let top = 0;
    let count = 0;
    stack[top++] = 0;
    stack[top++] = n - 1;
    stack[top++] = 0;
    while (top > 0) {
      const axis = stack[--top] as number;
      const right = stack[--top] as number;
      const left = stack[--top] as number;
      if (right - left <= NODE_SIZE) {
        count = this.addRun(count, left, right);
        continue;
      }
      const m = (left + right) >> 1;
      const x = coords[2 * m] as number;
      const y = coords[2 * m + 1] as number;
      if (x >= minLon && x <= maxLon && y >= minLat && y <= maxLat) count = this.addRun(count, m, m);
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

  /** The nearest point, ties going to the lowest index: searches that double in reach until one finds a point. */
  nearest(from: Point): Neighbour | null {
    if (this.ids.length === 0) return null;
    this.aimAt(from);
    for (let radiusKm = 8; ; radiusKm *= 2) {
      // Past half the circumference, every point (a rounded chord may exceed the diameter's).
      const limit = radiusKm >= FARTHEST_KM ? Number.POSITIVE_INFINITY : chord2(radiusKm);
      let best = -1;
      let bestChord = limit;
      const count = this.scan(from, radiusKm);
      for (let r = 0; r < count; r++) {
        const last = this.runs[2 * r + 1] as number;
        for (let position = this.runs[2 * r] as number; position <= last; position++) {
          const d = this.chordAt(position);
          const index = this.ids[position] as number;
          if (d < bestChord || (d === bestChord && (best < 0 || index < best))) {
            best = index;
            bestChord = d;
          }
        }
      }
      if (best >= 0) return { index: best, distanceKm: haversineKm(from, this.points[best] as Point) };
    }
  }

  /**
   * One search around `from` for what coverage needs of a commune, written into `out`: the weights within
   * innerKm and outerKm, the nearest point and the nearest flagged point when they lie within outerKm (-1
   * otherwise: then ask nearest()), ties going to the lowest index. `weights` and `flags` come from
   * arrange(). A plain loop, no callback: it runs for every commune of France.
   */
  survey(from: Point, innerKm: number, outerKm: number, weights: Float64Array, flags: Float64Array, out: Survey): Survey {
    this.aimAt(from);
    const innerLimit = chord2(innerKm);
    const outerLimit = chord2(outerKm);
    let best = outerLimit;
    let bestFlagged = outerLimit;
    let inner = 0;
    let outer = 0;
    let nearest = -1;
    let nearestFlagged = -1;
    const count = this.scan(from, outerKm);
    const { runs, ids } = this;
    for (let r = 0; r < count; r++) {
      const last = runs[2 * r + 1] as number;
      for (let position = runs[2 * r] as number; position <= last; position++) {
        const d = this.chordAt(position);
        if (d > outerLimit) continue;
        const w = weights[position] as number;
        outer += w;
        if (d <= innerLimit) inner += w;
        if (d <= best) {
          const index = ids[position] as number;
          if (d < best || nearest < 0 || index < nearest) {
            best = d;
            nearest = index;
          }
        }
        if (d <= bestFlagged && flags[position] !== 0) {
          const index = ids[position] as number;
          if (d < bestFlagged || nearestFlagged < 0 || index < nearestFlagged) {
            bestFlagged = d;
            nearestFlagged = index;
          }
        }
      }
    }
    out.inner = inner;
    out.outer = outer;
    out.nearest = nearest;
    out.nearestFlagged = nearestFlagged;
    return out;
  }

  /** Calls back with the index of each point at most radiusKm away. */
  forEachWithin(from: Point, radiusKm: number, callback: (index: number) => void): void {
    this.aimAt(from);
    const limit = chord2(radiusKm);
    const count = this.scan(from, radiusKm);
    for (let r = 0; r < count; r++) {
      const last = this.runs[2 * r + 1] as number;
      for (let position = this.runs[2 * r] as number; position <= last; position++) {
        if (this.chordAt(position) <= limit) callback(this.ids[position] as number);
      }
    }
  }
}
