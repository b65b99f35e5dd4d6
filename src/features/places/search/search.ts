// The public search of help places: its URL parameters (shared by the page and the API), their checks
// with French messages, the bounding box that prefilters a radius, and how distances are shown.

import type { FieldError } from "../../../web/errors.ts";
import { isCalendarDate } from "../../calendar/calendar-date.ts";
import { addDays, parisToInstant, toParis } from "../../calendar/paris-time.ts";
import type { Point } from "../../territory/territory.ts";
import { describeNextOpening } from "../availability.ts";
import type { Opening } from "../openings/openings.ts";
import { byCode, type EnumOption, PUBLICS, SERVICES, SPECIFIC_SUPPORT } from "../place-standard.ts";

export const PAGE_SIZE = 20;
export const DEFAULT_RADIUS_KM = 20;
export const MIN_RADIUS_KM = 1;
export const MAX_RADIUS_KM = 100;
/** The radii offered in the form and in the « search wider » links. */
export const RADIUS_CHOICES = [5, 10, 20, 30, 50, 100];
export const EARTH_RADIUS_KM = 6371.0088;

export type OpenFilter = { kind: "now" } | { kind: "date"; date: string };
export type Modality = "sans-rdv" | "sur-rdv";

/** The search as the URL says it, checked: codes, not national values. */
export interface SearchParams {
  q: string | null;
  commune: string | null;
  lat: number | null;
  lon: number | null;
  radiusKm: number;
  services: string[];
  open: OpenFilter | null;
  modality: Modality | null;
  free: boolean;
  support: string[];
  publics: string[];
  remote: boolean;
  page: number;
}

export type RawQuery = Record<string, string | string[] | undefined>;

export const EMPTY_SEARCH: SearchParams = {
  q: null,
  commune: null,
  lat: null,
  lon: null,
  radiusKm: DEFAULT_RADIUS_KM,
  services: [],
  open: null,
  modality: null,
  free: false,
  support: [],
  publics: [],
  remote: false,
  page: 1,
};

function one(raw: RawQuery, key: string): string | null {
  const value = raw[key];
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  const trimmed = text?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function many(raw: RawQuery, key: string): string[] {
  const value = raw[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(list.map((v) => v.trim()).filter((v) => v !== ""))];
}

function decimal(text: string): number | null {
  return /^-?\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : null;
}

function codes(raw: RawQuery, key: string, list: EnumOption[], what: string, errors: FieldError[]): string[] {
  const values = many(raw, key);
  const unknown = values.filter((v) => !byCode(list, v));
  if (unknown.length > 0) errors.push({ field: key, message: `${what} inconnu${unknown.length > 1 ? "s" : ""} : ${unknown.join(", ")}.` });
  return values.filter((v) => byCode(list, v));
}

function flag(raw: RawQuery, key: string, errors: FieldError[]): boolean {
  const value = one(raw, key);
  if (value === null) return false;
  if (value === "1") return true;
  errors.push({ field: key, message: "Seule la valeur 1 est acceptée." });
  return false;
}

/** Checks every parameter; invalid ones are left out of the search and named in the errors. */
export function parseSearchParams(raw: RawQuery): { params: SearchParams; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const params: SearchParams = { ...EMPTY_SEARCH };

  params.q = one(raw, "q");
  const commune = one(raw, "commune");
  if (commune !== null) {
    if (/^(\d{5}|2[AB]\d{3})$/i.test(commune)) params.commune = commune.toUpperCase();
    else errors.push({ field: "commune", message: "Le code INSEE d'une commune a 5 caractères, par exemple 47001." });
  }

  const lat = one(raw, "lat");
  const lon = one(raw, "lon");
  const latitude = lat === null ? null : decimal(lat);
  const longitude = lon === null ? null : decimal(lon);
  if (lat !== null && (latitude === null || Math.abs(latitude) > 90)) {
    errors.push({ field: "lat", message: "La latitude est un nombre décimal entre -90 et 90, par exemple 44.2." });
  }
  if (lon !== null && (longitude === null || Math.abs(longitude) > 180)) {
    errors.push({ field: "lon", message: "La longitude est un nombre décimal entre -180 et 180, par exemple 0.62." });
  }
  if (lat !== null && lon === null) errors.push({ field: "lon", message: "Donnez la longitude avec la latitude." });
  if (lon !== null && lat === null) errors.push({ field: "lat", message: "Donnez la latitude avec la longitude." });
  const pointOk = latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  if (pointOk && params.commune !== null) {
    errors.push({ field: "commune", message: "Donnez une commune ou une position (lat et lon), pas les deux." });
  } else if (pointOk) {
    params.lat = latitude;
    params.lon = longitude;
  }

  const radius = one(raw, "rayon_km");
  if (radius !== null) {
    const n = /^\d{1,3}$/.test(radius) ? Number(radius) : Number.NaN;
    if (n >= MIN_RADIUS_KM && n <= MAX_RADIUS_KM) params.radiusKm = n;
    else errors.push({ field: "rayon_km", message: `La distance est un nombre entier de kilomètres, de ${MIN_RADIUS_KM} à ${MAX_RADIUS_KM}.` });
  }

  params.services = codes(raw, "service", SERVICES, "Service", errors);
  params.support = codes(raw, "accompagnement", SPECIFIC_SUPPORT, "Accompagnement", errors);
  params.publics = codes(raw, "public", PUBLICS, "Public", errors);

  const open = one(raw, "ouvert");
  if (open === "maintenant") params.open = { kind: "now" };
  else if (open !== null && isCalendarDate(open)) params.open = { kind: "date", date: open };
  else if (open !== null) errors.push({ field: "ouvert", message: "Indiquez « maintenant » ou une date au format AAAA-MM-JJ." });

  const modality = one(raw, "modalite");
  if (modality === "sans-rdv" || modality === "sur-rdv") params.modality = modality;
  else if (modality !== null) errors.push({ field: "modalite", message: "Indiquez « sans-rdv » ou « sur-rdv »." });

  params.free = flag(raw, "gratuit", errors);
  params.remote = flag(raw, "distance", errors);

  const page = one(raw, "page");
  if (page !== null) {
    const n = /^\d{1,5}$/.test(page) ? Number(page) : 0;
    if (n >= 1) params.page = n;
    else errors.push({ field: "page", message: "Le numéro de page est un nombre entier à partir de 1." });
  }
  return { params, errors };
}

/** The search as a URL query, repeatable keys repeated, defaults left out; `changes` override. */
export function searchQuery(params: SearchParams, changes: Partial<SearchParams> = {}): string {
  const p = { ...params, ...changes };
  const out = new URLSearchParams();
  if (p.commune) out.set("commune", p.commune);
  else if (p.lat !== null && p.lon !== null) {
    out.set("lat", String(p.lat));
    out.set("lon", String(p.lon));
  } else if (p.q) out.set("q", p.q);
  if (p.radiusKm !== DEFAULT_RADIUS_KM) out.set("rayon_km", String(p.radiusKm));
  for (const s of p.services) out.append("service", s);
  if (p.open) out.set("ouvert", p.open.kind === "now" ? "maintenant" : p.open.date);
  if (p.modality) out.set("modalite", p.modality);
  if (p.free) out.set("gratuit", "1");
  for (const s of p.support) out.append("accompagnement", s);
  for (const s of p.publics) out.append("public", s);
  if (p.remote) out.set("distance", "1");
  if (p.page > 1) out.set("page", String(p.page));
  const text = out.toString();
  return text ? `?${text}` : "";
}

/** True when the search narrows by anything but place and radius. */
export function hasFilters(p: SearchParams): boolean {
  return p.services.length + p.support.length + p.publics.length > 0 || p.open !== null || p.modality !== null || p.free || p.remote;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** The smallest latitude/longitude box holding every point within radiusKm of the origin. */
export function boundingBox(origin: Point, radiusKm: number): BoundingBox {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const minLat = Math.max(-90, origin.latitude - dLat);
  const maxLat = Math.min(90, origin.latitude + dLat);
  // Meridians converge: the box is widest at the latitude nearest a pole.
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos((widest * Math.PI) / 180);
  if (widest >= 90 || cos < 1e-9) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  const dLon = Math.min(180, dLat / cos);
  return { minLat, maxLat, minLon: origin.longitude - dLon, maxLon: origin.longitude + dLon };
}

/** "à 800 m", "à 3,2 km", "à 27 km": precise enough to choose, never falsely exact. */
export function formatDistance(km: number): string {
  if (km < 1) return `à ${Math.max(100, Math.round(km * 10) * 100)} m`;
  if (km < 10) return `à ${km.toFixed(1).replace(".", ",")} km`;
  return `à ${Math.round(km)} km`;
}

export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

/** « près d'Agen », « près du Passage » (Le Passage), « près de Nérac ». */
export function nearCommune(name: string): string {
  if (name.startsWith("Le ")) return `près du ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `près des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔÛ]/i.test(name)) return `près d'${name}`;
  return `près de ${name}`;
}

/**
 * Wider radii to suggest when a search finds nothing: the next two choices, the second one replaced, when
 * needed, by the first that reaches the nearest matching place (nearestKm, when known).
 */
export function widerRadii(radiusKm: number, nearestKm: number | null = null): number[] {
  const wider = RADIUS_CHOICES.filter((r) => r > radiusKm);
  const next = wider.slice(0, 2);
  const reach = nearestKm === null ? undefined : wider.find((r) => r >= nearestKm);
  if (reach === undefined || next.includes(reach)) return next;
  return [...next.slice(0, 1), reach];
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

/** « maintenant » is this minute; a date is that whole day in Paris. */
export function openWindow(filter: OpenFilter, now: Date): TimeWindow {
  if (filter.kind === "now") return { from: now, to: new Date(now.getTime() + 60_000) };
  return { from: parisToInstant(filter.date, "00:00"), to: parisToInstant(addDays(filter.date, 1), "00:00") };
}

/**
 * The next opening as the search always described it: looked for within 7 days first, then within 60
 * (permanences by Paris day, opening hours from now), opening hours cut at the end of the look-ahead.
 */
export interface NextOpeningLimits {
  now: Date;
  /** Opening hours starting before this instant (now + 61 days). */
  hoursBefore: Date;
  /** Permanences on a Paris day before this one's midnight (today + 61 days). */
  permanencesBefore: Date;
  /** The first look-ahead: opening hours before now + 8 days, permanences before today + 8 days. */
  weekHoursBefore: Date;
  weekPermanencesBefore: Date;
}

export const NEXT_OPENING_DAYS = 60;
const FIRST_LOOK_DAYS = 7;

export function nextOpeningLimits(now: Date): NextOpeningLimits {
  const today = toParis(now).date;
  const after = (days: number) => new Date(now.getTime() + (days + 1) * 86_400_000);
  const midnight = (days: number) => parisToInstant(addDays(today, days + 1), "00:00");
  return {
    now,
    hoursBefore: after(NEXT_OPENING_DAYS),
    permanencesBefore: midnight(NEXT_OPENING_DAYS),
    weekHoursBefore: after(FIRST_LOOK_DAYS),
    weekPermanencesBefore: midnight(FIRST_LOOK_DAYS),
  };
}

/** The opening to show: opening hours end where the look-ahead that found them ends. */
export function nextOpeningShown(first: Opening, limits: NextOpeningLimits): Opening {
  if (first.kind !== "hours") return first;
  const withinWeek = first.start < limits.weekHoursBefore;
  const cut = withinWeek ? limits.weekHoursBefore : limits.hoursBefore;
  return first.end > cut ? { ...first, end: cut } : first;
}

/**
 * The sentences already written, by what describeNextOpening reads: the opening, the Paris day of now, whether
 * the opening has started and whether it is over. A page repeats the same openings (hours shared by many
 * places, the same permanence times), and each sentence costs Paris wall-clock and Intl work.
 */
const sentences = new Map<string, string | null>();

/** What a next opening's sentence depends on: the opening, the Paris day, whether it has started, whether it is over. */
export function nextOpeningKey(next: Opening, now: Date, today: string): string {
  const at = now.getTime();
  const start = next.start.getTime();
  const end = next.end.getTime();
  return `${next.kind} ${start} ${end} ${today} ${start <= at} ${end > at}`;
}

/** describeNextOpening of this opening at now (today: now's Paris day), written once per distinct case. */
export function nextOpeningSentence(next: Opening | null, now: Date, today: string): string | null {
  if (!next) return null;
  const key = nextOpeningKey(next, now, today);
  let text = sentences.get(key);
  if (text === undefined) {
    text = describeNextOpening([next], now);
    if (sentences.size >= 10_000) sentences.clear();
    sentences.set(key, text);
  }
  return text;
}
