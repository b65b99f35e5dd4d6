// The coverage page's URL parameters (shared with the API for the filters), their checks with French
// messages, the ranking of the least-served communes, and the CSV of the per-commune table.
import type { FieldError } from "../../web/errors.ts";
import { EMPLOYER_KINDS, STRUCTURE_KINDS, type StructureKind } from "../organisation/organisation.ts";
import { spreadsheetCsvLine } from "../places/opendata/csv.ts";
import { byCode, SERVICES } from "../places/place-standard.ts";
import { type CommuneCoverage, roundTenth } from "./coverage.ts";

export const PAGE_SIZE = 20;
export const DEFAULT_WHAT_IF_RADIUS_KM = 10;
export const DEFAULT_SITES = 5;
export const MAX_SITES = 20;
export const DEFAULT_SITES_RADIUS_KM = 10;
export const MAX_RADIUS_KM = 50;
/** Communes farther than this from help come first in the ranking. */
export const FAR_KM = 10;

export interface CoverageFilters {
  /** Codes of SERVICES: a place must offer each. */
  services: string[];
  /** Employer kinds (the place's structure): a place of any of them counts. */
  employers: StructureKind[];
}

export interface CoverageParams extends CoverageFilters {
  page: number;
  whatIfCommune: string | null;
  whatIfPlace: string | null;
  whatIfRadiusKm: number;
  sites: number;
  sitesRadiusKm: number;
}

export type RawQuery = Record<string, string | string[] | undefined>;

function many(raw: RawQuery, key: string): string[] {
  const value = raw[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(list.map((v) => v.trim()).filter((v) => v !== ""))];
}

function one(raw: RawQuery, key: string): string | null {
  const list = many(raw, key);
  return list[list.length - 1] ?? null;
}

function integer(raw: RawQuery, key: string, min: number, max: number, fallback: number, message: string, errors: FieldError[]): number {
  const text = one(raw, key);
  if (text === null) return fallback;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (n >= min && n <= max) return n;
  errors.push({ field: key, message });
  return fallback;
}

export function parseFilters(raw: RawQuery, errors: FieldError[]): CoverageFilters {
  const services = many(raw, "service");
  const unknownServices = services.filter((s) => !byCode(SERVICES, s));
  if (unknownServices.length > 0) errors.push({ field: "service", message: `Service inconnu : ${unknownServices.join(", ")}.` });
  const employers = many(raw, "employeur");
  const unknownEmployers = employers.filter((e) => !(EMPLOYER_KINDS as string[]).includes(e));
  if (unknownEmployers.length > 0) errors.push({ field: "employeur", message: `Type d'employeur inconnu : ${unknownEmployers.join(", ")}.` });
  return {
    services: services.filter((s) => byCode(SERVICES, s)),
    employers: employers.filter((e): e is StructureKind => (EMPLOYER_KINDS as string[]).includes(e)),
  };
}

export function parseCoverageParams(raw: RawQuery): { params: CoverageParams; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const filters = parseFilters(raw, errors);
  const commune = one(raw, "si_commune");
  if (commune !== null && !/^(\d{5}|2[AB]\d{3})$/i.test(commune)) errors.push({ field: "si_commune", message: "Choisissez une commune dans la liste." });
  const place = one(raw, "si_lieu");
  if (place !== null && !/^[0-9a-f-]{36}$/i.test(place)) errors.push({ field: "si_lieu", message: "Choisissez un lieu dans la liste." });
  const radius = `La distance est un nombre entier de kilomètres, de 1 à ${MAX_RADIUS_KM}.`;
  return {
    params: {
      ...filters,
      page: integer(raw, "page", 1, 9999, 1, "Le numéro de page est un nombre entier à partir de 1.", errors),
      whatIfCommune: commune !== null && /^(\d{5}|2[AB]\d{3})$/i.test(commune) ? commune.toUpperCase() : null,
      whatIfPlace: place !== null && /^[0-9a-f-]{36}$/i.test(place) ? place.toLowerCase() : null,
      whatIfRadiusKm: integer(raw, "si_rayon_km", 1, MAX_RADIUS_KM, DEFAULT_WHAT_IF_RADIUS_KM, radius, errors),
      sites: integer(raw, "nb_sites", 1, MAX_SITES, DEFAULT_SITES, `Le nombre de communes est un nombre entier de 1 à ${MAX_SITES}.`, errors),
      sitesRadiusKm: integer(raw, "rayon_sites_km", 1, MAX_RADIUS_KM, DEFAULT_SITES_RADIUS_KM, radius, errors),
    },
    errors,
  };
}

/** The filters as a URL query (repeated keys), for links that keep them. */
export function filterQuery(filters: CoverageFilters, extra: Record<string, string | number | null> = {}): string {
  const out = new URLSearchParams();
  for (const s of filters.services) out.append("service", s);
  for (const e of filters.employers) out.append("employeur", e);
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== "") out.set(key, String(value));
  const text = out.toString();
  return text ? `?${text}` : "";
}

export function employerLabel(kind: StructureKind): string {
  return STRUCTURE_KINDS[kind];
}

/**
 * Least served first: communes farther than 10 km from help (or with no help or no centre known) by
 * population, largest first, then by distance; then the others, farthest first. Plainly: where the
 * most people live far from help.
 */
export function rankLeastServed(communes: readonly CommuneCoverage[]): CommuneCoverage[] {
  const far = (c: CommuneCoverage) => c.nearest === null || c.nearest.distanceKm > FAR_KM;
  const distance = (c: CommuneCoverage) => c.nearest?.distanceKm ?? Number.POSITIVE_INFINITY;
  return [...communes].sort((a, b) => {
    const fa = far(a);
    const fb = far(b);
    if (fa !== fb) return fa ? -1 : 1;
    if (fa) return b.population - a.population || distance(b) - distance(a) || a.code.localeCompare(b.code);
    return distance(b) - distance(a) || b.population - a.population || a.code.localeCompare(b.code);
  });
}

export const CSV_COLUMNS = [
  "code_insee",
  "nom",
  "population",
  "distance_km",
  "lieu_id",
  "lieu_nom",
  "distance_sans_rdv_km",
  "heures_10km",
  "heures_20km",
] as const;

const km = (n: number | null | undefined) => (n === null || n === undefined ? "" : roundTenth(n).toFixed(1));

/** RFC 4180 with a byte order mark (spreadsheets then read the accents right); decimal point, empty when unknown. */
export function coverageCsv(communes: readonly CommuneCoverage[]): string {
  const lines = [`\ufeff${spreadsheetCsvLine(CSV_COLUMNS)}`];
  for (const c of communes) {
    lines.push(
      spreadsheetCsvLine([
        c.code,
        c.name,
        String(c.population),
        km(c.nearest?.distanceKm),
        c.nearest?.id ?? "",
        c.nearest?.name ?? "",
        km(c.nearestDropInKm),
        km(c.hoursWithin10Km),
        km(c.hoursWithin20Km),
      ]),
    );
  }
  return lines.join("");
}
