// Coverage of the territory (maillage): for each commune, how far its centre is from help and how many
// advisor hours a week are within reach; for the département, the share of people within 10, 15 and 20 km.
// Pure: the service gives communes and active places, already filtered (service, employer kind).
import { haversineKm, type Point } from "../territory/territory.ts";
import { SpatialIndex } from "./spatial-index.ts";

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
  /** Sum of its active permanences' weekly hours (every N weeks counts 1/N). */
  weeklyHours: number;
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

/** One permanence's nominal hours a week: days × duration ÷ rhythm. Holidays and cancelled days are not subtracted. */
export function weeklyHours(p: { weekdays: readonly number[]; startTime: string; endTime: string; everyWeeks: number }): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const duration = Math.max(0, minutes(p.endTime) - minutes(p.startTime)) / 60;
  return (new Set(p.weekdays).size * duration) / Math.max(1, p.everyWeeks);
}

export function computeCoverage(communes: readonly CoverageCommune[], places: readonly CoveragePlace[]): Coverage {
  const all = new SpatialIndex(places.map((p) => p.location));
  const dropInPlaces = places.filter((p) => p.dropIn);
  const dropIn = new SpatialIndex(dropInPlaces.map((p) => p.location));
  const hours = Float64Array.from(places, (p) => p.weeklyHours);
  const flagged = Uint8Array.from(places, (p) => (p.dropIn ? 1 : 0));
  const rows = communes.map((c): CommuneCoverage => {
    if (c.centre === null) return { ...c, nearest: null, nearestDropInKm: null, hoursWithin10Km: 0, hoursWithin20Km: 0 };
    // One scan of 20 km gives the hours and, for most communes, both nearest places; farther ones search wider.
    const s = all.survey(c.centre, 10, 20, hours, flagged);
    const nearestIndex = s.nearest >= 0 ? s.nearest : (all.nearest(c.centre)?.index ?? -1);
    const place = places[nearestIndex];
    let nearestDropInKm: number | null = null;
    if (s.nearestFlagged >= 0) nearestDropInKm = all.distanceKm(c.centre, s.nearestFlagged);
    else {
      const far = dropIn.nearest(c.centre);
      nearestDropInKm = far ? far.distanceKm : null;
    }
    return {
      ...c,
      nearest: place ? { id: place.id, name: place.name, distanceKm: all.distanceKm(c.centre, nearestIndex) } : null,
      nearestDropInKm,
      hoursWithin10Km: s.inner,
      hoursWithin20Km: s.outer,
    };
  });
  return {
    communes: rows,
    summary: {
      totalPopulation: sum(communes.map((c) => c.population)),
      communeCount: communes.length,
      communesWithoutCentre: communes.filter((c) => c.centre === null).length,
      placeCount: places.length,
      dropInPlaceCount: dropInPlaces.length,
      weeklyHours: sum(places.map((p) => p.weeklyHours)),
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

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Rounded to 0.1, as shown and exported. */
export function roundTenth(n: number): number {
  return Math.round(n * 10) / 10;
}
