// The dashboard's commune filters are text fields (a 319-option select twice was half the page): a person
// types a name or an INSEE code, with or without JavaScript, and the page finds the commune here.
import type { Option } from "./stats-choices.repository.ts";

/** The query names of the commune filters, and the name of what each one is about, for messages. */
export const COMMUNE_FIELDS = { commune: "où a eu lieu l'activité", commune_residence: "de résidence" } as const;
type CommuneField = keyof typeof COMMUNE_FIELDS;

const INSEE = /^(\d{5}|2[AB]\d{3})$/i;

/** Case, accents, hyphens and apostrophes do not matter: « saint-pierre-de-clairac » = « Saint Pierre de Clairac ». */
export function normaliseCommuneName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\bste\b/g, "sainte")
    .replace(/\bst\b/g, "saint")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export type CommuneInput = { kind: "empty" } | { kind: "found"; code: string } | { kind: "unknown"; suggestions: string[] };

/** A typed code, a name, or what the suggestions fill in (« Nérac », « Nérac (47195) »). */
export function findCommune(text: string, communes: readonly Option[]): CommuneInput {
  const typed = text.trim();
  if (typed === "") return { kind: "empty" };
  const code = typed.match(/\((\d{5}|2[AB]\d{3})\)\s*$/i)?.[1] ?? (INSEE.test(typed) ? typed : null);
  if (code !== null) {
    const known = communes.find((c) => c.value.toUpperCase() === code.toUpperCase());
    return known ? { kind: "found", code: known.value } : { kind: "unknown", suggestions: [] };
  }
  const wanted = normaliseCommuneName(typed);
  const same = communes.filter((c) => normaliseCommuneName(c.label) === wanted);
  if (same.length === 1 && same[0]) return { kind: "found", code: same[0].value };
  const starting = communes.filter((c) => normaliseCommuneName(c.label).startsWith(wanted));
  if (same.length === 0 && starting.length === 1 && starting[0]) return { kind: "found", code: starting[0].value };
  const near = (same.length > 1 ? same : starting.length > 0 ? starting : communes.filter((c) => normaliseCommuneName(c.label).includes(wanted)))
    .slice(0, 5)
    .map((c) => (same.length > 1 ? `${c.label} (${c.value})` : c.label));
  return { kind: "unknown", suggestions: near };
}

/** The query with commune names replaced by their codes, and a French message for each one not found. */
export function resolveCommuneFields(
  query: Record<string, unknown>,
  communes: readonly Option[],
): { query: Record<string, unknown>; errors: Partial<Record<CommuneField, string>> } {
  const resolved = { ...query };
  const errors: Partial<Record<CommuneField, string>> = {};
  for (const field of Object.keys(COMMUNE_FIELDS) as CommuneField[]) {
    const value = query[field];
    if (typeof value !== "string") continue;
    const found = findCommune(value, communes);
    if (found.kind === "found") resolved[field] = found.code;
    if (found.kind === "unknown") {
      errors[field] =
        found.suggestions.length > 0
          ? `Plusieurs communes ou aucune ne correspondent à « ${value.trim()} » : ${found.suggestions.join(", ")}. Tapez le nom complet.`
          : `Aucune commune du département ne s'appelle « ${value.trim()} » : vérifiez l'orthographe ou tapez son code INSEE.`;
    }
  }
  return { query: resolved, errors };
}

/** What the field shows: the commune's name when the URL carries its code, else what was typed. */
export function communeShown(value: string | undefined, communes: readonly Option[]): string {
  if (!value) return "";
  return communes.find((c) => c.value.toUpperCase() === value.toUpperCase())?.label ?? value;
}
