// The JSON API's search query: the same single prepared statement as the page's, returning each place of
// the page as pieces of its answer's JSON text (search-api-statement.ts).
import { executePreparedText } from "../../../db/prepared.ts";
import type { Database, DbOrTx } from "../../../db/schema.ts";
import type { Opening } from "../openings/openings.ts";
import { type HeaderRow, headerOf, type PlaceSearch, type SearchAnswer, shapeOf, valuesOf } from "./search.repository.ts";
import { apiSearchStatement } from "./search-api-statement.ts";
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

/** A row of the statement: the header (rank 0), or a place (rank 1, 2…). */
interface ApiRow extends HeaderRow, Omit<ApiHit, "next"> {
  next_kind: Opening["kind"] | null;
  next_start: number | null;
  next_end: number | null;
}

/** searchPlaces for the API: the same places, count and facts, each place as pieces of its JSON answer. */
export async function searchApiPlaces(db: DbOrTx, s: PlaceSearch): Promise<SearchAnswer<ApiHit>> {
  const statement = apiSearchStatement(shapeOf(s));
  const { rows } = await executePreparedText<ApiRow, Database>(db, statement.text, bind(statement, valuesOf(s)));
  const places: ApiHit[] = new Array(rows.length - 1);
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] as ApiRow;
    places[i - 1] = {
      head: r.head,
      latitude: r.latitude,
      longitude: r.longitude,
      distance_km: r.distance_km,
      tail: r.tail,
      slug: r.slug,
      next:
        r.next_kind !== null && r.next_start !== null && r.next_end !== null
          ? { start: new Date(r.next_start), end: new Date(r.next_end), kind: r.next_kind }
          : null,
    };
  }
  return { ...headerOf(rows[0] as ApiRow, s, null), places };
}
