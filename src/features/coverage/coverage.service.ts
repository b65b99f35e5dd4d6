// The coverage use cases, shared by the page, the CSV and the API: load the département and the active
// places under the filters, compute, and answer « Et si… » and the recommendation on the same figures.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/schema.ts";
import type { FieldError } from "../../web/errors.ts";
import { toParis } from "../calendar/paris-time.ts";
import { byCode, SERVICES } from "../places/place-standard.ts";
import type { Point } from "../territory/territory.ts";
import { type ActivePlacesCache, activePlacesKey, filterKey } from "./active-places-cache.ts";
import {
  type ActivePlaceRecord,
  type CommuneRecord,
  type CoverageChanges,
  foldCoverageChanges,
  loadActivePlacesFromPermanences,
  loadCommunes,
  loadCoverageChanges,
  loadCoverageDataVersion,
  loadDepartementPlaces,
  loadPlacesWithValidityChange,
  type PlaceChoice,
  type PlaceFilter,
  refreshCoveragePlaces,
} from "./coverage.repository.ts";
import { type Coverage, type CoverageCommune, type CoveragePlace, PlacesIndex } from "./coverage.ts";
import type { CoverageFilters, CoverageParams } from "./coverage-params.ts";
import { loadActivePlaceColumns } from "./place-columns.repository.ts";
import { type Recommendation, recommendSites } from "./recommend.ts";
import { type WhatIfResult, whatIf } from "./what-if.ts";

export interface CoverageDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
  /** One per application: the places it holds were read from this application's database. */
  activePlaces: ActivePlacesCache<ActivePlacesCopy>;
}

/** The active places an instance keeps, and the change marks they include (to tell later which are new). */
export interface ActivePlacesCopy {
  index: PlacesIndex;
  folded: number;
  seenMarks: ReadonlySet<number>;
  /** The day its places are active on (validity dates), and its filters (filterKey). */
  day: string;
  filters: string;
}

/** Past this many change marks, a read folds them into one count (the version does not change). */
const FOLD_AFTER = 1000;
/** Past this many places changed since a copy was read, all of them are read again. */
const MOST_CHANGED_PLACES = 1000;

export interface LoadedCoverage {
  today: string;
  coverage: Coverage;
  places: readonly CoveragePlace[];
  /** With their boundaries when asked (the map). */
  communes: CommuneRecord[];
}

/** The active places as the domain sees them (the database has summed each one's hours). */
export function placesFrom(records: readonly ActivePlaceRecord[]): CoveragePlace[] {
  return records.map((r) => ({
    id: r.id,
    name: r.name,
    location: { latitude: r.latitude, longitude: r.longitude },
    weeklyUnits: r.weekly_units,
    dropIn: r.drop_in,
  }));
}

export function communesFrom(records: readonly CommuneRecord[]): CoverageCommune[] {
  return records.map((c) => ({
    code: c.code,
    name: c.name,
    population: c.population,
    centre: c.latitude === null || c.longitude === null ? null : { latitude: c.latitude, longitude: c.longitude },
  }));
}

export async function loadCoverage(deps: CoverageDeps, filters: CoverageFilters, withBoundary: boolean): Promise<LoadedCoverage> {
  const today = toParis(deps.now()).date;
  const communes = await loadCommunes(deps.db, deps.config.departement.code, withBoundary);
  const places = await activePlaces(deps, today, {
    services: filters.services.flatMap((code) => byCode(SERVICES, code)?.value ?? []),
    employers: filters.employers,
  });
  return { today, coverage: places.coverageOf(communesFrom(communes)), places: places.places, communes };
}

/**
 * The active places and their spatial index, from the cache while the data's version is the one they were
 * read at. When it is not, the change marks tell which places changed since: only those are read again (a
 * truncate, an older mark or too many places: all of them). The marks are read before the places: a change
 * committed between the two reads makes the copy newer than its marks, which only costs reading those places
 * once more at the next request, never a stale answer.
 */
export async function activePlaces(deps: Pick<CoverageDeps, "db" | "activePlaces">, today: string, filter: PlaceFilter): Promise<PlacesIndex> {
  const { version, unfolded } = await loadCoverageDataVersion(deps.db);
  if (unfolded > FOLD_AFTER) await foldCoverageChanges(deps.db);
  const key = activePlacesKey(today, filter);
  const cached = deps.activePlaces.get(key, version);
  if (cached !== null) return cached.index;
  // A copy of the same filters: this day's, else another day's (the first request of a day), brought up to date.
  const filters = filterKey(filter);
  const stale = (deps.activePlaces.latest(key) ?? deps.activePlaces.latestWhere((copy) => copy.filters === filters))?.places;
  // Without a copy, the marks' places are not needed: a mark of a single place is as small as can be.
  const changes = await loadCoverageChanges(deps.db, stale === undefined ? [] : [...stale.seenMarks], stale === undefined ? 0 : MOST_CHANGED_PLACES);
  const seenMarks = new Set(changes.marks.map((m) => m.id));
  let changed = stale === undefined ? null : placesChangedSince(stale, changes);
  if (stale !== undefined && changed !== null && stale.day !== today) {
    changed = withinLimit(changed, await loadPlacesWithValidityChange(deps.db, stale.day, today, MOST_CHANGED_PLACES + 1));
  }
  let index: PlacesIndex;
  if (stale !== undefined && changed !== null) {
    index = stale.index.withChanges(changed, changed.size === 0 ? [] : placesFrom(await loadActivePlacesFromPermanences(deps.db, today, filter, [...changed])));
    // Another day's copy stays its day's entry: this day gets its own, even when nothing changed overnight.
    if (index === stale.index && stale.day !== today) index = index.renewed();
  } else {
    // Summaries made for a span of days that ends before today are brought up to date first (a few places a day).
    await refreshCoveragePlaces(deps.db, today);
    index = new PlacesIndex(await loadActivePlaceColumns(deps.db, today, filter));
  }
  deps.activePlaces.set(key, changes.folded + changes.marks.length, { index, folded: changes.folded, seenMarks, day: today, filters });
  return index;
}

/** Both sets of places, or null past MOST_CHANGED_PLACES (reading them all is then as cheap). */
function withinLimit(changed: Set<string>, more: readonly string[]): Set<string> | null {
  for (const id of more) changed.add(id);
  return changed.size > MOST_CHANGED_PLACES ? null : changed;
}

/**
 * The places the marks that this copy has not seen concern, or null when that cannot be told (or they are
 * too many): a mark without places, or marks folded away before this copy saw them. Marks disappear only by
 * folding, which adds their number to the folded count: if the count grew by exactly the number of marks
 * this copy had seen and that are gone, every mark it has not seen is still there.
 */
export function placesChangedSince(copy: Pick<ActivePlacesCopy, "folded" | "seenMarks">, changes: CoverageChanges): Set<string> | null {
  const present = new Set(changes.marks.map((m) => m.id));
  let gone = 0;
  for (const id of copy.seenMarks) if (!present.has(id)) gone++;
  if (changes.folded - copy.folded !== gone) return null;
  const changed = new Set<string>();
  for (const mark of changes.marks) {
    if (copy.seenMarks.has(mark.id)) continue;
    if (mark.placeIds === null) return null;
    for (const id of mark.placeIds) changed.add(id);
    if (changed.size > MOST_CHANGED_PLACES) return null;
  }
  return changed;
}

export interface WhatIfOutcome {
  /** What the person chose, in words: « le centre de Nérac », « Médiathèque de Nérac ». */
  siteLabel: string;
  result: WhatIfResult;
}

export interface CoveragePageData extends LoadedCoverage {
  params: CoverageParams;
  errors: FieldError[];
  whatIf: WhatIfOutcome | null;
  recommendation: Recommendation;
  /** Places of the département with no active permanence under the filters: where one could be added. */
  placeChoices: PlaceChoice[];
}

export async function coveragePage(deps: CoverageDeps, parsed: { params: CoverageParams; errors: FieldError[] }): Promise<CoveragePageData> {
  const { params } = parsed;
  const errors = [...parsed.errors];
  const loaded = await loadCoverage(deps, params, true);
  const active = new Set(loaded.places.map((p) => p.id));
  const placeChoices = (await loadDepartementPlaces(deps.db, deps.config.departement.code)).filter((p) => !active.has(p.id));

  let site: { point: Point; label: string } | null = null;
  if (params.whatIfPlace !== null) {
    const place = placeChoices.find((p) => p.id === params.whatIfPlace);
    if (place) site = { point: { latitude: place.latitude, longitude: place.longitude }, label: `${place.name} (${place.commune_name})` };
    else errors.push({ field: "si_lieu", message: "Ce lieu n'est pas dans la liste : choisissez un lieu sans permanence active." });
  } else if (params.whatIfCommune !== null) {
    const commune = loaded.coverage.communes.find((c) => c.code === params.whatIfCommune);
    if (commune?.centre) site = { point: commune.centre, label: `le centre de ${commune.name}` };
    else errors.push({ field: "si_commune", message: "Cette commune n'est pas connue ou n'a pas de position : choisissez-en une autre." });
  }
  return {
    ...loaded,
    params,
    errors,
    whatIf: site ? { siteLabel: site.label, result: whatIf(loaded.coverage.communes, site.point, params.whatIfRadiusKm) } : null,
    recommendation: recommendSites(loaded.coverage.communes, params.sites, params.sitesRadiusKm),
    placeChoices,
  };
}
