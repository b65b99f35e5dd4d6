// The one commune search behind every field where people type a commune: the home page and its results page,
// « Trouver de l'aide », the JSON API and its suggestions script, the place form of the administration.
import type { DbOrTx } from "../../db/schema.ts";
import { type CommuneQuery, type CommuneSearchResult, findCommunes, parseCommuneQuery } from "./commune-search.ts";
import { type CommuneMatch, listSearchableCommunes } from "./territory.repository.ts";

export interface CommuneSearch extends CommuneSearchResult<CommuneMatch> {
  query: CommuneQuery;
}

/** The communes `text` finds, best first and at most `limit`; `designated` is looked for among all of them. */
export async function searchCommunes(db: DbOrTx, departement: string, text: string, limit: number): Promise<CommuneSearch> {
  const query = parseCommuneQuery(text);
  if (query.kind === "empty") return { query, matches: [], approximate: false, designated: null };
  const found = findCommunes(await listSearchableCommunes(db, departement), query);
  return { query, ...found, matches: found.matches.slice(0, limit) };
}
