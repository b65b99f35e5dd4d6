// Where the people around a place live: for each commune holding a demo place, its nearest communes
// weighted by population and nearness. Residence communes, home visits and « other places » are drawn here.
import type { Rng } from "./demo.activities.weights.ts";

export interface PlanCommune {
  code: string;
  latitude: number | null;
  longitude: number | null;
  population: number;
}

export interface NearbyCommunes {
  /** A commune where people around `code` live: `code` itself half the time, otherwise a neighbour. */
  pick(code: string, rng: Rng): string;
}

/** For each place's commune, the 12 nearest communes, weighted by population and nearness. */
export function nearbyCommunes(communes: readonly PlanCommune[], centres: readonly string[]): NearbyCommunes {
  const located = communes.filter((c) => c.latitude !== null && c.longitude !== null);
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const table = new Map<string, { codes: string[]; weights: number[] }>();
  for (const code of centres) {
    const centre = byCode.get(code);
    if (!centre || centre.latitude === null || centre.longitude === null) continue;
    const nearest = located
      .filter((c) => c.code !== code)
      .map((c) => ({ c, d: distanceKm(centre, c) }))
      .sort((a, b) => a.d - b.d || (a.c.code < b.c.code ? -1 : 1))
      .slice(0, 12);
    table.set(code, { codes: nearest.map((n) => n.c.code), weights: nearest.map((n) => Math.sqrt(Math.max(n.c.population, 50)) / (2 + n.d)) });
  }
  return {
    pick(code, rng) {
      const entry = table.get(code);
      if (!entry || entry.codes.length === 0 || rng() < 0.5) return code;
      const total = entry.weights.reduce((s, w) => s + w, 0);
      let r = rng() * total;
      for (let i = 0; i < entry.codes.length; i++) {
        r -= entry.weights[i] as number;
        if (r < 0) return entry.codes[i] as string;
      }
      return entry.codes[entry.codes.length - 1] as string;
    },
  };
}

function distanceKm(a: PlanCommune, b: PlanCommune): number {
  const rad = Math.PI / 180;
  const dLat = ((b.latitude as number) - (a.latitude as number)) * rad;
  const dLon = ((b.longitude as number) - (a.longitude as number)) * rad * Math.cos(((a.latitude as number) * rad + (b.latitude as number) * rad) / 2);
  return 6371 * Math.sqrt(dLat * dLat + dLon * dLon);
}
