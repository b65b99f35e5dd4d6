// The search statement of the JSON API (GET /api/v1/lieux): the same relations as the page's statement, but
// each place of the page comes back as the JSON text of its answer, in the documented field order, cut where
// the application adds what only it computes: the numbers (written by JavaScript, so they read exactly as
// before), the next opening's sentence and the place's URL. The application then joins texts: it neither
// parses the places, nor copies them, nor serialises them again (search-api-text.ts).
import { Binder, cached, nextOpeningJoins, pageRelations, type SearchShape, type StatementText, shapeKey } from "./search-statement.ts";

/** A text as a JSON string; `null` when the text is null (PostgreSQL escapes strings as JSON.stringify does). */
const json = (expression: string) => `coalesce(to_json(${expression})::text, 'null')`;

/** Milliseconds since the epoch, as a JavaScript Date holds them. */
const epochMs = (expression: string) => `(extract(epoch from ${expression}) * 1000)::float8`;

/** Separates the fields of a place, then the places, in the statement's `places` text. */
export const FIELD_SEPARATOR = "\u0001";
export const PLACE_SEPARATOR = "\u0002";

/** A float8 as PostgreSQL writes it (shortest exact text, which Number() reads back exactly), '' for null. */
const float = (expression: string) => `coalesce((${expression})::text, '')`;

/**
 * ONE row: the answer's header (openings state, origin, count) and `places`, the page's places in rank order
 * as one text. Each place is `head` (from "{" to "latitude":), latitude, longitude, distance, `tail` (from
 * ,"services": to "prochaine_ouverture":), the slug as a JSON string (for the URL) and the next opening
 * (kind, start and end as epoch milliseconds), separated by U+0001; places are separated by U+0002. Neither
 * character can occur in a field: every text is escaped by to_json, which writes control characters as
 * \u00xx. The driver then reads one text instead of ~20 rows of ~19 typed fields.
 */
function apiText(shape: SearchShape): StatementText {
  const b = new Binder();
  const field = "chr(1)";
  const text = `with
    ${pageRelations(shape, b)},
    hits as (select page.rank,
        '{"id":' || ${json("page.id::text")} || ',"slug":' || ${json("page.slug")} || ',"nom":' || ${json("page.name")}
          || ',"commune":{"code":' || ${json("page.commune_code")} || ',"nom":' || ${json("page.commune_name")}
          || '},"adresse":' || ${json("page.address")} || ',"code_postal":' || ${json("page.postcode")} || ',"latitude":'
        || ${field} || ${float("page.latitude")} || ${field} || ${float("page.longitude")} || ${field} || ${float("page.distance_km")}
        || ${field} || ',"services":' || to_json(array_replace(page.services, null, ''))::text || ',"telephone":' || ${json("page.phone")}
          || ',"prochaine_ouverture":'
        || ${field} || ${json("page.slug")}
        || ${field} || coalesce(coalesce(week.kind, later.kind), '')
        || ${field} || ${float(epochMs("coalesce(week.starts_at, later.starts_at)"))}
        || ${field} || ${float(epochMs("coalesce(week.ends_at, later.ends_at)"))} as place
      from page
      ${nextOpeningJoins(b)})
    select state.from_day, state.to_day, state.departement, state.stale, origin.code as origin_code,
      origin.name as origin_name, origin.latitude as origin_latitude, origin.longitude as origin_longitude, counted.total,
      (select string_agg(hits.place, chr(2) order by hits.rank) from hits) as places
    from state cross join counted
    left join origin on true`;
  return { text, slots: b.slots };
}

/** The API's search statement of this shape (the boundary is never read: the API draws no map). */
export function apiSearchStatement(shape: SearchShape): StatementText {
  const noMap = { ...shape, boundary: false };
  return cached(shapeKey("api", noMap, false), () => apiText(noMap));
}
