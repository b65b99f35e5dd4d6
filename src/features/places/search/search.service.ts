// The search use case, shared by the page and the API: resolve where from, apply the filters, and say
// when each place found is next open. Returns values for expected outcomes (bad input, several communes).
import type { Config } from "../../../config.ts";
import type { Db } from "../../../db/schema.ts";
import type { FieldError } from "../../../web/errors.ts";
import { addDays, parisToInstant, toParis } from "../../calendar/paris-time.ts";
import type { PermanenceMode } from "../../permanences/permanence.ts";
import { searchCommunes } from "../../territory/commune-search.service.ts";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import type { Point } from "../../territory/territory.ts";
import { formatDay } from "../availability.ts";
import { ensurePlaceOpenings } from "../openings/openings.service.ts";
import { MAX_OPEN_DATE_DAYS, serves } from "../openings/openings.ts";
import { byCode, PUBLICS, SERVICES, SPECIFIC_SUPPORT } from "../place-standard.ts";
import {
  findSearchCommune,
  type NearbyCommune,
  nearestCommunesWithPlaces,
  type PlaceHit,
  type PlaceSearch,
  type SearchAnswer,
  type SearchCommune,
  type SearchFrom,
  searchPlaces,
} from "./search.repository.ts";
import {
  type NextOpeningLimits,
  nextOpeningLimits,
  nextOpeningSentence,
  nextOpeningShown,
  openWindow,
  PAGE_SIZE,
  type SearchParams,
} from "./search.ts";
import { searchApiPlaces } from "./search-api.repository.ts";
import { apiPlaceText } from "./search-api-text.ts";

export interface SearchDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
}

export interface FoundPlace extends PlaceHit {
  nextText: string | null;
}

export type Origin = { kind: "commune"; commune: SearchCommune; located: boolean } | { kind: "point"; latitude: number; longitude: number } | null;

export type SearchOutcome<P = FoundPlace> =
  | { kind: "invalid"; params: SearchParams; errors: FieldError[]; /** Close spellings of a misspelt commune. */ spelling?: CommuneMatch[] }
  | { kind: "choose"; params: SearchParams; choices: CommuneMatch[] }
  | {
      kind: "results";
      params: SearchParams;
      origin: Origin;
      total: number;
      pages: number;
      places: P[];
      /** When nothing matched near a known point: the nearest communes with a matching place. */
      nearby: NearbyCommune[];
    };

const UNKNOWN_COMMUNE: FieldError = { field: "commune", message: "Cette commune n'est pas connue. Cherchez-la par son nom ou son code postal." };

const MODES: Record<string, PermanenceMode[]> = { "sans-rdv": ["drop_in", "both"], "sur-rdv": ["appointment", "both"] };

function values(codes: string[], list: typeof SERVICES): string[] {
  return codes.flatMap((c) => byCode(list, c)?.value ?? []);
}

/** A typed commune name or postcode: one clear match, several to choose from, close spellings, or none. */
async function resolveTypedCommune(
  deps: SearchDeps,
  q: string,
): Promise<{ code: string } | { choices: CommuneMatch[] } | { error: string; spelling?: CommuneMatch[] }> {
  const found = await searchCommunes(deps.db, deps.config.departement.code, q, 12);
  if (found.query.kind === "empty") return { error: "Saisissez le nom de votre commune ou son code postal, par exemple Agen ou 47000." };
  if (found.designated) return { code: found.designated.code };
  if (found.approximate) return { error: `Aucune commune du département ne s'écrit « ${q} ».`, spelling: found.matches };
  if (found.matches.length === 0) {
    return { error: `Aucune commune du département ne correspond à « ${q} ». Vérifiez l'orthographe ou essayez le code postal.` };
  }
  return { choices: found.matches };
}

/** What the caller shows: the page reads typed communes, draws the map and suggests nearby communes; the API does none of it. */
export interface FindHelpOptions {
  /** A typed commune name or postcode (q) is resolved. */
  allowTyped: boolean;
  /** The commune's boundary is read, for the map. */
  map: boolean;
  /** When nothing matches, the nearest communes with a matching place are looked for. */
  suggest: boolean;
}

export const PAGE_OPTIONS: FindHelpOptions = { allowTyped: true, map: true, suggest: true };
export const API_OPTIONS: FindHelpOptions = { allowTyped: false, map: false, suggest: false };

type Parsed = { params: SearchParams; errors: FieldError[] };

/** The search of the page (and of tests): places as objects, with their next opening's sentence. */
export function findHelp(deps: SearchDeps, parsed: Parsed, options: FindHelpOptions): Promise<SearchOutcome> {
  return findHelpWith(deps, parsed, options, searchPlaces, withNextOpening);
}

/** The search of the JSON API: each place as the JSON text of its answer (search-api-text.ts). */
export function findApiHelp(deps: SearchDeps, parsed: Parsed, publicUrl: string): Promise<SearchOutcome<string>> {
  return findHelpWith(deps, parsed, API_OPTIONS, searchApiPlaces, (hit, limits, today) => apiPlaceText(hit, limits, today, publicUrl));
}

/**
 * The search, whatever form its places take: `read` runs the search statement, `present` turns each place
 * read into what the caller shows, knowing the next-opening limits of now and the Paris day.
 */
async function findHelpWith<H, P>(
  deps: SearchDeps,
  parsed: Parsed,
  options: FindHelpOptions,
  read: (db: Db, search: PlaceSearch) => Promise<SearchAnswer<H>>,
  present: (hit: H, limits: NextOpeningLimits, today: string) => P,
): Promise<SearchOutcome<P>> {
  let { params } = parsed;
  if (parsed.errors.length > 0) {
    // Keep the place searched from in the form: its name goes in the commune field.
    const commune = params.commune !== null && params.q === null ? await findSearchCommune(deps.db, params.commune) : undefined;
    return { kind: "invalid", params: commune ? { ...params, q: commune.name } : params, errors: parsed.errors };
  }

  // On the page, a typed commune wins over the place searched before (kept in the URL or hidden fields).
  if (options.allowTyped && params.q !== null) {
    const typed = await resolveTypedCommune(deps, params.q);
    if ("error" in typed) return { kind: "invalid", params, errors: [{ field: "q", message: typed.error }], spelling: typed.spelling ?? [] };
    if ("choices" in typed) return { kind: "choose", params, choices: typed.choices };
    params = { ...params, commune: typed.code, lat: null, lon: null };
  }

  const now = deps.now();
  const today = toParis(now).date;
  const from: SearchFrom =
    params.commune !== null
      ? { kind: "commune", code: params.commune, boundary: options.map }
      : params.lat !== null && params.lon !== null
        ? { kind: "point", latitude: params.lat, longitude: params.lon }
        : { kind: "everywhere" };
  const dateError = openDateError(params.open, today);
  if (dateError) {
    // An unknown commune is said first, as it always was.
    if (from.kind === "commune" && !(await findSearchCommune(deps.db, from.code))) return { kind: "invalid", params, errors: [UNKNOWN_COMMUNE] };
    return { kind: "invalid", params, errors: [{ field: "ouvert", message: dateError }] };
  }
  const window = params.open ? openWindow(params.open, now) : null;
  const search: PlaceSearch = {
    from,
    radiusKm: params.radiusKm,
    services: values(params.services, SERVICES),
    specificSupport: values(params.support, SPECIFIC_SUPPORT),
    publics: values(params.publics, PUBLICS),
    free: params.free,
    remote: params.remote,
    permanenceModes: params.modality ? (MODES[params.modality] ?? null) : null,
    open: window,
    next: nextOpeningLimits(now),
    today,
    departement: deps.config.departement.code,
    page: params.page,
    pageSize: PAGE_SIZE,
  };
  let answer = await read(deps.db, search);
  // The answer says which openings it read: when they do not serve today (a day went by without the daily
  // job) or a write left places stale, make them right and ask again (rare: one statement is the rule).
  if (!answer.openings.horizon || !serves(answer.openings.horizon, today, search.departement) || answer.openings.stale) {
    await ensurePlaceOpenings(deps.db, now, search.departement);
    answer = await read(deps.db, search);
  }
  let origin: Origin = null;
  let point: Point | null = null;
  if (from.kind === "commune") {
    const commune = answer.commune;
    if (!commune) return { kind: "invalid", params, errors: [UNKNOWN_COMMUNE] };
    const located = commune.latitude !== null && commune.longitude !== null;
    origin = { kind: "commune", commune, located };
    if (located) point = { latitude: commune.latitude as number, longitude: commune.longitude as number };
    // Without a position, the commune's search lists every place by name (rare: a commune without a centre).
    else answer = await read(deps.db, { ...search, from: { kind: "everywhere" } });
  } else if (from.kind === "point") {
    origin = { kind: "point", latitude: from.latitude, longitude: from.longitude };
    point = { latitude: from.latitude, longitude: from.longitude };
  }
  const { total, places } = answer;
  const found = places.map((p) => present(p, search.next, today));
  const nearby = total === 0 && point && options.suggest ? await nearestCommunesWithPlaces(deps.db, search, point, 3) : [];
  return { kind: "results", params, origin, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), places: found, nearby };
}

/** Openings are known from today to MAX_OPEN_DATE_DAYS ahead. */
function openDateError(open: SearchParams["open"], today: string): string | null {
  if (open?.kind !== "date") return null;
  const last = addDays(today, MAX_OPEN_DATE_DAYS);
  if (open.date >= today && open.date <= last) return null;
  return `Choisissez une date entre aujourd'hui et le ${formatDay(parisToInstant(last, "12:00"))}.`;
}

function withNextOpening(place: PlaceHit, limits: NextOpeningLimits, today: string): FoundPlace {
  const next = place.next ? nextOpeningShown(place.next, limits) : null;
  return { ...place, next, nextText: nextOpeningSentence(next, limits.now, today) };
}
