// « Et si… »: a new permanence at a point (a commune's centre or a place) and what it changes at once.
// Only the nearest distances can drop, so one pass over the communes gives the gain, without rebuilding
// the coverage; the tests check it equals a full recomputation with the extra place.
import type { Point } from "../territory/territory.ts";
import { type CommuneCoverage, distanceFrom, SHARE_RADII_KM, type ShareWithin } from "./coverage.ts";

export interface ImprovedCommune {
  code: string;
  name: string;
  population: number;
  beforeKm: number | null;
  afterKm: number;
}

export interface WhatIfResult {
  site: Point;
  radiusKm: number;
  /** People whose commune centre was farther than radiusKm from help and is now within it. */
  populationNewlyWithin: number;
  communesNewlyWithin: number;
  /** Communes whose nearest help gets closer, most populated first. */
  improved: ImprovedCommune[];
  before: ShareWithin[];
  after: ShareWithin[];
}

export function whatIf(communes: readonly CommuneCoverage[], site: Point, radiusKm: number): WhatIfResult {
  const improved: ImprovedCommune[] = [];
  const before = SHARE_RADII_KM.map(() => 0);
  const after = SHARE_RADII_KM.map(() => 0);
  let total = 0;
  let populationNewlyWithin = 0;
  let communesNewlyWithin = 0;
  // One pass, one haversine per commune: this runs on every « Et si… » over up to 35,000 communes.
  for (const c of communes) {
    total += c.population;
    const beforeKm = c.nearest?.distanceKm ?? null;
    const toSite = distanceFrom(c, site);
    let afterKm = beforeKm;
    if (toSite !== null && (beforeKm === null || toSite < beforeKm)) {
      afterKm = toSite;
      improved.push({ code: c.code, name: c.name, population: c.population, beforeKm, afterKm: toSite });
      if (toSite <= radiusKm && (beforeKm === null || beforeKm > radiusKm)) {
        populationNewlyWithin += c.population;
        communesNewlyWithin++;
      }
    }
    for (let r = 0; r < SHARE_RADII_KM.length; r++) {
      const limit = SHARE_RADII_KM[r] as number;
      if (beforeKm !== null && beforeKm <= limit) before[r] = (before[r] as number) + c.population;
      if (afterKm !== null && afterKm <= limit) after[r] = (after[r] as number) + c.population;
    }
  }
  improved.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  const shares = (population: number[]): ShareWithin[] =>
    SHARE_RADII_KM.map((radiusKm, r) => ({ radiusKm, population: population[r] as number, share: total > 0 ? (population[r] as number) / total : 0 }));
  return { site, radiusKm, populationNewlyWithin, communesNewlyWithin, improved, before: shares(before), after: shares(after) };
}
