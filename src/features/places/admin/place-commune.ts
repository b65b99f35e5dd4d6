// Finding the commune a person typed (name or postcode) and checking the postcode against it.
import type { DbOrTx } from "../../../db/schema.ts";
import { type CommuneMatch, searchCommunes } from "../../territory/territory.repository.ts";
import { parseCommuneQuery, searchKey } from "../../territory/territory.ts";

export type CommuneResolution =
  | { kind: "found"; commune: CommuneMatch }
  | { kind: "ambiguous"; choices: CommuneMatch[] }
  | { kind: "unknown" };

/** One commune when the text (or the « Précisez » choice among its matches) designates one. */
export async function resolveCommune(db: DbOrTx, departement: string, text: string, choice: string | null): Promise<CommuneResolution> {
  const query = parseCommuneQuery(text);
  const matches = await searchCommunes(db, departement, query, 12);
  const chosen = choice ? matches.find((m) => m.code === choice) : undefined;
  if (chosen) return { kind: "found", commune: chosen };
  if (matches.length === 0) return { kind: "unknown" };
  if (matches.length === 1) return { kind: "found", commune: matches[0]! };
  if (query.kind === "name") {
    const exact = matches.filter((m) => searchKey(m.name) === query.key);
    if (exact.length === 1) return { kind: "found", commune: exact[0]! };
  }
  return { kind: "ambiguous", choices: matches.slice(0, 10) };
}

/** The postcode to store, or the French error. A commune with one postcode fills it in. */
export function checkPostcode(commune: CommuneMatch, typed: string | null, communeText: string): { postcode: string } | { error: string } {
  const fromText = communeText.replace(/\s/g, "");
  const candidate = typed ?? (commune.postcodes.includes(fromText) ? fromText : commune.postcodes.length === 1 ? commune.postcodes[0]! : null);
  if (candidate === null) return { error: `Indiquez le code postal : pour ${commune.name}, ${commune.postcodes.join(" ou ")}.` };
  if (!commune.postcodes.includes(candidate)) {
    return {
      error:
        commune.postcodes.length === 1
          ? `Le code postal de ${commune.name} est ${commune.postcodes[0]}.`
          : `Les codes postaux de ${commune.name} sont ${commune.postcodes.join(", ")}.`,
    };
  }
  return { postcode: candidate };
}
