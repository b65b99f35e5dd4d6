// Calendar dates written YYYY-MM-DD, checked once for every form, query and API parameter.
// Pure and without `Date`, so no text can make it throw: « 2026-13-01 » or « 9999-12-31 » are not
// days anyone books, searches or reports, and reached date arithmetic as RangeError before.

/** The years a date may name: wide enough for birth years and archives, narrow enough for arithmetic. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * 'YYYY-MM-DD' when the text is a real day between MIN_YEAR and MAX_YEAR, else null.
 * With `french`, « 24/12/2026 » (typed where a browser has no date picker) is read too.
 */
export function parseCalendarDate(text: unknown, options: { french?: boolean } = {}): string | null {
  if (typeof text !== "string") return null;
  const french = options.french ? FRENCH.exec(text) : null;
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, "0")}-${french[1]!.padStart(2, "0")}` : text;
  const match = ISO.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  return day >= 1 && day <= daysInMonth(year, month) ? iso : null;
}

export function isCalendarDate(text: unknown): text is string {
  return parseCalendarDate(text) !== null;
}
