// The one commune search behind every field where people type a commune: the home page and its results page,
// « Trouver de l'aide », the JSON API and its suggestions script, the place form of the administration.
import type { DbOrTx } from "../../db/schema.ts";
import { type CommuneQuery, type CommuneSearchResult, findCommunes, parseCommuneQuery } from "./commune-search.ts";
import { type CommuneMatch, listSearchableCommunes } from "./territory.repository.ts";

export interface CommuneSearch extends CommuneSearchResult<CommuneMatch> {
  query: CommuneQuery;
}

/**
 * The département's communes change once a year at most, by a territory sync, yet the suggestions ask for them
 * at every keystroke: they are kept in memory for a few minutes per database (reading the 319 rows of
 * Lot-et-Garonne at each search made it 4 times slower than the former SQL search). A sync in this process
 * forgets them at once; one run by another process (the CLI) shows after `COMMUNES_KEPT_MS` at most.
 */
export const COMMUNES_KEPT_MS = 5 * 60_000;
const kept = new WeakMap<DbOrTx, Map<string, { communes: Promise<CommuneMatch[]>; until: number }>>();

function departementCommunes(db: DbOrTx, departement: string): Promise<CommuneMatch[]> {
  const byDepartement = kept.get(db) ?? new Map();
  kept.set(db, byDepartement);
  const entry = byDepartement.get(departement);
  if (entry && entry.until > Date.now()) return entry.communes;
  const communes = listSearchableCommunes(db, departement);
  byDepartement.set(departement, { communes, until: Date.now() + COMMUNES_KEPT_MS });
  // A failed read is not kept: the next search tries again.
  communes.catch(() => byDepartement.delete(departement));
  return communes;
}

/** After a territory sync: the next search reads the communes again. */
export function forgetSearchableCommunes(db: DbOrTx): void {
  kept.delete(db);
}

/** The communes `text` finds, best first and at most `limit`; `designated` is looked for among all of them. */
export async function searchCommunes(db: DbOrTx, departement: string, text: string, limit: number): Promise<CommuneSearch> {
  const query = parseCommuneQuery(text);
  if (query.kind === "empty") return { query, matches: [], approximate: false, designated: null };
  const found = findCommunes(await departementCommunes(db, departement), query);
  return { query, ...found, matches: found.matches.slice(0, limit) };
}
