// Finding the commune a person typed (name or postcode) and checking the postcode against it.
import type { DbOrTx } from "../../../db/schema.ts";
import { searchCommunes } from "../../territory/commune-search.service.ts";
import type { CommuneMatch } from "../../territory/territory.repository.ts";

export type CommuneResolution =
  | { kind: "found"; commune: CommuneMatch }
  /** Several communes match, or (misspelt) several spellings are close: the person picks one. */
  | { kind: "ambiguous"; choices: CommuneMatch[]; misspelt: boolean }
  | { kind: "unknown" };

/** One commune when the text (or the « Précisez » choice among its matches) designates one. */
export async function resolveCommune(db: DbOrTx, departement: string, text: string, choice: string | null): Promise<CommuneResolution> {
  const found = await searchCommunes(db, departement, text, 10);
  const chosen = choice ? found.matches.find((m) => m.code === choice) : undefined;
  if (chosen) return { kind: "found", commune: chosen };
  if (found.designated) return { kind: "found", commune: found.designated };
  if (found.matches.length === 0) return { kind: "unknown" };
  return { kind: "ambiguous", choices: found.matches, misspelt: found.approximate };
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
