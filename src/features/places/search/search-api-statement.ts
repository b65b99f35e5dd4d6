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

/**
 * Rows in rank order: first the answer's header (rank 0: openings state, origin, count), then one row per
 * place of the page: `head` (from "{" to "latitude":), the three numbers, `tail` (from ,"services": to
 * "prochaine_ouverture":), the slug (for the URL) and the next opening as precomputed.
 */
function apiText(shape: SearchShape): StatementText {
  const b = new Binder();
  const text = `with
    ${pageRelations(shape, b)},
    hits as (select page.rank,
        '{"id":' || ${json("page.id::text")} || ',"slug":' || ${json("page.slug")} || ',"nom":' || ${json("page.name")}
          || ',"commune":{"code":' || ${json("page.commune_code")} || ',"nom":' || ${json("page.commune_name")}
          || '},"adresse":' || ${json("page.address")} || ',"code_postal":' || ${json("page.postcode")} || ',"latitude":' as head,
        page.latitude, page.longitude, page.distance_km,
        ',"services":' || to_json(array_replace(page.services, null, ''))::text || ',"telephone":' || ${json("page.phone")}
          || ',"prochaine_ouverture":' as tail,
        page.slug,
        coalesce(week.kind, later.kind) as next_kind,
        ${epochMs("coalesce(week.starts_at, later.starts_at)")} as next_start,
        ${epochMs("coalesce(week.ends_at, later.ends_at)")} as next_end
      from page
      ${nextOpeningJoins(b)})
    select 0 as rank, state.from_day, state.to_day, state.departement, state.stale, origin.code as origin_code,
      origin.name as origin_name, origin.latitude as origin_latitude, origin.longitude as origin_longitude, counted.total,
      null::text as head, null::float8 as latitude, null::float8 as longitude, null::float8 as distance_km, null::text as tail,
      null::text as slug, null::text as next_kind, null::float8 as next_start, null::float8 as next_end
    from state cross join counted
    left join origin on true
    union all
    select hits.rank::int, null, null, null, null, null, null, null, null, null,
      hits.head, hits.latitude, hits.longitude, hits.distance_km, hits.tail, hits.slug, hits.next_kind, hits.next_start, hits.next_end
    from hits
    order by rank`;
  return { text, slots: b.slots };
}

/** The API's search statement of this shape (the boundary is never read: the API draws no map). */
export function apiSearchStatement(shape: SearchShape): StatementText {
  const noMap = { ...shape, boundary: false };
  return cached(shapeKey("api", noMap, false), () => apiText(noMap));
}
