// « Et si… »: a new permanence at a point (a commune's centre or a place) and what it changes at once.
// Only the nearest distances can drop, so one pass over the communes gives the gain, without rebuilding
// the coverage; the tests check it equals a full recomputation with the extra place.
import type { Point } from "../territory/territory.ts";
import { type CommuneCoverage, distanceFrom, type ShareWithin, sharesWithin } from "./coverage.ts";

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
  const afterDistance = new Map<string, number | null>();
  let populationNewlyWithin = 0;
  let communesNewlyWithin = 0;
  for (const c of communes) {
    const beforeKm = c.nearest?.distanceKm ?? null;
    const toSite = distanceFrom(c, site);
    if (toSite === null) continue;
    if (beforeKm === null || toSite < beforeKm) {
      improved.push({ code: c.code, name: c.name, population: c.population, beforeKm, afterKm: toSite });
      afterDistance.set(c.code, toSite);
      if (toSite <= radiusKm && (beforeKm === null || beforeKm > radiusKm)) {
        populationNewlyWithin += c.population;
        communesNewlyWithin++;
      }
    }
  }
  improved.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  const nearestOf = (c: CommuneCoverage) => c.nearest?.distanceKm ?? null;
  return {
    site,
    radiusKm,
    populationNewlyWithin,
    communesNewlyWithin,
    improved,
    before: sharesWithin(communes, nearestOf),
    after: sharesWithin(communes, (c) => (afterDistance.has(c.code) ? (afterDistance.get(c.code) ?? null) : nearestOf(c))),
  };
}
