// The statistics filters read from the URL (French query names of STATS_PARAMS, plus `pas`), and the
// link that writes them back. Pure: formats and codes are checked here; whether the viewer may use a
// scope (an advisor, a structure) is the policy's job.
import type { FieldError } from "../../web/errors.ts";
import { parseDay } from "../activities/list/activity-filters.ts";
import {
  ACTIVITY_TYPES,
  AGE_BANDS,
  GENDERS,
  isCodeOf,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  SOCIAL_STATUSES,
  type TaxonomyOption,
  THEMES,
} from "../activities/taxonomy.ts";
import { addDays, daysBetween } from "../calendar/paris-time.ts";
import { EMPLOYER_KINDS } from "../organisation/organisation.ts";
import { GRANULARITIES, type Granularity, STATS_PARAMS, type StatsFilters } from "./statistics.ts";

/** The query name of the series' step. */
export const STEP_PARAM = "pas";
/** The longest period one query may cover. */
export const MAX_PERIOD_YEARS = 5;
/** The most buckets a series may have (a daily series over more than a year is refused). */
export const MAX_BUCKETS = 400;

export type StatsParam = (typeof STATS_PARAMS)[keyof StatsFilters] | typeof STEP_PARAM;

export interface ParsedStatsQuery {
  /** What was typed, trimmed, under the French names: a page with errors shows it again. */
  input: Record<string, string>;
  filters: StatsFilters;
  granularity: Granularity;
  errors: FieldError[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSEE = /^(\d{5}|2[AB]\d{3})$/i;
const EPCI = /^\d{9}$/;

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.trim().slice(0, 100) : typeof first === "number" ? String(first) : "";
}

/** The same calendar day `months` months earlier or later (clamped to the month's last day). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The default period: the 12 last months ending on `to` (both ends included). */
export function twelveMonthsEnding(to: string): { from: string; to: string } {
  return { from: addDays(addMonths(to, -12), 1), to };
}

/** ≤ 31 days: by day; ≤ 200 days: by week; longer: by month. */
export function defaultGranularity(from: string, to: string): Granularity {
  const days = daysBetween(from, to) + 1;
  return days <= 31 ? "jour" : days <= 200 ? "semaine" : "mois";
}

export const EMPTY_FILTERS: Omit<StatsFilters, "from" | "to"> = {
  advisorId: null,
  structureId: null,
  epciCode: null,
  communeCode: null,
  employerKind: null,
  type: null,
  theme: null,
  procedureArea: null,
  placeType: null,
  placeId: null,
  gender: null,
  ageBand: null,
  socialStatus: null,
  residenceCommuneCode: null,
};

type CodeKey = "type" | "theme" | "procedureArea" | "placeType" | "gender" | "ageBand" | "socialStatus";
const CODE_FIELDS: [CodeKey, readonly TaxonomyOption[], string][] = [
  ["type", ACTIVITY_TYPES, "Choisissez un type d'activité de la liste."],
  ["theme", THEMES, "Choisissez une thématique de la liste."],
  ["procedureArea", PROCEDURE_AREAS, "Choisissez une démarche administrative de la liste."],
  ["placeType", PLACE_TYPES, "Choisissez un type de lieu de la liste."],
  ["gender", GENDERS, "Choisissez un genre de la liste."],
  ["ageBand", AGE_BANDS, "Choisissez une tranche d'âge de la liste."],
  ["socialStatus", SOCIAL_STATUSES, "Choisissez un statut de la liste."],
];

type FormatKey = "advisorId" | "structureId" | "placeId" | "communeCode" | "residenceCommuneCode" | "epciCode";
const FORMAT_FIELDS: [FormatKey, RegExp, string][] = [
  ["advisorId", UUID, "Choisissez un conseiller ou une conseillère de la liste."],
  ["structureId", UUID, "Choisissez une structure de la liste."],
  ["placeId", UUID, "Choisissez un lieu de la liste."],
  ["communeCode", INSEE, "Choisissez une commune de la liste (code INSEE à 5 caractères)."],
  ["residenceCommuneCode", INSEE, "Choisissez une commune de résidence de la liste (code INSEE à 5 caractères)."],
  ["epciCode", EPCI, "Choisissez une intercommunalité de la liste (numéro SIREN à 9 chiffres)."],
];

export function parseStatsQuery(query: Record<string, unknown>, today: string): ParsedStatsQuery {
  const input: Record<string, string> = {};
  for (const param of [...Object.values(STATS_PARAMS), STEP_PARAM]) input[param] = text(query[param]);
  const errors: FieldError[] = [];
  const day = (param: "du" | "au", label: string): string | null => {
    if (input[param] === "") return null;
    const parsed = parseDay(input[param] ?? "");
    if (parsed === null) errors.push({ field: param, message: `${label} n'est pas une date valide. Écrivez-la comme 15/03/2026.` });
    return parsed;
  };
  const typedFrom = day("du", "La date de début");
  const typedTo = day("au", "La date de fin");
  const to = typedTo ?? today;
  const from = typedFrom ?? twelveMonthsEnding(to).from;
  if (from > to) errors.push({ field: "au", message: "La date de fin doit être le même jour ou après la date de début." });
  else if (from < addDays(addMonths(to, -12 * MAX_PERIOD_YEARS), 1)) {
    errors.push({ field: "du", message: `La période ne peut pas dépasser ${MAX_PERIOD_YEARS} ans : choisissez une date de début plus récente.` });
  }

  const filters: StatsFilters = { from, to, ...EMPTY_FILTERS };
  for (const [key, table, message] of CODE_FIELDS) {
    const value = input[STATS_PARAMS[key]] ?? "";
    if (value === "") continue;
    if (isCodeOf(table, value)) filters[key] = value;
    else errors.push({ field: STATS_PARAMS[key], message });
  }
  for (const [key, pattern, message] of FORMAT_FIELDS) {
    const value = input[STATS_PARAMS[key]] ?? "";
    if (value === "") continue;
    if (pattern.test(value)) filters[key] = key === "communeCode" || key === "residenceCommuneCode" ? value.toUpperCase() : value.toLowerCase();
    else errors.push({ field: STATS_PARAMS[key], message });
  }
  const employer = input[STATS_PARAMS.employerKind] ?? "";
  if (employer !== "") {
    if ((EMPLOYER_KINDS as string[]).includes(employer)) filters.employerKind = employer;
    else errors.push({ field: STATS_PARAMS.employerKind, message: "Choisissez un type de structure employeuse de la liste." });
  }

  const step = input[STEP_PARAM] ?? "";
  let granularity = from <= to ? defaultGranularity(from, to) : "mois";
  if (step !== "") {
    if ((GRANULARITIES as readonly string[]).includes(step)) granularity = step as Granularity;
    else errors.push({ field: STEP_PARAM, message: "Choisissez un pas : jour, semaine ou mois." });
  }
  if (from <= to && bucketCount(from, to, granularity) > MAX_BUCKETS) {
    errors.push({ field: STEP_PARAM, message: "Cette période est trop longue pour un pas aussi court : choisissez la semaine ou le mois." });
  }
  return { input, filters, granularity, errors };
}

/** The filters and step as a query string (no leading "?"), empty values left out. */
export function statsQueryString(filters: StatsFilters, granularity: Granularity): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(STATS_PARAMS) as (keyof StatsFilters)[]) {
    const value = filters[key];
    if (value !== null && value !== "") params.set(STATS_PARAMS[key], value);
  }
  params.set(STEP_PARAM, granularity);
  return params.toString();
}

/** The first day of the bucket holding `day`. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === "jour") return day;
  if (granularity === "mois") return `${day.slice(0, 8)}01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Every bucket start of the period, in order: the first bucket may begin before `from`. */
export function bucketStarts(from: string, to: string, granularity: Granularity): string[] {
  const starts: string[] = [];
  for (let start = bucketStart(from, granularity); start <= to; ) {
    starts.push(start);
    start = granularity === "jour" ? addDays(start, 1) : granularity === "semaine" ? addDays(start, 7) : addMonths(start, 1);
  }
  return starts;
}

function bucketCount(from: string, to: string, granularity: Granularity): number {
  const days = daysBetween(from, to) + 1;
  if (granularity === "jour") return days;
  if (granularity === "semaine") return Math.ceil(days / 7) + 1;
  return bucketStarts(from, to, "mois").length;
}

export { durationBandOf, suppressSmallCounts } from "./stats-figures.ts";
