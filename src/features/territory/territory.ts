// Territory rules: search keys for names, and centres of merged communes.

export interface Point {
  latitude: number;
  longitude: number;
}

/** "Saint-Étienne-de-Fougères" → "saint etienne de fougeres": case, accents and punctuation ignored. */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((word) => (word === "st" ? "saint" : word === "ste" ? "sainte" : word))
    .join(" ");
}

/**
 * A commune created by merging others since the reference year has no centre of its own there:
 * its centre is the mean of its former communes' centres (weighted when weights are known).
 */
export function centreFromFormerCommunes(former: { centre: Point; weight?: number }[]): Point | null {
  if (former.length === 0) return null;
  const total = former.reduce((sum, f) => sum + (f.weight ?? 1), 0);
  if (total <= 0) return null;
  const latitude = former.reduce((sum, f) => sum + f.centre.latitude * (f.weight ?? 1), 0) / total;
  const longitude = former.reduce((sum, f) => sum + f.centre.longitude * (f.weight ?? 1), 0) / total;
  return { latitude: round5(latitude), longitude: round5(longitude) };
}

export function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Degrees to radians, for haversineKm: an arrow function created inside it on every call (and named by tsx each time) made it 5 to 10 times slower. */
function toRad(d: number): number {
  return (d * Math.PI) / 180;
}

export function haversineKm(a: Point, b: Point): number {
  const dLat = toRad(b.latitude - a.latitude);
  const dLon = toRad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
