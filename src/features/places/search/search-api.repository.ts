// The JSON API's search query: one prepared statement finds, counts and orders the page's places; their
// answer texts and openings come from the cards this instance keeps (place-cards.ts), read again only for
// the places whose search version changed since.
import { executePreparedText } from "../../../db/prepared.ts";
import type { Database, DbOrTx } from "../../../db/schema.ts";
import type { Opening } from "../openings/openings.ts";
import { cardOfFields, readAllOpenings, readPlaceCards } from "./place-cards.repository.ts";
import { firstOpening, type PlaceCard, PlaceCards, versionOf } from "./place-cards.ts";
import { type HeaderRow, headerOf, type PlaceSearch, type SearchAnswer, shapeOf, valuesOf } from "./search.repository.ts";
import { apiSearchStatement, FIELD_SEPARATOR, PLACE_SEPARATOR } from "./search-api-statement.ts";
import { bind } from "./search-statement.ts";

/** A place of the API's page: its card, its distance and its next opening (the first not over yet). */
export interface ApiHit {
  card: PlaceCard;
  distance_km: number | null;
  next: Opening | null;
}

/** The statement's one row: the header, and the page's places as one text (null without any). */
interface ApiRow extends HeaderRow {
  /** The version of every place's openings (null before the first computation). */
  openings_version: string | null;
  places: string | null;
}

/** Cards kept per application instance: more than a national network's public places. */
export const PLACE_CARDS_KEPT = 25_000;

/** Each database (an instance's, or a test's) has its own cards: versions are only comparable within one. */
const cardsByDb = new WeakMap<object, PlaceCards>();

function cardsOf(db: DbOrTx): PlaceCards {
  let cards = cardsByDb.get(db);
  if (!cards) {
    cards = new PlaceCards(PLACE_CARDS_KEPT);
    cardsByDb.set(db, cards);
  }
  return cards;
}

interface PageEntry {
  id: string;
  distance: number | null;
  version: string;
  /** The card, when the statement returned it (a place this instance did not say it holds). */
  card: PlaceCard | null;
}

function entryOf(place: string, openingsVersion: string | null): PageEntry {
  const fields = place.split(FIELD_SEPARATOR);
  const [id, distance, placeVersion] = fields as [string, string, string];
  const version = versionOf(placeVersion, openingsVersion);
  const card = fields.length > 3 ? cardOfFields(id, version, fields.slice(3)) : null;
  return { id, distance: distance === "" ? null : Number(distance), version, card };
}

/**
 * The cards of the page's places at the versions the statement saw, in page order. A card read again may be
 * newer than that (a write committed in between): the answer then shows the place as it is now, never an
 * older state. A place deleted in between has none (undefined).
 */
async function cardsFor(db: DbOrTx, page: PageEntry[]): Promise<(PlaceCard | undefined)[]> {
  const cards = cardsOf(db);
  const found = page.map((p) => cards.get(p.id, p.version));
  const missing = page.filter((_, i) => found[i] === undefined).map((p) => p.id);
  if (missing.length > 0) {
    const read = await readPlaceCards(db, missing);
    for (const [id, card] of read) cards.set(id, card);
    for (let i = 0; i < page.length; i++) found[i] ??= read.get((page[i] as PageEntry).id);
  }
  return found;
}

/** searchPlaces for the API: the same places, count and facts, each place as pieces of its JSON answer. */
export async function searchApiPlaces(db: DbOrTx, s: PlaceSearch): Promise<SearchAnswer<ApiHit>> {
  const statement = apiSearchStatement(shapeOf(s));
  const kept = cardsOf(db);
  // The statement returns the cards of its page's places but those this instance says it holds: the cards
  // of the last page this same search returned, at their versions (a commune's first visit: none).
  const values = valuesOf(s);
  const key = JSON.stringify(bind(statement, values));
  for (const id of kept.lastPage(key) ?? []) {
    const card = kept.any(id);
    if (!card) continue;
    values.known.push(`${id}:${card.version}`);
  }
  const { rows } = await executePreparedText<ApiRow, Database>(db, statement.text, bind(statement, values));
  const row = rows[0] as ApiRow;
  const page = row.places === null ? [] : row.places.split(PLACE_SEPARATOR).map((p) => entryOf(p, row.openings_version));
  for (const entry of page) if (entry.card) kept.set(entry.id, entry.card);
  kept.rememberPage(
    key,
    page.map((p) => p.id),
  );
  // A card said held but dropped since (the most kept were exceeded) is read by a second statement.
  const cards = await cardsFor(db, page);
  const nexts = cards.map((card) => (card ? firstOpening(card.openings, s.next) : null));
  await openingsBeyondCards(db, cards, nexts, s);
  const places: ApiHit[] = [];
  for (let i = 0; i < page.length; i++) {
    const card = cards[i];
    // A place deleted between the two statements leaves the page, as if deleted before.
    if (card === undefined) continue;
    places.push({ card, distance_km: (page[i] as PageEntry).distance, next: nexts[i] ?? null });
  }
  return { ...headerOf(row, s, null), places };
}

/**
 * The next openings a card's first openings cannot tell (undefined in `nexts`), from all of the place's
 * openings; a card read at the same versions keeps them, so that its next answers need no second read.
 */
async function openingsBeyondCards(db: DbOrTx, cards: (PlaceCard | undefined)[], nexts: (Opening | null | undefined)[], s: PlaceSearch) {
  const unknown = cards.filter((card, i): card is PlaceCard => card !== undefined && nexts[i] === undefined);
  if (unknown.length === 0) return;
  const all = await readAllOpenings(
    db,
    unknown.map((card) => card.id),
  );
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i];
    if (card === undefined || nexts[i] !== undefined) continue;
    const read = all.get(card.id);
    if (read?.version === card.version) card.openings = read.openings;
    nexts[i] = read ? (firstOpening(read.openings, s.next) ?? null) : null;
  }
}
