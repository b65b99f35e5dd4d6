// Likely duplicates (doublons probables): two records whose names are alike AND that share the phone
// number or the birth year. Pure, so it runs the same on PGlite and PostgreSQL without pg_trgm.
import { normalizeText, phoneDigits } from "./beneficiary.ts";

export interface DuplicateCandidate {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  birthYear: number | null;
}

export interface DuplicatePair {
  a: string;
  b: string;
  /** Why they look alike, for the person who decides: "téléphone", "année de naissance". */
  sharing: ("phone" | "birthYear")[];
}

/** Edit distance (insertions, deletions, substitutions), stopping early once it exceeds `max`. */
export function levenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

function compact(text: string | null): string {
  return normalizeText(text ?? "").replace(/ /g, "");
}

/**
 * Names are alike when, once accents, case, spaces and hyphens are gone, first+last differ by at most two
 * edits (one for short names, so « Léa Roy » and « Léo Ray » stay apart), or first and last are swapped.
 */
export function similarNames(x: DuplicateCandidate, y: DuplicateCandidate): boolean {
  const xf = compact(x.firstName);
  const xl = compact(x.lastName);
  const yf = compact(y.firstName);
  const yl = compact(y.lastName);
  const xs = xf + xl;
  const ys = yf + yl;
  if (xs === "" || ys === "") return false;
  if (xs === ys || (xl !== "" && xf === yl && xl === yf)) return true;
  const allowed = Math.min(xs.length, ys.length) >= 8 ? 2 : 1;
  return levenshtein(xs, ys, allowed) <= allowed;
}

/** Every likely duplicate pair, each once, ordered by the ids' order in the input. */
export function findDuplicatePairs(people: readonly DuplicateCandidate[]): DuplicatePair[] {
  // Only people sharing a phone or a birth year can be duplicates: compare inside those groups only.
  const groups = new Map<string, number[]>();
  people.forEach((p, index) => {
    const keys = [phoneDigits(p.phone) ? `p:${phoneDigits(p.phone)}` : null, p.birthYear ? `y:${p.birthYear}` : null];
    for (const key of keys) if (key) groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const pairs = new Map<string, DuplicatePair>();
  for (const members of groups.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const x = people[members[i]!]!;
        const y = people[members[j]!]!;
        const key = `${members[i]}:${members[j]}`;
        if (pairs.has(key) || !similarNames(x, y)) continue;
        const sharing: DuplicatePair["sharing"] = [];
        const phone = phoneDigits(x.phone);
        if (phone !== null && phone === phoneDigits(y.phone)) sharing.push("phone");
        if (x.birthYear !== null && x.birthYear === y.birthYear) sharing.push("birthYear");
        pairs.set(key, { a: x.id, b: y.id, sharing });
      }
    }
  }
  const order = new Map(people.map((p, i) => [p.id, i]));
  return [...pairs.values()].sort((p, q) => order.get(p.a)! - order.get(q.a)! || order.get(p.b)! - order.get(q.b)!);
}
