// The filters of the report lists, exports and API, read from the URL with French query names.
// Pure: the format of each value is checked here; whether an id is one the actor may use (a place,
// an advisor, a person in their scope) is checked by the service against the offered choices.
import type { FieldError } from "../../../web/errors.ts";
import { parseCalendarDate } from "../../calendar/calendar-date.ts";
import { ACTIVITY_TYPES, type ActivityType, isCodeOf, THEMES, type Theme } from "../taxonomy.ts";

export interface ActivityFilters {
  /** Inclusive Paris calendar days, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  type: ActivityType | null;
  theme: Theme | null;
  placeId: string | null;
  beneficiaryId: string | null;
  advisorId: string | null;
  structureId: string | null;
}

/** The query names, as the URL, the form and the API spell them. */
export const FILTER_PARAMS = {
  from: "du",
  to: "au",
  type: "type",
  theme: "thematique",
  placeId: "lieu",
  beneficiaryId: "beneficiaire",
  advisorId: "conseiller",
  structureId: "structure",
} as const satisfies Record<keyof ActivityFilters, string>;

export type FilterParam = (typeof FILTER_PARAMS)[keyof ActivityFilters];

/** What a person typed, kept as typed so a page with errors shows it again. */
export type FilterInput = Record<FilterParam, string>;

export const NO_FILTERS: ActivityFilters = {
  from: null,
  to: null,
  type: null,
  theme: null,
  placeId: null,
  beneficiaryId: null,
  advisorId: null,
  structureId: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.trim() : typeof first === "number" ? String(first) : "";
}

export function readFilterInput(query: Record<string, unknown>): FilterInput {
  const input = {} as FilterInput;
  for (const param of Object.values(FILTER_PARAMS)) input[param] = text(query[param]).slice(0, 100);
  return input;
}

/** "2026-03-15", or the French "15/03/2026" some browsers without a date picker let people type. */
export function parseDay(value: string): string | null {
  const iso = parseCalendarDate(value, { french: true });
  if (iso === null) return null;
  const year = Number(iso.slice(0, 4));
  return year >= 2000 && year <= 2100 ? iso : null;
}

/** Checks the format of each filter; an empty value means "no filter". */
export function parseFilters(input: FilterInput): { filters: ActivityFilters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const filters: ActivityFilters = { ...NO_FILTERS };
  const day = (param: "du" | "au", label: string) => {
    if (input[param] === "") return null;
    const parsed = parseDay(input[param]);
    if (parsed === null) errors.push({ field: param, message: `${label} n'est pas une date valide. Écrivez-la comme 15/03/2026.` });
    return parsed;
  };
  filters.from = day("du", "La date de début");
  filters.to = day("au", "La date de fin");
  if (filters.from !== null && filters.to !== null && filters.to < filters.from) {
    errors.push({ field: "au", message: "La date de fin doit être le même jour ou après la date de début." });
  }
  if (input.type !== "") {
    if (isCodeOf(ACTIVITY_TYPES, input.type)) filters.type = input.type;
    else errors.push({ field: "type", message: "Choisissez un type d'activité de la liste." });
  }
  if (input.thematique !== "") {
    if (isCodeOf(THEMES, input.thematique)) filters.theme = input.thematique;
    else errors.push({ field: "thematique", message: "Choisissez une thématique de la liste." });
  }
  const id = (param: "lieu" | "beneficiaire" | "conseiller" | "structure", message: string): string | null => {
    if (input[param] === "") return null;
    if (isUuid(input[param])) return input[param].toLowerCase();
    errors.push({ field: param, message });
    return null;
  };
  filters.placeId = id("lieu", "Choisissez un lieu de la liste.");
  filters.beneficiaryId = id("beneficiaire", "Choisissez une personne de la liste.");
  filters.advisorId = id("conseiller", "Choisissez un conseiller ou une conseillère de la liste.");
  filters.structureId = id("structure", "Choisissez une structure de la liste.");
  return { filters, errors };
}

/** The filters as URL parameters (for pagination, export links and the API's own links). */
export function filterParams(filters: ActivityFilters): Record<FilterParam, string | null> {
  return {
    du: filters.from,
    au: filters.to,
    type: filters.type,
    thematique: filters.theme,
    lieu: filters.placeId,
    beneficiaire: filters.beneficiaryId,
    conseiller: filters.advisorId,
    structure: filters.structureId,
  };
}

export function hasFilters(filters: ActivityFilters): boolean {
  return Object.values(filters).some((v) => v !== null);
}
