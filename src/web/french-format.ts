// How every page writes times, durations and phone numbers in French, in one place. Pure.
// Times and durations hold non-breaking spaces (« 13 h 30 » never breaks across two lines on a phone);
// phone numbers read in pairs, « 06 12 34 56 78 », whatever way they were typed.

/** The non-breaking space inside « 13 h 30 ». */
export const NBSP = "\u00a0";

/** « 9 h », « 13 h 30 », from hours and minutes. */
export function clockTime(hours: number, minutes: number): string {
  return minutes === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(minutes).padStart(2, "0")}`;
}

/** « 9 h », « 13 h 30 », from "09:00" or "13:30:00". */
export function clockTimeOf(time: string): string {
  const [h, m] = time.split(":");
  return clockTime(Number(h), Number(m ?? 0));
}

/** « 9 h – 12 h 30 ». */
export function clockRange(start: string, end: string): string {
  return `${start}${NBSP}– ${end}`;
}

/** « 45 min », « 1 h », « 1 h 30 » (also more than 24 h: « 30 h »). */
export function durationText(minutes: number): string {
  const total = Math.round(minutes);
  if (total < 60) return `${total}${NBSP}min`;
  return clockTime(Math.floor(total / 60), total % 60);
}

/** « 12,5 h » from an already formatted number of hours. */
export function hoursText(formatted: string): string {
  return `${formatted}${NBSP}h`;
}

/**
 * A French phone number as « 06 12 34 56 78 » (also from +33 6…, 0033 6…, 06.12…); a number that is not
 * a French ten-digit one is returned trimmed, as typed.
 */
export function phoneText(phone: string): string {
  const compact = phone.replace(/[\s.\-()/\u00a0]/g, "");
  let national: string | null = null;
  if (/^0[1-9]\d{8}$/.test(compact)) national = compact;
  else if (/^(\+|00)33(0)?[1-9]\d{8}$/.test(compact)) national = `0${compact.slice(-9)}`;
  if (national === null) return phone.trim();
  return national.replace(/(\d\d)(?=\d)/g, "$1 ");
}

/**
 * The text with its first letter in lower case, for use inside a sentence (« Atelier » → « atelier »);
 * an acronym or an initialism stays as it is (« RDV confirmé », « CAF »).
 */
export function lowerFirst(text: string): string {
  return /^\p{Lu}(?!\p{Lu})/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
