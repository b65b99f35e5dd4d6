// A static index of points on the sphere: the nearest point (geokdbush walks the k-d tree by great-circle
// distance) and every point within a radius (a latitude/longitude box from kdbush, then haversine).
// Distances are always recomputed with the territory's haversine, so every figure uses one formula.
import { around } from "geokdbush";
import KDBush from "kdbush";
import { haversineKm, type Point } from "../territory/territory.ts";

/** Kilometres per degree of latitude on the mean Earth (6371.0088 km radius). */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

export interface Neighbour {
  /** Position in the array the index was built from. */
  index: number;
  distanceKm: number;
}

export class SpatialIndex {
  private readonly tree: KDBush | null;

  constructor(private readonly points: readonly Point[]) {
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

  nearest(from: Point): Neighbour | null {
    if (this.tree === null) return null;
    const [index] = around(this.tree, from.longitude, from.latitude, 1);
    if (index === undefined) return null;
    return { index, distanceKm: haversineKm(from, this.points[index] as Point) };
  }

  /** Every point at most radiusKm away, in no particular order. */
  within(from: Point, radiusKm: number): Neighbour[] {
    if (this.tree === null) return [];
    const box = boxAround(from, radiusKm);
    const out: Neighbour[] = [];
    for (const index of this.tree.range(box.minLon, box.minLat, box.maxLon, box.maxLat)) {
      const distanceKm = haversineKm(from, this.points[index] as Point);
      if (distanceKm <= radiusKm) out.push({ index, distanceKm });
    }
    return out;
  }
}

/** A box that holds every point within radiusKm (a little wider, never narrower). */
export function boxAround(from: Point, radiusKm: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (radiusKm / KM_PER_DEGREE) * 1.001 + 1e-9;
  const widestLat = Math.min(89.9, Math.abs(from.latitude) + dLat);
  const dLon = Math.min(180, dLat / Math.cos((widestLat * Math.PI) / 180));
  return { minLat: from.latitude - dLat, maxLat: from.latitude + dLat, minLon: from.longitude - dLon, maxLon: from.longitude + dLon };
}
