// The search statement of the JSON API (GET /api/v1/lieux): the same relations as the page's statement,
// but it only finds, counts and orders: each place of the page comes back as its id, its distance and the
// search version it has in the statement's snapshot (a column of the place: no join). The application
// keeps each place's answer text and openings by version (place-cards.ts) and reads again only the places
// whose version it does not hold.
import { CARD_FIELDS } from "./place-cards.repository.ts";
import { Binder, cached, pageRelations, type SearchShape, type StatementText, shapeKey } from "./search-statement.ts";

/** Separates the fields of a place, then the places, in the statement's `places` text. */
export const FIELD_SEPARATOR = "\u0001";
export const PLACE_SEPARATOR = "\u0002";

/**
 * ONE row: the answer's header (openings state and version, origin, count) and `places`, the page's places
 * in rank order as one text: each place is its id, its distance (a float8 as PostgreSQL writes it, the
 * shortest exact text, '' for null) and its search version, then — unless the instance said it holds this
 * place's card at this version (`known`) — the card's fields as `CARD_FIELDS` writes them;
 * fields are separated by U+0001, places by U+0002. A commune's first visit thus reads its cards in the
 * same round trip; a repeated search reads ids and versions only.
 */
function apiText(shape: SearchShape): StatementText {
  const b = new Binder();
  const version = "page.search_version::text || '.' || coalesce(state.openings_version, '')";
  const known = `page.id::text || ':' || ${version} = any(${b.ref("known")}::text[])`;
  const text = `with
    ${pageRelations(shape, b, "api")}
    select state.from_day, state.to_day, state.departement, state.stale, state.openings_version, origin.code as origin_code,
      origin.name as origin_name, origin.latitude as origin_latitude, origin.longitude as origin_longitude, counted.total,
      (select string_agg(page.id::text || chr(1) || coalesce(page.distance_km::text, '') || chr(1) || page.search_version::text
          || case when ${known} then '' else chr(1) || (${CARD_FIELDS} where p.id = page.id) end,
          chr(2) order by page.rank) from page) as places
    from state cross join counted
    left join origin on true`;
  return { text, slots: b.slots };
}

/** The API's search statement of this shape (the boundary is never read: the API draws no map). */
export function apiSearchStatement(shape: SearchShape): StatementText {
  const noMap = { ...shape, boundary: false };
  return cached(shapeKey("api", noMap, false), () => apiText(noMap));
}
