// What the JSON search API keeps of each place it has shown, in each application instance: the place's
// answer text but the numbers, the next opening and the URL (its « card »), and its precomputed openings.
// A card is valid for one version of the place (migration place-search-versions): the search statement
// returns the version of each place of its page, and a card of another version is loaded again. The
// database then only finds, counts and orders the places; the next opening is chosen here, from the
// openings kept, by the same rule as the page's statement (nextOpeningJoins in search-statement.ts).

import type { OpeningKind } from "../openings/openings.table.ts";
import type { Opening } from "../openings/openings.ts";
import type { NextOpeningLimits } from "./search.ts";

/** A place's openings as kept: sorted by start; instants in epoch milliseconds. */
export interface CardOpenings {
  starts: Float64Array;
  ends: Float64Array;
  /** Index in KINDS. */
  kinds: Uint8Array;
  /**
   * Every opening of the place starting before this instant is here (Infinity: all of them). A card reads
   * the first CARD_OPENINGS only: ~10 days of a busy place, what almost every next opening needs, at half the
   * bytes of its 70 days.
   */
  completeBefore: number;
}

/** How many openings, from the earliest, a card reads at first (all of them when the answer needs more). */
export const CARD_OPENINGS = 40;

export interface PlaceCard {
  id: string;
  /** The versions this card was read at: the place's, then the openings' (« 123.456 », versionOf). */
  version: string;
  /** From "{" to "latitude": included. */
  head: string;
  latitude: number | null;
  longitude: number | null;
  /** From ,"services": to "prochaine_ouverture": included. */
  tail: string;
  slug: string;
  openings: CardOpenings;
  /** Its fixed pieces of answer text, written once for the instance's public URL (search-api-text.ts). */
  written?: { publicUrl: string; lead: string; end: string };
}

/** A card's version key: the place's search version and the openings' version, as the statements write them. */
export function versionOf(placeVersion: string, openingsVersion: string | null): string {
  return `${placeVersion}.${openingsVersion ?? ""}`;
}

/** The kinds in PostgreSQL's text order, which the next opening's ordering uses to break ties. */
export const KINDS: readonly OpeningKind[] = ["hours", "permanence"];

/** Bytes of one packed opening: start and end (epoch ms, big-endian float8), then the kind's index in KINDS. */
const RECORD = 17;

/**
 * Openings as place_search_openings packs them (migration place-search-versions), sorted by start: the first
 * `limit` of `bytes`, which holds the place's first records (all of them, or limit + 1 when there are more:
 * the one after the last kept says up to when the list is complete).
 */
export function parseOpenings(bytes: Uint8Array, limit = Number.POSITIVE_INFINITY): CardOpenings {
  if (bytes.length % RECORD !== 0) throw new Error(`packed openings of ${bytes.length} bytes: not whole records`);
  const records = bytes.length / RECORD;
  const n = Math.min(records, limit);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const kinds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * RECORD;
    starts[i] = view.getFloat64(at, false);
    ends[i] = view.getFloat64(at + 8, false);
    const kind = view.getUint8(at + 16);
    if (kind >= KINDS.length) throw new Error(`packed opening of unknown kind ${kind}`);
    kinds[i] = kind;
    if (i > 0 && (starts[i] as number) < (starts[i - 1] as number)) throw new Error("packed openings are not sorted by start");
  }
  const completeBefore = records > n ? view.getFloat64(n * RECORD, false) : Number.POSITIVE_INFINITY;
  return { starts, ends, kinds, completeBefore };
}

/**
 * The first opening not over at `now` starting before `before` and before its kind's limit, opening hours
 * already under way counting from now; earliest start first, then kind, then end. null: none.
 */
function firstWithin(o: CardOpenings, now: number, before: number, hoursBefore: number, permanencesBefore: number): Opening | null {
  let found = -1;
  let foundFrom = 0;
  const hours = KINDS.indexOf("hours");
  for (let i = 0; i < o.starts.length; i++) {
    const start = o.starts[i] as number;
    if (start >= before) break;
    const end = o.ends[i] as number;
    if (end <= now) continue;
    const kind = o.kinds[i] as number;
    if (start >= (kind === hours ? hoursBefore : permanencesBefore)) continue;
    const from = kind === hours && start < now ? now : start;
    if (
      found < 0 ||
      from < foundFrom ||
      (from === foundFrom && (kind < (o.kinds[found] as number) || (kind === o.kinds[found] && end < (o.ends[found] as number))))
    ) {
      found = i;
      foundFrom = from;
    }
  }
  if (found < 0) return null;
  return { start: new Date(foundFrom), end: new Date(o.ends[found] as number), kind: KINDS[o.kinds[found] as number] as OpeningKind };
}

/**
 * The place's next opening as the search statement finds it: within the first week, else further; null: none;
 * undefined: the openings kept stop too early to tell (the caller reads all of them). An opening not kept
 * starts at or after completeBefore, so it cannot come before one found that starts earlier.
 */
export function firstOpening(o: CardOpenings, limits: NextOpeningLimits): Opening | null | undefined {
  const now = limits.now.getTime();
  if (now >= o.completeBefore) return undefined;
  const weekHours = limits.weekHoursBefore.getTime();
  const weekPermanences = limits.weekPermanencesBefore.getTime();
  const weekBefore = Math.max(weekHours, weekPermanences);
  const week = firstWithin(o, now, weekBefore, weekHours, weekPermanences);
  if (week) return week;
  if (weekBefore > o.completeBefore) return undefined;
  const hours = limits.hoursBefore.getTime();
  const permanences = limits.permanencesBefore.getTime();
  const laterBefore = Math.max(hours, permanences);
  const later = firstWithin(o, now, laterBefore, hours, permanences);
  if (later) return later;
  return laterBefore > o.completeBefore ? undefined : null;
}

/**
 * Cards by place id, at most `max` of them: past it, the card kept longest is dropped (a national network
 * has ~20,000 public places; a card with its ~90 openings weighs ~2 KB).
 */
export class PlaceCards {
  readonly #cards = new Map<string, PlaceCard>();
  constructor(readonly max: number) {}

  readonly #pages = new Map<string, string[]>();

  /** The card kept for this place, whatever its version. */
  any(id: string): PlaceCard | undefined {
    return this.#cards.get(id);
  }

  /** The place ids of the last page a search (its bound values as a key) returned, if remembered. */
  lastPage(key: string): string[] | undefined {
    return this.#pages.get(key);
  }

  rememberPage(key: string, ids: string[]): void {
    if (this.#pages.size >= this.max) this.#pages.clear();
    this.#pages.set(key, ids);
  }

  /** The card of this place at this version, if kept. */
  get(id: string, version: string): PlaceCard | undefined {
    const card = this.#cards.get(id);
    return card?.version === version ? card : undefined;
  }

  set(id: string, card: PlaceCard): void {
    this.#cards.delete(id);
    if (this.#cards.size >= this.max) {
      const oldest = this.#cards.keys().next();
      if (!oldest.done) this.#cards.delete(oldest.value);
    }
    this.#cards.set(id, card);
  }

  get size(): number {
    return this.#cards.size;
  }
}
