// Reads the cards of places (place-cards.ts): the answer text of each place but what the application adds,
// its search version and its packed openings, in one statement and so one snapshot.
import { executePreparedText } from "../../../db/prepared.ts";
import type { Database, DbOrTx } from "../../../db/schema.ts";
import { CARD_OPENINGS, type CardOpenings, type PlaceCard, parseOpenings } from "./place-cards.ts";

/** A text as a JSON string; `null` when the text is null (PostgreSQL escapes strings as JSON.stringify does). */
const json = (expression: string) => `coalesce(to_json(${expression})::text, 'null')`;

/** A card's version as versionOf writes it: the place's, then the openings'. */
const VERSION = `p.search_version::text || '.' || coalesce((select openings_version::text from place_openings_horizon), '')`;

/** Bytes of the first n packed openings (17-byte records, see the migration place-search-versions). */
const firstRecords = (n: number) => `substring(coalesce(o.openings, ''::bytea) from 1 for ${17 * n})`;

// The same fields, order and escaping as the answer the schema documents (search-api-text.test.ts checks it).
const HEAD = `'{"id":' || ${json("p.id::text")} || ',"slug":' || ${json("p.slug")} || ',"nom":' || ${json("p.name")}
      || ',"commune":{"code":' || ${json("p.commune_code")} || ',"nom":' || ${json("c.name")}
      || '},"adresse":' || ${json("p.address")} || ',"code_postal":' || ${json("p.postcode")} || ',"latitude":'`;
const TAIL = `',"services":' || to_json(array_replace(p.services, null, ''))::text || ',"telephone":' || ${json("p.phone")}
      || ',"prochaine_ouverture":'`;
const FROM = `from places p
  join communes c on c.code = p.commune_code
  left join place_search_openings o on o.place_id = p.id`;

/**
 * A card as one text, for the search statement to add to a place it returns (the caller adds the condition
 * on p.id): head, latitude, longitude (PostgreSQL's shortest exact text, '' for null), tail, the slug as a
 * JSON string and the first openings in hex, separated by U+0001 (no field can hold one: every text is
 * escaped by to_json, which writes control characters as \u00xx). Read back by cardOfFields.
 */
const FIELDS = `${HEAD} || chr(1) || coalesce(p.latitude::text, '') || chr(1) || coalesce(p.longitude::text, '')
    || chr(1) || ${TAIL} || chr(1) || ${json("p.slug")} || chr(1) || encode(${firstRecords(CARD_OPENINGS + 1)}, 'hex')`;
export const CARD_FIELDS = `select ${FIELDS} ${FROM}`;

// The same card text as the search statement adds to a place it returns, for the places given.
const CARDS = `select p.id::text as id, ${VERSION} as version, ${FIELDS} as fields ${FROM} where p.id = any($1::uuid[])`;

/** A float8 as PostgreSQL wrote it ('' for null): Number() reads the shortest exact text back exactly. */
const float = (text: string): number | null => (text === "" ? null : Number(text));

/** A JSON string as to_json wrote it: its text. */
const jsonString = (text: string): string => (text.includes("\\") ? (JSON.parse(text) as string) : text.slice(1, -1));

/** The card of place `id` at `version` from the fields CARD_FIELDS wrote. */
export function cardOfFields(id: string, version: string, fields: readonly string[]): PlaceCard {
  const [head, latitude, longitude, tail, slug, openings] = fields as [string, string, string, string, string, string];
  return {
    id,
    version,
    head,
    latitude: float(latitude),
    longitude: float(longitude),
    tail,
    slug: jsonString(slug),
    openings: parseOpenings(Buffer.from(openings, "hex"), CARD_OPENINGS),
  };
}

/** The cards of these places, as they are now (a place that no longer exists has none). */
export async function readPlaceCards(db: DbOrTx, ids: readonly string[]): Promise<Map<string, PlaceCard>> {
  const out = new Map<string, PlaceCard>();
  if (ids.length === 0) return out;
  const { rows } = await executePreparedText<{ id: string; version: string; fields: string }, Database>(db, CARDS, [ids]);
  for (const r of rows) out.set(r.id, cardOfFields(r.id, r.version, r.fields.split("\u0001" /* chr(1) in FIELDS */)));
  return out;
}

const ALL_OPENINGS = `select p.id::text as id, ${VERSION} as version, coalesce(o.openings, ''::bytea) as openings
  from places p left join place_search_openings o on o.place_id = p.id
  where p.id = any($1::uuid[])`;

/** Every opening of these places, with the version read (for a next opening beyond a card's first openings). */
export async function readAllOpenings(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { version: string; openings: CardOpenings }>> {
  const out = new Map<string, { version: string; openings: CardOpenings }>();
  if (ids.length === 0) return out;
  const { rows } = await executePreparedText<{ id: string; version: string; openings: Uint8Array }, Database>(db, ALL_OPENINGS, [ids]);
  for (const r of rows) out.set(r.id, { version: r.version, openings: parseOpenings(r.openings) });
  return out;
}
