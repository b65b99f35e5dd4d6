// Coverage of the territory (maillage): for each commune, how far its centre is from help and how many
// advisor hours a week are within reach; for the département, the share of people within 10, 15 and 20 km.
// Pure: the service gives communes and active places, already filtered (service, employer kind).
import { haversineKm, type Point } from "../territory/territory.ts";
import { emptySurvey, SpatialIndex } from "./spatial-index.ts";

/**
 * Weekly hours are counted in whole units of 1/50,400 hour: a permanence lasts whole minutes and comes back
 * every 1 to 8 weeks, and 840 is a multiple of 1 to 8, so its hours a week are a whole number of units
 * (days × minutes × 840 ÷ every_weeks). Sums of whole numbers are exact in any order: the hours within
 * 10 km do not depend on the order in which the places are searched.
 */
export const RHYTHM_UNITS = 840;
export const UNITS_PER_HOUR = 60 * RHYTHM_UNITS;

/** The radii of the département's shares, in km. */
export const SHARE_RADII_KM = [10, 15, 20] as const;

export interface CoverageCommune {
  code: string;
  name: string;
  population: number;
  /** null when the territory data gave no centre: no distance can be computed. */
  centre: Point | null;
}

/** A place with at least one active permanence (valid today, active advisor, public place with a position). */
export interface CoveragePlace {
  id: string;
  name: string;
  location: Point;
  /** Sum of its active permanences' weekly hours (every N weeks counts 1/N), in units of 1/UNITS_PER_HOUR hour. */
  weeklyUnits: number;
  /** At least one active permanence without appointment (drop-in or both). */
  dropIn: boolean;
}

export interface NearestPlace {
  id: string;
  name: string;
  distanceKm: number;
}

export interface CommuneCoverage extends CoverageCommune {
  /** Nearest active place from the centre; null without a centre or without any place. */
  nearest: NearestPlace | null;
  nearestDropInKm: number | null;
  hoursWithin10Km: number;
  hoursWithin20Km: number;
}

export interface ShareWithin {
  radiusKm: number;
  population: number;
  /** population / the département's population, 0 to 1 (0 when nobody lives there). */
  share: number;
}

export interface CoverageSummary {
  totalPopulation: number;
  communeCount: number;
  communesWithoutCentre: number;
  placeCount: number;
  dropInPlaceCount: number;
  weeklyHours: number;
  within: ShareWithin[];
}

export interface Coverage {
  communes: CommuneCoverage[];
  summary: CoverageSummary;
}

export function computeCoverage(communes: readonly CoverageCommune[], places: readonly CoveragePlace[]): Coverage {
  const index = new SpatialIndex(places.map((p) => p.location));
  const units = index.arrange(places.map((p) => p.weeklyUnits));
  const dropInFlags = index.arrange(places.map((p) => (p.dropIn ? 1 : 0)));
  const dropInPlaces = places.filter((p) => p.dropIn);
  // Only communes with no drop-in place within 20 km search all of them: built when first needed.
  let dropIn: SpatialIndex | null = null;
  const survey = emptySurvey();
  const rows = new Array<CommuneCoverage>(communes.length);
  for (let i = 0; i < communes.length; i++) {
    const c = communes[i] as CoverageCommune;
    const centre = c.centre;
    if (centre === null) {
      rows[i] = { code: c.code, name: c.name, population: c.population, centre, nearest: null, nearestDropInKm: null, hoursWithin10Km: 0, hoursWithin20Km: 0 };
      continue;
    }
    // One search of 20 km gives the hours and, for most communes, both nearest places; farther ones search wider.
    index.survey(centre, 10, 20, units, dropInFlags, survey);
    const nearestIndex = survey.nearest >= 0 ? survey.nearest : (index.nearest(centre)?.index ?? -1);
    const place = places[nearestIndex];
    const nearest = place ? { id: place.id, name: place.name, distanceKm: haversineKm(centre, place.location) } : null;
    let nearestDropInKm: number | null;
    if (survey.nearestFlagged === nearestIndex && nearest !== null) nearestDropInKm = nearest.distanceKm;
    else if (survey.nearestFlagged >= 0) nearestDropInKm = haversineKm(centre, (places[survey.nearestFlagged] as CoveragePlace).location);
    else {
      dropIn ??= new SpatialIndex(dropInPlaces.map((p) => p.location));
      nearestDropInKm = dropIn.nearest(centre)?.distanceKm ?? null;
    }
    rows[i] = {
      code: c.code,
      name: c.name,
      population: c.population,
      centre,
      nearest,
      nearestDropInKm,
      hoursWithin10Km: survey.inner / UNITS_PER_HOUR,
      hoursWithin20Km: survey.outer / UNITS_PER_HOUR,
    };
  }
  let totalPopulation = 0;
  let communesWithoutCentre = 0;
  for (const c of communes) {
    totalPopulation += c.population;
    if (c.centre === null) communesWithoutCentre++;
  }
  let weeklyUnits = 0;
  for (const p of places) weeklyUnits += p.weeklyUnits;
  return {
    communes: rows,
    summary: {
      totalPopulation,
      communeCount: communes.length,
      communesWithoutCentre,
      placeCount: places.length,
      dropInPlaceCount: dropInPlaces.length,
      weeklyHours: weeklyUnits / UNITS_PER_HOUR,
      within: sharesWithin(rows, (c) => c.nearest?.distanceKm ?? null),
    },
  };
}

/** Population whose commune centre is at most each radius from help, and its share of the whole. */
export function sharesWithin<T extends { population: number }>(communes: readonly T[], distanceOf: (c: T) => number | null): ShareWithin[] {
  const population = SHARE_RADII_KM.map(() => 0);
  let total = 0;
  for (const c of communes) {
    total += c.population;
    const d = distanceOf(c);
    if (d === null) continue;
    for (let r = 0; r < SHARE_RADII_KM.length; r++) if (d <= (SHARE_RADII_KM[r] as number)) population[r] = (population[r] as number) + c.population;
  }
  return SHARE_RADII_KM.map((radiusKm, r) => ({
    radiusKm,
    population: population[r] as number,
    share: total > 0 ? (population[r] as number) / total : 0,
  }));
}

/** Distance from a commune's centre to a point, or null without a centre. */
export function distanceFrom(c: CoverageCommune, point: Point): number | null {
  return c.centre === null ? null : haversineKm(c.centre, point);
}

/** Rounded to 0.1, as shown and exported. */
export function roundTenth(n: number): number {
  return Math.round(n * 10) / 10;
}
