// Coverage of the territory (maillage): for each commune, how far its centre is from help and how many
// advisor hours a week are within reach; for the département, the share of people within 10, 15 and 20 km.
// Pure: the service gives communes and active places, already filtered (service, employer kind).
import { haversineKm, type Point } from "../territory/territory.ts";
import { byId, type Computed, samePlace, unitVectors, updateCoverage } from "./coverage-update.ts";
import { columnsOf, type PlaceColumns, placesOf } from "./place-columns.ts";
import { SpatialIndex } from "./spatial-index.ts";

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

/**
 * The active places ready for computeCoverage: the spatial index and the values it reads, in its order. Built
 * once per list of places; the service keeps it with the cached places, so a request whose places are still
 * valid does not build it again. Read-only once built.
 */
export class PlacesIndex {
  readonly index: SpatialIndex;
  /** The places, field by field (see place-columns.ts). */
  readonly columns: PlaceColumns;
  readonly units: Float64Array;
  readonly dropInFlags: Float64Array;
  readonly dropInCount: number;
  readonly weeklyUnits: number;
  /** The places as objects, made when first asked for when the index was built from columns. */
  private objects: readonly CoveragePlace[] | null;
  /** The drop-in places alone, for the few communes with none within 20 km: built when first needed. */
  private dropIn: SpatialIndex | null = null;
  /** The last coverage computed by coverageOf(), with the communes it was computed for. */
  private last: Computed | null = null;
  /**
   * Set by withChanges(): the previous index's coverage and where the changed places were and are, from which
   * coverageOf() recomputes only the communes they can reach.
   */
  private previous: (Computed & { moved: readonly Point[] }) | null = null;

  /** `spatial`: an index of these places' positions in this same order, when one exists already (see withChanges). */
  constructor(places: readonly CoveragePlace[] | PlaceColumns, spatial?: SpatialIndex) {
    const isList = Array.isArray(places);
    this.objects = isList ? (places as readonly CoveragePlace[]) : null;
    const columns = isList ? columnsOf(places as readonly CoveragePlace[]) : (places as PlaceColumns);
    this.columns = columns;
    let dropInCount = 0;
    let weeklyUnits = 0;
    for (let i = 0; i < columns.ids.length; i++) {
      weeklyUnits += columns.units[i] as number;
      dropInCount += columns.dropIn[i] as number;
    }
    this.index = spatial ?? new SpatialIndex(columns.latitudes, columns.longitudes);
    this.units = this.index.arrange(columns.units);
    this.dropInFlags = this.index.arrange(columns.dropIn);
    this.dropInCount = dropInCount;
    this.weeklyUnits = weeklyUnits;
  }

  /** The places, in id order. */
  get places(): readonly CoveragePlace[] {
    this.objects ??= placesOf(this.columns);
    return this.objects;
  }

  get placeCount(): number {
    return this.columns.ids.length;
  }

  /**
   * The coverage of these communes by these places, computed once for as long as the communes stay the same
   * (code, name, population and centre, in the same order): the service keeps this index while the places'
   * version holds, so a request on unchanged data compares the communes (about 1 ms for all of France) instead
   * of computing again. The result is shared by every such request: read-only.
   */
  coverageOf(communes: readonly CoverageCommune[]): Coverage {
    if (this.last !== null && sameCommunes(this.last.communes, communes)) return this.last.coverage;
    const previous = this.previous;
    this.previous = null;
    if (previous !== null && sameCommunes(previous.communes, communes)) {
      const vectors = previous.vectors ?? unitVectors(communes);
      this.last = { communes, coverage: updateCoverage(communes, previous.coverage, this, previous.moved, vectors), vectors };
    } else this.last = { communes, coverage: computeCoverage(communes, this), vectors: null };
    return this.last.coverage;
  }

  /**
   * The index of these places after some changed: `changed` names every place that may have changed (added,
   * edited, removed or no longer active), `fresh` holds those of them that are active now. The places stay in
   * id order, as the database gives them, so ties go to the same place as after a full read; the coverage is
   * then computed again only where the changed places, before or after, can make a difference.
   */
  withChanges(changed: ReadonlySet<string>, fresh: readonly CoveragePlace[]): PlacesIndex {
    const freshById = new Map(fresh.map((p) => [p.id, p]));
    const moved: Point[] = [];
    const kept: CoveragePlace[] = [];
    // Same places at the same positions, in the same order (hours, mode or name changed): the spatial index stays.
    let samePositions = true;
    let replaced = 0;
    const inPlace = this.places.map((p) => {
      if (!changed.has(p.id)) return p;
      const now = freshById.get(p.id);
      if (now === undefined || now.location.latitude !== p.location.latitude || now.location.longitude !== p.location.longitude) samePositions = false;
      if (now !== undefined && !samePlace(now, p)) moved.push(p.location, now.location);
      replaced++;
      return now ?? p;
    });
    if (samePositions && replaced === fresh.length) {
      if (moved.length === 0) return this;
      return this.successor(new PlacesIndex(inPlace, this.index), moved);
    }
    moved.length = 0;
    for (const p of this.places) {
      if (changed.has(p.id)) moved.push(p.location);
      else kept.push(p);
    }
    const added = [...fresh].sort(byId);
    for (const p of added) moved.push(p.location);
    const merged: CoveragePlace[] = [];
    let k = 0;
    for (const p of added) {
      while (k < kept.length && (kept[k] as CoveragePlace).id < p.id) merged.push(kept[k++] as CoveragePlace);
      merged.push(p);
    }
    while (k < kept.length) merged.push(kept[k++] as CoveragePlace);
    return this.successor(new PlacesIndex(merged), moved);
  }

  /**
   * The same places in a new list and index (sharing the spatial index and, once asked for the same communes, the
   * coverage): for another cache entry, such as the next day's when no place's validity changed overnight.
   */
  renewed(): PlacesIndex {
    return this.successor(new PlacesIndex(this.columns, this.index), []);
  }

  private successor(next: PlacesIndex, moved: Point[]): PlacesIndex {
    if (this.last !== null) next.previous = { ...this.last, moved };
    return next;
  }

  nearestDropInKm(centre: Point): number | null {
    if (this.dropIn === null) {
      const { latitudes, longitudes, dropIn } = this.columns;
      const latitude = new Float64Array(this.dropInCount);
      const longitude = new Float64Array(this.dropInCount);
      let k = 0;
      for (let i = 0; i < dropIn.length; i++) {
        if (dropIn[i] === 0) continue;
        latitude[k] = latitudes[i] as number;
        longitude[k++] = longitudes[i] as number;
      }
      this.dropIn = new SpatialIndex(latitude, longitude);
    }
    return this.dropIn.nearest(centre)?.distanceKm ?? null;
  }
}

export function summaryOf(rows: readonly CommuneCoverage[], prepared: PlacesIndex): CoverageSummary {
  let totalPopulation = 0;
  let communesWithoutCentre = 0;
  const reached = SHARE_RADII_KM.map(() => 0);
  for (const c of rows) {
    totalPopulation += c.population;
    if (c.centre === null) communesWithoutCentre++;
    const km = c.nearest?.distanceKm;
    if (km === undefined) continue;
    for (let r = 0; r < SHARE_RADII_KM.length; r++) if (km <= (SHARE_RADII_KM[r] as number)) reached[r] = (reached[r] as number) + c.population;
  }
  return {
    totalPopulation,
    communeCount: rows.length,
    communesWithoutCentre,
    placeCount: prepared.placeCount,
    dropInPlaceCount: prepared.dropInCount,
    weeklyHours: prepared.weeklyUnits / UNITS_PER_HOUR,
    within: SHARE_RADII_KM.map((radiusKm, r) => ({
      radiusKm,
      population: reached[r] as number,
      share: totalPopulation > 0 ? (reached[r] as number) / totalPopulation : 0,
    })),
  };
}

function sameCommunes(a: readonly CoverageCommune[], b: readonly CoverageCommune[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as CoverageCommune;
    const y = b[i] as CoverageCommune;
    if (x.code !== y.code || x.name !== y.name || x.population !== y.population) return false;
    if (x.centre === null || y.centre === null) {
      if (x.centre !== y.centre) return false;
    } else if (x.centre.latitude !== y.centre.latitude || x.centre.longitude !== y.centre.longitude) return false;
  }
  return true;
}

export function computeCoverage(communes: readonly CoverageCommune[], placesOrIndex: readonly CoveragePlace[] | PlacesIndex): Coverage {
  const prepared = placesOrIndex instanceof PlacesIndex ? placesOrIndex : new PlacesIndex(placesOrIndex);
  const { index } = prepared;
  const { ids, names, latitudes, longitudes } = prepared.columns;
  const n = communes.length;
  const centres = new Array<Point | null>(n);
  for (let i = 0; i < n; i++) centres[i] = (communes[i] as CoverageCommune).centre;
  // One pass over the communes by groups of neighbours gives the hours within 10 and 20 km and, for all but a
  // few, both nearest places; the farther ones search wider.
  const survey = index.surveyAll(centres, 10, 20, prepared.units, prepared.dropInFlags);
  // The place whose distance is computed, filled in place for each (no object per distance).
  const at: Point = { latitude: 0, longitude: 0 };
  const distanceTo = (centre: Point, k: number) => {
    at.latitude = latitudes[k] as number;
    at.longitude = longitudes[k] as number;
    return haversineKm(centre, at);
  };
  const rows = new Array<CommuneCoverage>(n);
  for (let i = 0; i < n; i++) {
    const c = communes[i] as CoverageCommune;
    const centre = c.centre;
    if (centre === null) {
      rows[i] = { code: c.code, name: c.name, population: c.population, centre, nearest: null, nearestDropInKm: null, hoursWithin10Km: 0, hoursWithin20Km: 0 };
      continue;
    }
    const found = survey.nearest[i] as number;
    const nearestIndex = found >= 0 ? found : (index.nearest(centre)?.index ?? -1);
    const nearest = nearestIndex >= 0 ? { id: ids[nearestIndex] as string, name: names[nearestIndex] as string, distanceKm: distanceTo(centre, nearestIndex) } : null;
    const flagged = survey.nearestFlagged[i] as number;
    let nearestDropInKm: number | null;
    if (flagged === nearestIndex && nearest !== null) nearestDropInKm = nearest.distanceKm;
    else if (flagged >= 0) nearestDropInKm = distanceTo(centre, flagged);
    else nearestDropInKm = prepared.nearestDropInKm(centre);
    rows[i] = {
      code: c.code,
      name: c.name,
      population: c.population,
      centre,
      nearest,
      nearestDropInKm,
      hoursWithin10Km: (survey.inner[i] as number) / UNITS_PER_HOUR,
      hoursWithin20Km: (survey.outer[i] as number) / UNITS_PER_HOUR,
    };
  }
  return { communes: rows, summary: summaryOf(rows, prepared) };
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
