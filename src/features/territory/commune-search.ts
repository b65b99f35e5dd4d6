// What someone typed to find a commune, read the way people write commune names (« St-Livrade »,
// « villeneuve/lot », « penne agenais », « Agen 47000 »), matched against the département's communes, with
// the closest spellings offered when nothing matches (« Marmandes » → Marmande). Pure: the caller passes the
// communes (a few hundred per département), so every rule is tested without a database.
import { searchKey } from "./territory.ts";

export type CommuneQuery =
  | { kind: "empty" }
  /** 2 to 5 digits: the start of a postcode, or a whole one. Never an INSEE code (those go in `commune=`). */
  | { kind: "postcode"; prefix: string }
  /** A name, with the postcode typed beside it (« Agen 47000 ») when there was one. */
  | { kind: "name"; key: string; postcode: string | null };

export function parseCommuneQuery(q: string): CommuneQuery {
  const trimmed = q.trim();
  const digits = trimmed.replace(/\s/g, "");
  if (/^\d{2,5}$/.test(digits)) return { kind: "postcode", prefix: digits };
  // A whole postcode before or after letters narrows the name to that postcode.
  const withPostcode = /^(?:(\d{5})\b(.*\p{L}.*)|(.*\p{L}.*?)\b(\d{5}))[\s)]*$/u.exec(trimmed);
  const postcode = withPostcode ? (withPostcode[1] ?? withPostcode[4] ?? null) : null;
  const key = searchKey(withPostcode ? (withPostcode[2] ?? withPostcode[3] ?? "") : trimmed);
  return key === "" ? { kind: "empty" } : { kind: "name", key, postcode };
}

/**
 * Words that people leave out or abbreviate (« villeneuve/lot », « penne agenais ») carry no meaning for the
 * search: dropped on both sides. « s/ » (sur) becomes the word « s » once punctuation is gone.
 */
const FILLER_WORDS = new Set(["d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "s", "sur"]);
/** « St », « Ste », « Saint », « Sainte »: people mix them up (« St-Livrade » for Sainte-Livrade). */
const SAINT = new Set(["saint", "sainte", "st", "ste"]);

/** Every word of a search key as written, each saint « st ». */
export function spelledWords(key: string): string[] {
  return key
    .split(" ")
    .filter((w) => w !== "")
    .map((w) => (SAINT.has(w) ? "st" : w));
}

/** The meaningful words of a search key: fillers dropped (unless nothing else is left), every saint « st ». */
export function matchWords(key: string): string[] {
  const words = spelledWords(key);
  const meaningful = words.filter((w) => !FILLER_WORDS.has(w));
  return meaningful.length > 0 ? meaningful : words;
}

/** « Sainte-Livrade-sur-Lot » → « stlivradelot »: spaces go too, so « castel jaloux » finds Casteljaloux. */
export function compactKey(key: string): string {
  return matchWords(key).join("");
}

export interface SearchableCommune {
  code: string;
  name: string;
  /** `searchKey(name)`, stored with the commune. */
  search_name: string;
  postcodes: string[];
  population: number;
}

/** Lower is better: same name, name starting with the text, one of its words starting with it, anywhere in it. */
export type MatchRank = 0 | 1 | 2 | 3;

export function nameMatchRank(nameWords: readonly string[], typed: string): MatchRank | null {
  const compact = nameWords.join("");
  if (compact === typed) return 0;
  if (compact.startsWith(typed)) return 1;
  let offset = 0;
  for (const word of nameWords) {
    if (offset > 0 && compact.startsWith(typed, offset)) return 2;
    offset += word.length;
  }
  return compact.includes(typed) ? 3 : null;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one typo (optimal string alignment):
 * « Mramande » is one typo from Marmande, as « Marmandes » is.
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows (the one before the previous is needed for swaps), plain arrays reused by every call:
  // a search compares the text with every commune's name.
  let before = rowBuffers[0];
  let previous = rowBuffers[1];
  let current = rowBuffers[2];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        best = Math.min(best, (before[j - 2] as number) + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

const rowBuffers: [number[], number[], number[]] = [[], [], []];

/**
 * Typos forgiven for a text of this length: none under 4 letters (too many names are that close), one up to
 * 5 letters, two up to 9, three beyond: about one letter in four or five, as spell checkers allow.
 */
export function typoAllowance(length: number): number {
  if (length < 4) return 0;
  if (length <= 5) return 1;
  return length <= 9 ? 2 : 3;
}

/**
 * How close a misspelt text is to a name: to the whole name, or (from 5 letters) to its beginning, so that
 * « villneuve » finds the Villeneuves. Null when further than the allowance.
 */
export function spellingDistance(typed: string, compactName: string): { typos: number; whole: boolean } | null {
  const allowance = typoAllowance(typed.length);
  if (allowance === 0) return null;
  // The distance is at least the difference in length: most names are out of reach without computing it.
  const whole = Math.abs(compactName.length - typed.length) > allowance ? Number.POSITIVE_INFINITY : editDistance(typed, compactName);
  let best = { typos: whole, whole: true };
  if (typed.length >= 5 && compactName.length > typed.length) {
    for (let length = typed.length - 1; length <= typed.length + 1; length++) {
      const typos = editDistance(typed, compactName.slice(0, length));
      if (typos < best.typos) best = { typos, whole: false };
    }
  }
  return best.typos <= allowance ? best : null;
}

export interface CommuneSearchResult<T> {
  /** Best first. */
  matches: T[];
  /** True when nothing matched as typed and `matches` are the closest spellings (« Vouliez-vous dire … ? »). */
  approximate: boolean;
  /** The one commune the text designates (a single match, or a single exact name or whole postcode), if any. */
  designated: T | null;
}

function byPopulation(a: SearchableCommune, b: SearchableCommune): number {
  return b.population - a.population || a.name.localeCompare(b.name, "fr");
}

function rankPostcode<T extends SearchableCommune>(communes: readonly T[], prefix: string): CommuneSearchResult<T> {
  const rank = (c: T) => (c.postcodes.includes(prefix) ? 0 : c.postcodes.some((p) => p.startsWith(prefix)) ? 1 : null);
  const ranked = communes.flatMap((c) => {
    const r = rank(c);
    return r === null ? [] : [{ c, r }];
  });
  ranked.sort((a, b) => a.r - b.r || byPopulation(a.c, b.c));
  const matches = ranked.map((x) => x.c);
  const whole = ranked.filter((x) => x.r === 0);
  return { matches, approximate: false, designated: matches.length === 1 ? (matches[0] as T) : whole.length === 1 ? (whole[0] as { c: T }).c : null };
}

/**
 * The one commune a name designates: the only match; else the only one of that name (« La Vergne » and
 * « Vergné » share their words: the one spelt as typed wins); else, when no name is complete, the only one
 * whose name starts with the text (« Villeneuve 47300 » is Villeneuve-sur-Lot, not Sainte-Colombe-de-Villeneuve).
 */
function designatedByName<T extends SearchableCommune>(direct: DirectMatch<T>[], key: string): T | null {
  const only = (list: { c: T }[]) => (list.length === 1 ? (list[0] as { c: T }).c : null);
  if (direct.length === 1) return only(direct);
  const complete = direct.filter((d) => d.rank === 0);
  if (complete.length > 1) return only(complete.filter((d) => d.c.search_name === key));
  if (complete.length === 1) return only(complete);
  return only(direct.filter((d) => d.rank === 1));
}

interface PreparedName<T> {
  c: T;
  spelled: string[];
  meaningful: string[];
}

interface DirectMatch<T> {
  c: T;
  rank: MatchRank;
  /** 0 when the name holds the text as typed: between « Saint-… » and « Sainte-… », the one written so first. */
  literal: 0 | 1;
}

function directMatches<T extends SearchableCommune>(names: PreparedName<T>[], typed: string, words: (n: PreparedName<T>) => string[], key: string): DirectMatch<T>[] {
  const direct = names.flatMap((n) => {
    const rank = nameMatchRank(words(n), typed);
    return rank === null ? [] : [{ c: n.c, rank, literal: n.c.search_name.includes(key) ? (0 as const) : (1 as const) }];
  });
  return direct.sort((a, b) => a.rank - b.rank || a.literal - b.literal || byPopulation(a.c, b.c));
}

function rankName<T extends SearchableCommune>(communes: readonly T[], key: string): CommuneSearchResult<T> {
  const names = communes.map((c) => ({ c, spelled: spelledWords(c.search_name), meaningful: matchWords(c.search_name) }));
  const strong = (matches: DirectMatch<T>[]) => matches.some((m) => m.rank <= 2);
  // The words as typed first, so that « villeneuve de » narrows to Villeneuve-de-Duras; then without the little
  // words, which people leave out (« villeneuve/lot », « penne agenais »).
  const asTyped = directMatches(names, spelledWords(key).join(""), (n) => n.spelled, key);
  const loose = strong(asTyped) ? asTyped : directMatches(names, compactKey(key), (n) => n.meaningful, key);
  const direct = strong(loose) || loose.length > 0 ? loose : asTyped;
  // A text found only inside names (« agne » in Roumagne) is a weaker sign than a close spelling (Agen).
  if (!strong(direct)) {
    const close = closeSpellings(names, key);
    if (close.length > 0) return { matches: close, approximate: true, designated: null };
  }
  return { matches: direct.map((d) => d.c), approximate: false, designated: designatedByName(direct, key) };
}

/** The communes whose name is within the typos allowed, closest first. */
function closeSpellings<T extends SearchableCommune>(names: PreparedName<T>[], key: string): T[] {
  // A typo in a little word or in « saint » (« Auriac-sure-Dropt », « Siant-Avit ») hides it from the meaningful
  // words: the spellings as written are compared too.
  const typed = compactKey(key);
  const typedAsWritten = key.replaceAll(" ", "");
  const close = names.flatMap(({ c, meaningful }) => {
    const distances = [spellingDistance(typed, meaningful.join("")), spellingDistance(typedAsWritten, c.search_name.replaceAll(" ", ""))].filter((d) => d !== null);
    distances.sort((a, b) => a.typos - b.typos || Number(b.whole) - Number(a.whole));
    return distances[0] ? [{ c, ...distances[0] }] : [];
  });
  close.sort((a, b) => a.typos - b.typos || Number(b.whole) - Number(a.whole) || byPopulation(a.c, b.c));
  return close.map((x) => x.c);
}

/**
 * The communes a query finds, best first. A postcode typed beside a name keeps only the communes of that
 * postcode, unless none of them has the name: then the name alone decides (a wrong postcode is likelier than
 * a wrong town).
 */
export function findCommunes<T extends SearchableCommune>(communes: readonly T[], query: CommuneQuery): CommuneSearchResult<T> {
  if (query.kind === "empty") return { matches: [], approximate: false, designated: null };
  if (query.kind === "postcode") return rankPostcode(communes, query.prefix);
  if (query.postcode === null) return rankName(communes, query.key);
  const postcode = query.postcode;
  const narrowed = rankName(
    communes.filter((c) => c.postcodes.includes(postcode)),
    query.key,
  );
  if (narrowed.matches.length > 0 && !narrowed.approximate) return narrowed;
  const everywhere = rankName(communes, query.key);
  // Misspelt either way: the close spellings within the postcode are the better guess.
  return everywhere.approximate && narrowed.matches.length > 0 ? narrowed : everywhere;
}
