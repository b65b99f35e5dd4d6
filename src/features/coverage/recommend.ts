// Where the next permanences would reach the most people: greedy maximum coverage. Candidate sites are
// commune centres; a site covers the communes whose centre lies within R km; only people farther than
// R km from any active place count. Greedy is within (1 − 1/e) of the best choice (the gain of a site
// can only shrink as others are picked) and runs in O(K·n + links), where exact search is NP-hard.
import type { Point } from "../territory/territory.ts";
import type { CommuneCoverage } from "./coverage.ts";
import { SpatialIndex } from "./spatial-index.ts";

export interface GreedyPick {
  /** Index of the chosen set. */
  set: number;
  /** Weight newly covered by this pick. */
  gain: number;
  /** Elements newly covered by this pick. */
  covered: number[];
}

/**
 * Picks up to k sets, each time the one covering the most weight not yet covered (ties: lowest index).
 * Stops early when no set adds anything. Gains are kept up to date through an element → sets index.
 */
export function greedyMaxCoverage(sets: readonly (readonly number[])[], weights: readonly number[], k: number): GreedyPick[] {
  const gain = new Float64Array(sets.length);
  const setsOf: number[][] = weights.map(() => []);
  for (const [s, members] of sets.entries()) {
    for (const e of new Set(members)) {
      gain[s] = (gain[s] as number) + (weights[e] as number);
      (setsOf[e] as number[]).push(s);
    }
  }
  const covered = new Uint8Array(weights.length);
  const picks: GreedyPick[] = [];
  while (picks.length < k) {
    let best = -1;
    let bestGain = 0;
    for (let s = 0; s < gain.length; s++) {
      if ((gain[s] as number) > bestGain) {
        best = s;
        bestGain = gain[s] as number;
      }
    }
    if (best < 0) break;
    const newly: number[] = [];
    for (const e of new Set(sets[best] as number[])) {
      if (covered[e]) continue;
      covered[e] = 1;
      newly.push(e);
      for (const s of setsOf[e] as number[]) gain[s] = (gain[s] as number) - (weights[e] as number);
    }
    gain[best] = 0;
    picks.push({ set: best, gain: bestGain, covered: newly });
  }
  return picks;
}

export interface RecommendedSite {
  code: string;
  name: string;
  centre: Point;
  /** People newly within radiusKm thanks to this site (after the previous picks). */
  populationReached: number;
  /** The communes it brings within reach, most populated first. */
  communes: { code: string; name: string; population: number }[];
}

export interface Recommendation {
  k: number;
  radiusKm: number;
  /** People whose commune centre is farther than radiusKm from any active place. */
  uncoveredPopulation: number;
  reachedPopulation: number;
  sites: RecommendedSite[];
}

export function recommendSites(communes: readonly CommuneCoverage[], k: number, radiusKm: number): Recommendation {
  const located = communes.filter((c): c is CommuneCoverage & { centre: Point } => c.centre !== null);
  const isUncovered = (c: CommuneCoverage) => c.population > 0 && (c.nearest === null || c.nearest.distanceKm > radiusKm);
  const uncovered = located.filter(isUncovered);
  const index = SpatialIndex.of(uncovered.map((c) => c.centre));
  const sets = located.map((c) => {
    const members: number[] = [];
    index.forEachWithin(c.centre, radiusKm, (e) => members.push(e));
    return members;
  });
  const picks = greedyMaxCoverage(
    sets,
    uncovered.map((c) => c.population),
    k,
  );
  const sites = picks.map((p): RecommendedSite => {
    const site = located[p.set] as CommuneCoverage & { centre: Point };
    const reached = p.covered
      .map((e) => uncovered[e] as CommuneCoverage)
      .sort((a, b) => b.population - a.population || a.code.localeCompare(b.code))
      .map((c) => ({ code: c.code, name: c.name, population: c.population }));
    return { code: site.code, name: site.name, centre: site.centre, populationReached: p.gain, communes: reached };
  });
  return {
    k,
    radiusKm,
    uncoveredPopulation: communes.filter(isUncovered).reduce((s, c) => s + c.population, 0),
    reachedPopulation: sites.reduce((s, site) => s + site.populationReached, 0),
    sites,
  };
}
