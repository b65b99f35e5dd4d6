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

/** What surveyAll() finds around each point, in typed arrays indexed like the points given (no object per point). */
export interface Surveys {
  /** Sum of the weights of the points within the inner radius. */
  inner: Float64Array;
  /** Sum of the weights of the points within the outer radius. */
  outer: Float64Array;
  /** Index of the nearest point within the outer radius, or -1 (none there, or no position given). */
  nearest: Int32Array;
  /** Index of the nearest flagged point within the outer radius, or -1. */
  nearestFlagged: Int32Array;
}

/**
 * Query points are handled in groups, one per cell of this many degrees of latitude and longitude (about
 * 11 × 12 km in mainland France, 6 communes on average): the tree is walked once per group, for the points
 * within the outer radius plus the group's own radius, and each member tests only those candidates.
 */
const GROUP_LAT_DEGREES = 0.1;
const GROUP_LON_DEGREES = 0.15;
/** Added to a group's reach, in km: far more than the rounding of the chords (nanometres). */
const REACH_SLACK_KM = 1e-3;

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
  /** Candidates of the current group of surveyAll(), copied in sequence: unit vector, weight, flag, index. */
  private candidateXyz = new Float64Array(3 * 256);
  private candidateWeights = new Float64Array(256);
  private candidateFlags = new Uint8Array(256);
  private candidateIds = new Int32Array(256);

  /** The points' positions, one latitude and one longitude per point, in degrees (not copied: left unchanged). */
  constructor(
    private readonly latitudes: Float64Array,
    private readonly longitudes: Float64Array,
  ) {
    const n = latitudes.length;
    this.xyz = new Float64Array(n * 3);
    if (n === 0) {
      this.ids = new Uint32Array(0);
      this.coords = new Float64Array(0);
      return;
    }
    const tree = new KDBush(n, NODE_SIZE);
    for (let i = 0; i < n; i++) tree.add(longitudes[i] as number, latitudes[i] as number);
    tree.finish();
    this.ids = tree.ids;
    this.coords = tree.coords as Float64Array;
    for (let position = 0; position < n; position++) {
      const i = this.ids[position] as number;
      const lat = (latitudes[i] as number) * RAD;
      const lon = (longitudes[i] as number) * RAD;
      const c = Math.cos(lat);
      this.xyz[position * 3] = c * Math.cos(lon);
      this.xyz[position * 3 + 1] = c * Math.sin(lon);
      this.xyz[position * 3 + 2] = Math.sin(lat);
    }
  }

  /** An index of these points, in this order. */
  static of(points: readonly Point[]): SpatialIndex {
    const latitudes = new Float64Array(points.length);
    const longitudes = new Float64Array(points.length);
    points.forEach((p, i) => {
      latitudes[i] = p.latitude;
      longitudes[i] = p.longitude;
    });
    return new SpatialIndex(latitudes, longitudes);
  }

  /** Values given per point (in the order the index was built from), rearranged for surveyAll(). */
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
    // The box holds every point within radiusKm (a little wider, never narrower).
    const dLat = (radiusKm / KM_PER_DEGREE) * 1.001 + 1e-9;
    const widestLat = Math.min(89.9, Math.abs(from.latitude) + dLat);
    const dLon = widestLat >= 89.9 ? 360 : Math.min(360, dLat / Math.cos(widestLat * RAD));
    const minLat = from.latitude - dLat;
    const maxLat = from.latitude + dLat;
    if (dLon >= 180) return this.scanBox(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, minLat, maxLat, 0);
    // A box across the antimeridian is searched in two parts, which no longitude belongs to both of.
    const minLon = from.longitude - dLon;
    const maxLon = from.longitude + dLon;
    const count = this.scanBox(minLon, maxLon, minLat, maxLat, 0);
    if (minLon < -180) return this.withoutRepeats(count, this.scanBox(minLon + 360, Number.POSITIVE_INFINITY, minLat, maxLat, count));
    if (maxLon > 180) return this.withoutRepeats(count, this.scanBox(Number.NEGATIVE_INFINITY, maxLon - 360, minLat, maxLat, count));
    return count;
  }

  /**
   * Drops the runs found by the second part of a box that the first part had found already: a leaf is taken
   * whole, and may touch both parts (a middle point lies in one part only). Returns the count left.
   */
  private withoutRepeats(firstPart: number, count: number): number {
    const runs = this.runs;
    let kept = firstPart;
    for (let r = firstPart; r < count; r++) {
      const first = runs[2 * r] as number;
      let repeated = false;
      for (let q = 0; q < firstPart && !repeated; q++) repeated = runs[2 * q] === first;
      if (repeated) continue;
      runs[2 * kept] = first;
      runs[2 * kept + 1] = runs[2 * r + 1] as number;
      kept++;
    }
    return kept;
  }

  /** Appends to `this.runs`, after the first `count`, the runs of positions that may lie in the box; returns the new count. */
  private scanBox(minLon: number, maxLon: number, minLat: number, maxLat: number, count: number): number {
    const n = this.ids.length;
    const coords = this.coords;
    const stack = this.stack;
    let top = 0;
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
      if (best >= 0) return { index: best, distanceKm: haversineKm(from, { latitude: this.latitudes[best] as number, longitude: this.longitudes[best] as number }) };
    }
  }

  /**
   * For every point of `froms` (null: skipped), what coverage needs of a commune: the weights within innerKm
   * and outerKm, the nearest point and the nearest flagged point when they lie within outerKm (-1 otherwise:
   * then ask nearest()), ties going to the lowest index. `weights` and `flags` come from arrange().
   *
   * The points are grouped by cell (see GROUP_LAT_DEGREES). For a group whose members lie within ρ km of its
   * centre, every point within outerKm of a member lies within outerKm + ρ of the centre (triangle inequality
   * on the sphere), so one walk of the tree collects the candidates of the whole group, and each member tests
   * them by chord exactly as a search of its own would: same chords, same comparisons, so the same figures.
   */
  surveyAll(froms: readonly (Point | null)[], innerKm: number, outerKm: number, weights: Float64Array, flags: Float64Array): Surveys {
    const n = froms.length;
    const out: Surveys = {
      inner: new Float64Array(n),
      outer: new Float64Array(n),
      nearest: new Int32Array(n).fill(-1),
      nearestFlagged: new Int32Array(n).fill(-1),
    };
    if (this.ids.length === 0) return out;
    // Unit vectors of the query points (computed as aimAt does), and the located ones sorted by cell: the key
    // holds the cell in its high part and the point's index in its low part (a cell number is below 2^23).
    const qx = new Float64Array(n);
    const qy = new Float64Array(n);
    const qz = new Float64Array(n);
    const scale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
    const keys = new Float64Array(n);
    let located = 0;
    for (let i = 0; i < n; i++) {
      const p = froms[i];
      if (p === null || p === undefined) continue;
      const lat = p.latitude * RAD;
      const lon = p.longitude * RAD;
      const c = Math.cos(lat);
      qx[i] = c * Math.cos(lon);
      qy[i] = c * Math.sin(lon);
      qz[i] = Math.sin(lat);
      const cell = (Math.floor(p.latitude / GROUP_LAT_DEGREES) + 1000) * 4000 + (Math.floor(p.longitude / GROUP_LON_DEGREES) + 2000);
      keys[located++] = cell * scale + i;
    }
    const sorted = keys.subarray(0, located).sort();
    const innerLimit = chord2(innerKm);
    const outerLimit = chord2(outerKm);
    let first = 0;
    while (first < located) {
      const cell = Math.floor((sorted[first] as number) / scale);
      let end = first + 1;
      while (end < located && Math.floor((sorted[end] as number) / scale) === cell) end++;
      const count = this.gatherGroup(sorted, scale, first, end, qx, qy, qz, outerKm, weights, flags);
      const cxyz = this.candidateXyz;
      const cw = this.candidateWeights;
      const cf = this.candidateFlags;
      const cid = this.candidateIds;
      for (let g = first; g < end; g++) {
        const i = (sorted[g] as number) % scale;
        const vx = qx[i] as number;
        const vy = qy[i] as number;
        const vz = qz[i] as number;
        let best = outerLimit;
        let bestFlagged = outerLimit;
        let inner = 0;
        let outer = 0;
        let nearest = -1;
        let nearestFlagged = -1;
        for (let k = 0; k < count; k++) {
          const dx = (cxyz[3 * k] as number) - vx;
          const dy = (cxyz[3 * k + 1] as number) - vy;
          const dz = (cxyz[3 * k + 2] as number) - vz;
          const d = dx * dx + dy * dy + dz * dz;
          if (d > outerLimit) continue;
          const w = cw[k] as number;
          outer += w;
          if (d <= innerLimit) inner += w;
          if (d <= best) {
            const index = cid[k] as number;
            if (d < best || nearest < 0 || index < nearest) {
              best = d;
              nearest = index;
            }
          }
          if (d <= bestFlagged && cf[k] !== 0) {
            const index = cid[k] as number;
            if (d < bestFlagged || nearestFlagged < 0 || index < nearestFlagged) {
              bestFlagged = d;
              nearestFlagged = index;
            }
          }
        }
        out.inner[i] = inner;
        out.outer[i] = outer;
        out.nearest[i] = nearest;
        out.nearestFlagged[i] = nearestFlagged;
      }
      first = end;
    }
    return out;
  }

  /** Copies into the candidate arrays every point within outerKm + ρ of the group's centre; returns how many. */
  private gatherGroup(
    sorted: Float64Array,
    scale: number,
    first: number,
    end: number,
    qx: Float64Array,
    qy: Float64Array,
    qz: Float64Array,
    outerKm: number,
    weights: Float64Array,
    flags: Float64Array,
  ): number {
    // The centre: the members' mean direction (the first member's should the mean vanish, which a cell of
    // a few km cannot do); ρ: the largest chord from it to a member, as a great-circle distance.
    let sx = 0;
    let sy = 0;
    let sz = 0;
    for (let g = first; g < end; g++) {
      const i = (sorted[g] as number) % scale;
      sx += qx[i] as number;
      sy += qy[i] as number;
      sz += qz[i] as number;
    }
    let norm = Math.sqrt(sx * sx + sy * sy + sz * sz);
    if (!(norm > 0)) {
      const i = (sorted[first] as number) % scale;
      sx = qx[i] as number;
      sy = qy[i] as number;
      sz = qz[i] as number;
      norm = 1;
    }
    const cx = sx / norm;
    const cy = sy / norm;
    const cz = sz / norm;
    let rho2 = 0;
    for (let g = first; g < end; g++) {
      const i = (sorted[g] as number) % scale;
      const dx = (qx[i] as number) - cx;
      const dy = (qy[i] as number) - cy;
      const dz = (qz[i] as number) - cz;
      rho2 = Math.max(rho2, dx * dx + dy * dy + dz * dz);
    }
    const rhoKm = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(rho2) / 2));
    const reachKm = outerKm + rhoKm + REACH_SLACK_KM;
    const centre: Point = { latitude: Math.asin(Math.max(-1, Math.min(1, cz))) / RAD, longitude: Math.atan2(cy, cx) / RAD };
    this.vx = cx;
    this.vy = cy;
    this.vz = cz;
    // Past half the circumference, every point (a rounded chord may exceed the diameter's).
    const limit = reachKm >= FARTHEST_KM ? Number.POSITIVE_INFINITY : chord2(reachKm);
    const runCount = this.scan(centre, reachKm);
    let count = 0;
    for (let r = 0; r < runCount; r++) {
      const last = this.runs[2 * r + 1] as number;
      for (let position = this.runs[2 * r] as number; position <= last; position++) {
        if (this.chordAt(position) > limit) continue;
        if (count === this.candidateIds.length) this.growCandidates();
        this.candidateXyz[3 * count] = this.xyz[3 * position] as number;
        this.candidateXyz[3 * count + 1] = this.xyz[3 * position + 1] as number;
        this.candidateXyz[3 * count + 2] = this.xyz[3 * position + 2] as number;
        this.candidateWeights[count] = weights[position] as number;
        this.candidateFlags[count] = flags[position] !== 0 ? 1 : 0;
        this.candidateIds[count] = this.ids[position] as number;
        count++;
      }
    }
    return count;
  }

  private growCandidates(): void {
    const size = this.candidateIds.length * 2;
    const xyz = new Float64Array(3 * size);
    xyz.set(this.candidateXyz);
    this.candidateXyz = xyz;
    const weights = new Float64Array(size);
    weights.set(this.candidateWeights);
    this.candidateWeights = weights;
    const flags = new Uint8Array(size);
    flags.set(this.candidateFlags);
    this.candidateFlags = flags;
    const ids = new Int32Array(size);
    ids.set(this.candidateIds);
    this.candidateIds = ids;
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
