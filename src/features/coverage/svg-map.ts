// Geometry of the server-drawn map: longitude/latitude projected to an SVG viewBox (equirectangular,
// scaled by the cosine of the middle latitude: at a département's size the distortion is negligible),
// rounded to whole units and simplified (Douglas–Peucker) so that hundreds of boundaries stay light.
import type { Point } from "../territory/territory.ts";

export type Xy = [number, number];

const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

export interface Projection {
  width: number;
  height: number;
  /** SVG units per kilometre, to draw a radius. */
  unitsPerKm: number;
  project(p: Point): Xy;
}

export type BandKey = "b5" | "b10" | "b15" | "b20" | "far" | "none";

/** Distance bands of the map, nearest first; "none": no active place or no known centre. */
export const BANDS: { key: BandKey; label: string; maxKm: number }[] = [
  { key: "b5", label: "À moins de 5 km", maxKm: 5 },
  { key: "b10", label: "De 5 à 10 km", maxKm: 10 },
  { key: "b15", label: "De 10 à 15 km", maxKm: 15 },
  { key: "b20", label: "De 15 à 20 km", maxKm: 20 },
  { key: "far", label: "À plus de 20 km", maxKm: Number.POSITIVE_INFINITY },
  { key: "none", label: "Aucun lieu actif, ou position de la commune inconnue", maxKm: Number.NaN },
];

export function bandOf(distanceKm: number | null): BandKey {
  if (distanceKm === null) return "none";
  return (BANDS.find((b) => distanceKm <= b.maxKm) ?? (BANDS[4] as (typeof BANDS)[number])).key;
}

/** A projection that fits every point in a box `width` units wide, with a margin. */
export function fitProjection(points: readonly Point[], width = 600, margin = 8): Projection {
  if (points.length === 0) return { width, height: width, unitsPerKm: 1, project: () => [width / 2, width / 2] };
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const p of points) {
    minLat = Math.min(minLat, p.latitude);
    maxLat = Math.max(maxLat, p.latitude);
    minLon = Math.min(minLon, p.longitude);
    maxLon = Math.max(maxLon, p.longitude);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (width - 2 * margin) / spanX;
  const height = Math.ceil(spanY * scale + 2 * margin);
  return {
    width,
    height,
    unitsPerKm: scale / KM_PER_DEGREE,
    project: (p) => [margin + (p.longitude - minLon) * k * scale, margin + (maxLat - p.latitude) * scale],
  };
}

/** The outer and inner rings of a GeoJSON Polygon or MultiPolygon; anything else gives no ring. */
export function ringsOf(geometry: unknown): Point[][] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== "object") return [];
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" && Array.isArray(g.coordinates) ? g.coordinates : [];
  const rings: Point[][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    for (const ring of polygon) {
      if (!Array.isArray(ring)) continue;
      const points = ring.flatMap((xy) =>
        Array.isArray(xy) && typeof xy[0] === "number" && typeof xy[1] === "number" ? [{ longitude: xy[0], latitude: xy[1] }] : [],
      );
      if (points.length >= 3) rings.push(points);
    }
  }
  return rings;
}

function segmentDistance(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker: keeps the points farther than `tolerance` from the simplified line (iterative, no recursion limit). */
export function simplify(points: readonly Xy[], tolerance: number): Xy[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let max = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance(points[i] as Xy, points[first] as Xy, points[last] as Xy);
      if (d > max) {
        max = d;
        farthest = i;
      }
    }
    if (farthest > 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/**
 * An SVG path for the rings: absolute start, then relative whole-unit steps (`l`), closed with `z`.
 * Rings that shrink below a triangle once simplified are left out.
 */
export function pathOf(rings: readonly Point[][], projection: Projection, tolerance = 1): string {
  const parts: string[] = [];
  for (const ring of rings) {
    const simplified = simplify(
      ring.map((p) => projection.project(p)),
      tolerance,
    );
    const rounded: Xy[] = [];
    for (const [x, y] of simplified) {
      const xy: Xy = [Math.round(x), Math.round(y)];
      const previous = rounded[rounded.length - 1];
      if (!previous || previous[0] !== xy[0] || previous[1] !== xy[1]) rounded.push(xy);
    }
    if (rounded.length < 4) continue;
    const [start, ...rest] = rounded as [Xy, ...Xy[]];
    let [px, py] = start;
    const steps: number[] = [];
    for (const [x, y] of rest) {
      steps.push(x - px, y - py);
      px = x;
      py = y;
    }
    parts.push(`M${start[0]} ${start[1]}l${steps.join(" ").replace(/ -/g, "-")}z`);
  }
  return parts.join("");
}
