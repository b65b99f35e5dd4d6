// Anonymous participants of a workshop: a total and, optionally, how many by gender, age band and
// social status (the national tool's categories). Whatever is not broken down is « non communiqué ».
import { type ErrorList, isEmpty, wholeNumber } from "./activity-fields.ts";
import { AGE_BANDS, type AgeBand, GENDERS, type Gender, SOCIAL_STATUSES, type SocialStatus, type TaxonomyOption } from "./taxonomy.ts";

export const MAX_ANONYMOUS_PARTICIPANTS = 999;

/** Anonymous participants; each breakdown sums to `total` (the remainder is « non communiqué »). */
export interface AnonymousParticipants {
  total: number;
  genders: Record<Gender, number>;
  ageBands: Record<AgeBand, number>;
  socialStatuses: Record<SocialStatus, number>;
}

export function checkAnonymousParticipants(value: unknown, errors: ErrorList): AnonymousParticipants {
  const field = "anonymousParticipants";
  const input = asRecord(value);
  if (!isEmpty(value) && input === null) errors.add(field, "Nombre de participants illisible.");
  const total = count(input?.total, `${field}.total`, errors);
  return {
    total,
    genders: breakdown(GENDERS, input?.genders, total, `${field}.genders`, errors),
    ageBands: breakdown(AGE_BANDS, input?.ageBands, total, `${field}.ageBands`, errors),
    socialStatuses: breakdown(SOCIAL_STATUSES, input?.socialStatuses, total, `${field}.socialStatuses`, errors),
  };
}

function count(value: unknown, field: string, errors: ErrorList): number {
  const n = wholeNumber(value);
  if (n === undefined) return 0;
  if (Number.isNaN(n) || n < 0 || n > MAX_ANONYMOUS_PARTICIPANTS) {
    errors.add(field, `Indiquez un nombre entier entre 0 et ${MAX_ANONYMOUS_PARTICIPANTS}.`);
    return 0;
  }
  return n;
}

/** Counts per code of one dimension; what is not given is « non communiqué », so the counts sum to total. */
function breakdown<T extends readonly TaxonomyOption[]>(
  table: T,
  value: unknown,
  total: number,
  field: string,
  errors: ErrorList,
): Record<T[number]["code"], number> {
  const given = asRecord(value) ?? {};
  if (!isEmpty(value) && asRecord(value) === null) errors.add(field, "Répartition illisible.");
  const unknown = Object.keys(given).filter((code) => !table.some((option) => option.code === code) && !isEmpty(given[code]));
  if (unknown.length > 0) errors.add(field, "Un des choix n'existe pas : choisissez parmi les options de la liste.");
  const counts = Object.fromEntries(table.map((option) => [option.code, count(given[option.code], `${field}.${option.code}`, errors)])) as Record<
    T[number]["code"],
    number
  >;
  const known = table.reduce((sum, option) => sum + (option.code === "non-communique" ? 0 : counts[option.code as T[number]["code"]]), 0);
  if (known > total) {
    errors.add(field, `La répartition compte ${known} personnes, plus que les ${total} participants anonymes.`);
    return counts;
  }
  (counts as Record<string, number>)["non-communique"] = total - known;
  return counts;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
