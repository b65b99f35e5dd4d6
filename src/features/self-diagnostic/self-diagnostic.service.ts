// Use cases of the self-diagnostic: count one completed, and build the result page (the diagnosis, the
// commune the person typed, the workshops to propose). Nothing about the person is stored.
import type { DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import { searchCommunes } from "../territory/commune-search.service.ts";
import { type CommuneMatch, findSearchableCommune } from "../territory/territory.repository.ts";
import { candidateWorkshops, countTaken } from "./self-diagnostic.repository.ts";
import { type Answer, type Diagnosis, diagnose } from "./self-diagnostic.ts";
import { type NeedSuggestions, SUGGESTION_LIMITS, suggestWorkshops } from "./workshop-match.ts";

export interface SelfDiagnosticDeps {
  db: DbOrTx;
  now: () => Date;
  departement: string;
}

/** How many coming workshops are read to choose from: enough for three areas near and remote. */
const CANDIDATES = 300;

export async function recordCompleted(deps: SelfDiagnosticDeps): Promise<void> {
  await countTaken(deps.db, toParis(deps.now()).date);
}

export type CommuneChoice =
  | { kind: "none" }
  | { kind: "found"; commune: CommuneMatch }
  | { kind: "unclear"; error: string; matches: CommuneMatch[] };

/** The commune typed (a name or a postcode) or chosen from a list (its INSEE code). */
export async function communeFor(deps: SelfDiagnosticDeps, text: string, code: string): Promise<CommuneChoice> {
  if (/^[0-9][0-9AB][0-9]{3}$/.test(code)) {
    const commune = await findSearchableCommune(deps.db, deps.departement, code);
    if (commune) return { kind: "found", commune };
  }
  if (text.trim() === "") return { kind: "none" };
  const search = await searchCommunes(deps.db, deps.departement, text, 6);
  if (search.designated) return { kind: "found", commune: search.designated };
  if (search.matches.length === 0) {
    return { kind: "unclear", error: "Nous ne trouvons pas cette commune dans le département. Vérifiez l'orthographe ou tapez le code postal.", matches: [] };
  }
  return { kind: "unclear", error: "Plusieurs communes correspondent : choisissez la vôtre dans la liste.", matches: search.matches };
}

export interface ResultModel {
  code: string;
  diagnosis: Diagnosis;
  commune: CommuneChoice;
  communeText: string;
  suggestions: NeedSuggestions[];
}

export async function resultFor(deps: SelfDiagnosticDeps, code: string, answers: Answer[], commune: CommuneChoice, communeText: string): Promise<ResultModel> {
  const diagnosis = diagnose(answers);
  const needs = diagnosis.needs.slice(0, SUGGESTION_LIMITS.needs);
  const levels = [...new Set(needs.map((n) => n.level))];
  const themes = [...new Set(needs.flatMap((n) => n.area.themes))];
  const candidates = await candidateWorkshops(deps.db, deps.now(), levels, themes, CANDIDATES);
  const c = commune.kind === "found" ? commune.commune : null;
  const origin = c && c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null;
  return { code, diagnosis, commune, communeText, suggestions: suggestWorkshops(needs, candidates, origin) };
}
