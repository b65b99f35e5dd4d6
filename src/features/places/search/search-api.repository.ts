// The JSON API's search query: the same single prepared statement as the page's, returning each place of
// the page as pieces of its answer's JSON text (search-api-statement.ts).
import { executePreparedText } from "../../../db/prepared.ts";
import type { Database, DbOrTx } from "../../../db/schema.ts";
import type { Opening } from "../openings/openings.ts";
import { type HeaderRow, headerOf, type PlaceSearch, type SearchAnswer, shapeOf, valuesOf } from "./search.repository.ts";
import { apiSearchStatement, FIELD_SEPARATOR, PLACE_SEPARATOR } from "./search-api-statement.ts";
import { bind } from "./search-statement.ts";

/** A place of the API's page: its answer's JSON text but the numbers, the next opening and the URL. */
export interface ApiHit {
  /** From "{" to "latitude": included. */
  head: string;
  latitude: number | null;
  longitude: number | null;
  distance_km: number | null;
  /** From ,"services": to "prochaine_ouverture": included. */
  tail: string;
  slug: string;
  /** The first opening not over yet, as precomputed. */
  next: Opening | null;
}

/** The statement's one row: the header, and the page's places as one text (null without any). */
interface ApiRow extends HeaderRow {
  places: string | null;
}

/** A float8 as PostgreSQL wrote it ('' for null): Number() reads the shortest exact text back exactly. */
const float = (text: string | undefined): number | null => (text === undefined || text === "" ? null : Number(text));

/** A JSON string as to_json wrote it: its text. */
const jsonString = (text: string): string => (text.includes("\\") ? (JSON.parse(text) as string) : text.slice(1, -1));

/** One place of the `places` text (search-api-statement.ts gives the order of its fields). */
function hitOf(place: string): ApiHit {
  const [head, latitude, longitude, distance, tail, slug, kind, start, end] = place.split(FIELD_SEPARATOR);
  const next = kind && start && end ? { start: new Date(Number(start)), end: new Date(Number(end)), kind: kind as Opening["kind"] } : null;
  return {
    head: head as string,
    latitude: float(latitude),
    longitude: float(longitude),
    distance_km: float(distance),
    tail: tail as string,
    slug: jsonString(slug as string),
    next,
  };
}

/** searchPlaces for the API: the same places, count and facts, each place as pieces of its JSON answer. */
export async function searchApiPlaces(db: DbOrTx, s: PlaceSearch): Promise<SearchAnswer<ApiHit>> {
  const statement = apiSearchStatement(shapeOf(s));
  const { rows } = await executePreparedText<ApiRow, Database>(db, statement.text, bind(statement, valuesOf(s)));
  const row = rows[0] as ApiRow;
  const places = row.places === null ? [] : row.places.split(PLACE_SEPARATOR).map(hitOf);
  return { ...headerOf(row, s, null), places };
}
