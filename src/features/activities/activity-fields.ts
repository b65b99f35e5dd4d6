// Small readers for untrusted report input (form strings or API JSON): each returns a value or
// records a French error. Used only by activity.ts.
import { type CodeOf, isCodeOf, type TaxonomyOption } from "./taxonomy.ts";

export interface FieldError {
  field: string;
  message: string;
}

export class ErrorList {
  readonly errors: FieldError[] = [];
  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }
}

/** Absent, null, blank text, an empty list or an object whose values are all empty. */
export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === "object") return Object.values(value).every((v) => isEmpty(v) || v === 0 || v === "0");
  return false;
}

export function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** One code of the table, or null when empty; an unknown value is an error. */
export function oneOf<T extends readonly TaxonomyOption[]>(
  table: T,
  value: unknown,
  field: string,
  errors: ErrorList,
): CodeOf<T> | null {
  if (isEmpty(value)) return null;
  const code = text(value);
  if (isCodeOf(table, code)) return code;
  errors.add(field, "Ce choix n'existe pas : choisissez une option de la liste.");
  return null;
}

/** Codes of the table, without duplicates, in table order. A single string counts as one value. */
export function someOf<T extends readonly TaxonomyOption[]>(
  table: T,
  value: unknown,
  field: string,
  errors: ErrorList,
): CodeOf<T>[] {
  if (isEmpty(value)) return [];
  const values = (Array.isArray(value) ? value : [value]).filter((v) => !isEmpty(v)).map(text);
  if (values.some((v) => !isCodeOf(table, v))) {
    errors.add(field, "Un des choix n'existe pas : choisissez parmi les options de la liste.");
  }
  return table.filter((option) => values.includes(option.code)).map((option) => option.code as CodeOf<T>);
}

/** A whole number from a number or a numeric string; undefined when empty, NaN when not a whole number. */
export function wholeNumber(value: unknown): number | undefined {
  if (isEmpty(value)) return undefined;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : Number.NaN;
}

export function yesNo(value: unknown, field: string, errors: ErrorList): boolean | null {
  if (isEmpty(value)) return null;
  if (value === true || value === "oui") return true;
  if (value === false || value === "non") return false;
  errors.add(field, "Répondez par oui ou par non.");
  return null;
}

export function identifiers(value: unknown, field: string, errors: ErrorList): string[] {
  if (isEmpty(value)) return [];
  const values = (Array.isArray(value) ? value : [value]).filter((v) => !isEmpty(v));
  const ids = values.map(text);
  if (ids.some((id) => id === null)) errors.add(field, "Une des personnes choisies est introuvable.");
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

const INSEE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;

/** An INSEE commune code (5 characters; Corsica 2A/2B), upper-cased. */
export function communeCode(value: unknown): string | null | undefined {
  const code = text(value)?.toUpperCase() ?? null;
  if (code === null) return null;
  return INSEE_CODE.test(code) ? code : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD, or null. */
export function calendarDate(value: unknown): string | null {
  const raw = text(value);
  const match = raw === null ? null : ISO_DATE.exec(raw);
  if (match === null) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? raw : null;
}
