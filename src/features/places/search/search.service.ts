// The search use case, shared by the page and the API: resolve where from, apply the filters, and say
// when each place found is next open. Returns values for expected outcomes (bad input, several communes).
import type { Config } from "../../../config.ts";
import type { Db } from "../../../db/schema.ts";
import type { FieldError } from "../../../web/errors.ts";
import { addDays, parisToInstant, toParis } from "../../calendar/paris-time.ts";
import type { PermanenceMode } from "../../permanences/permanence.ts";
import { searchCommunes } from "../../territory/commune-search.service.ts";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import { describeNextOpening, formatDay } from "../availability.ts";
import { ensurePlaceOpenings } from "../openings/openings.service.ts";
import { MAX_OPEN_DATE_DAYS } from "../openings/openings.ts";
import { byCode, PUBLICS, SERVICES, SPECIFIC_SUPPORT } from "../place-standard.ts";
import {
  findSearchCommune,
  type NearbyCommune,
  nearestCommunesWithPlaces,
  type PlaceHit,
  type PlaceSearch,
  type SearchCommune,
  searchPlaces,
} from "./search.repository.ts";
import { type NextOpeningLimits, nextOpeningLimits, nextOpeningShown, openWindow, PAGE_SIZE, type SearchParams } from "./search.ts";

export interface SearchDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
}

export interface FoundPlace extends PlaceHit {
  nextText: string | null;
}

export type Origin = { kind: "commune"; commune: SearchCommune; located: boolean } | { kind: "point"; latitude: number; longitude: number } | null;

export type SearchOutcome =
  | { kind: "invalid"; params: SearchParams; errors: FieldError[]; /** Close spellings of a misspelt commune. */ spelling?: CommuneMatch[] }
  | { kind: "choose"; params: SearchParams; choices: CommuneMatch[] }
  | {
      kind: "results";
      params: SearchParams;
      origin: Origin;
      total: number;
      pages: number;
      places: FoundPlace[];
      /** When nothing matched near a known point: the nearest communes with a matching place. */
      nearby: NearbyCommune[];
    };

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

export async function findHelp(deps: SearchDeps, parsed: { params: SearchParams; errors: FieldError[] }, allowTyped: boolean): Promise<SearchOutcome> {
  let { params } = parsed;
  if (parsed.errors.length > 0) {
    // Keep the place searched from in the form: its name goes in the commune field.
    const commune = params.commune !== null && params.q === null ? await findSearchCommune(deps.db, params.commune) : undefined;
    return { kind: "invalid", params: commune ? { ...params, q: commune.name } : params, errors: parsed.errors };
  }

  // On the page, a typed commune wins over the place searched before (kept in the URL or hidden fields).
  if (allowTyped && params.q !== null) {
    const typed = await resolveTypedCommune(deps, params.q);
    if ("error" in typed) return { kind: "invalid", params, errors: [{ field: "q", message: typed.error }], spelling: typed.spelling ?? [] };
    if ("choices" in typed) return { kind: "choose", params, choices: typed.choices };
    params = { ...params, commune: typed.code, lat: null, lon: null };
  }

  let origin: Origin = null;
  if (params.commune !== null) {
    const commune = await findSearchCommune(deps.db, params.commune);
    if (!commune) return { kind: "invalid", params, errors: [{ field: "commune", message: "Cette commune n'est pas connue. Cherchez-la par son nom ou son code postal." }] };
    origin = { kind: "commune", commune, located: commune.latitude !== null && commune.longitude !== null };
  } else if (params.lat !== null && params.lon !== null) {
    origin = { kind: "point", latitude: params.lat, longitude: params.lon };
  }
  const point =
    origin?.kind === "point"
      ? { latitude: origin.latitude, longitude: origin.longitude }
      : origin?.kind === "commune" && origin.located
        ? { latitude: origin.commune.latitude as number, longitude: origin.commune.longitude as number }
        : null;

  const now = deps.now();
  const today = toParis(now).date;
  const dateError = openDateError(params.open, today);
  if (dateError) return { kind: "invalid", params, errors: [{ field: "ouvert", message: dateError }] };
  const window = params.open ? openWindow(params.open, now) : null;
  const search: PlaceSearch = {
    origin: point,
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
  await ensurePlaceOpenings(deps.db, now, search.departement);
  const { total, places } = await searchPlaces(deps.db, search);
  const found = places.map((p) => withNextOpening(p, search.next));
  const nearby = total === 0 && point ? await nearestCommunesWithPlaces(deps.db, { ...search, origin: point }, 3) : [];
  return { kind: "results", params, origin, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), places: found, nearby };
}

/** Openings are known from today to MAX_OPEN_DATE_DAYS ahead. */
function openDateError(open: SearchParams["open"], today: string): string | null {
  if (open?.kind !== "date") return null;
  const last = addDays(today, MAX_OPEN_DATE_DAYS);
  if (open.date >= today && open.date <= last) return null;
  return `Choisissez une date entre aujourd'hui et le ${formatDay(parisToInstant(last, "12:00"))}.`;
}

function withNextOpening(place: PlaceHit, limits: NextOpeningLimits): FoundPlace {
  const next = place.next ? nextOpeningShown(place.next, limits) : null;
  return { ...place, next, nextText: describeNextOpening(next ? [next] : [], limits.now) };
}
