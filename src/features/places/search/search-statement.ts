// The SQL text of the public search, built once per shape (origin kind and which filters are on) and kept:
// every value is a numbered parameter, so a request only fills the parameter list. Building the ~4.5 KB
// statement with the query builder on every request cost more of the server's time than PostgreSQL's
// execution of it. The text never depends on a value: the builders below see only the shape.
import { EARTH_RADIUS_KM } from "./search.ts";

/** What the text depends on. */
export interface SearchShape {
  from: "commune" | "point" | "everywhere";
  /** Read the commune's boundary (for the map of the page). */
  boundary: boolean;
  services: boolean;
  specificSupport: boolean;
  publics: boolean;
  free: boolean;
  remote: boolean;
  open: boolean;
  permanenceModes: boolean;
}

/** Every value a search statement may bind; each text binds the ones its shape uses, in its own order. */
export interface SearchValues {
  code: string | null;
  latitude: number | null;
  longitude: number | null;
  radiusKm: number;
  /** Places nearer than this are left out (the rings of the nearby suggestions). */
  beyondKm: number;
  services: string[];
  specificSupport: string[];
  publics: string[];
  openFrom: string | null;
  openTo: string | null;
  permanenceModes: string[] | null;
  today: string;
  now: string;
  weekHoursBefore: string;
  weekPermanencesBefore: string;
  weekBefore: string;
  hoursBefore: string;
  permanencesBefore: string;
  laterBefore: string;
  limit: number;
  offset: number;
  /** The API's cards this instance holds for the places of this search's last page, as « id:version » (versionOf). */
  known: string[];
}

export type Slot = keyof SearchValues;

/** A statement's text and, in order, the values its $1, $2… stand for. */
export interface StatementText {
  text: string;
  slots: Slot[];
}

/** Numbers each value the first time a text refers to it; later references reuse its number. */
export class Binder {
  readonly slots: Slot[] = [];
  ref(slot: Slot): string {
    let i = this.slots.indexOf(slot);
    if (i < 0) i = this.slots.push(slot) - 1;
    return `$${i + 1}`;
  }
}

const EARTH = `${EARTH_RADIUS_KM}::float8`;

/** The distance in km from (lat, lon), SQL expressions, to the place: haversine, as everywhere in the search. */
function distanceKm(lat: string, lon: string): string {
  return `(${EARTH} * 2 * asin(least(1.0, sqrt(
    power(sin(radians(places.latitude - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(places.latitude)) * power(sin(radians(places.longitude - ${lon}) / 2), 2)))))`;
}

/** The conditions every search applies but the distance: public, each filter, open during the window. */
function filters(shape: SearchShape, b: Binder): string {
  const where = ["places.is_public"];
  if (shape.services) where.push(`places.services @> ${b.ref("services")}::text[]`);
  if (shape.specificSupport) where.push(`places.specific_support @> ${b.ref("specificSupport")}::text[]`);
  if (shape.publics) where.push(`(places.publics && ${b.ref("publics")}::text[] or cardinality(places.publics) = 0)`);
  if (shape.free) where.push(`'Gratuit' = any(places.fees)`);
  if (shape.remote) where.push(`'À distance' = any(places.support_modes)`);
  if (shape.open) {
    // The window is read from a materialised relation (see windowOf), as the box is: its bounds are not
    // estimated from the values, so PostgreSQL plans every window alike and can keep one plan.
    where.push(`exists (select 1 from open_window w, place_openings o where o.place_id = places.id
      and o.starts_at < w.to_at and o.ends_at > w.from_at)`);
  }
  if (shape.permanenceModes) {
    where.push(`exists (select 1 from permanences join advisors on advisors.id = permanences.advisor_id
      where permanences.place_id = places.id and advisors.active and permanences.mode = any(${b.ref("permanenceModes")}::text[])
      and (permanences.valid_to is null or permanences.valid_to >= ${b.ref("today")}::date))`);
  }
  return where.join(" and ");
}

/** The « ouvert » window as a one-row relation. */
function windowOf(b: Binder): string {
  return `select ${b.ref("openFrom")}::timestamptz as from_at, ${b.ref("openTo")}::timestamptz as to_at`;
}

/**
 * The latitude/longitude box holding every point within the radius of origin (a one-row relation with
 * latitude and longitude), computed in SQL like boundingBox() and widened by a hair so that rounding never
 * drops a place on its edge: it only prefilters, through the places_public_position index; the distance decides.
 */
function boxOf(b: Binder): string {
  const dLat = `(${b.ref("radiusKm")}::float8 / ${EARTH} * (180 / pi()))`;
  return `select origin.latitude, origin.longitude,
      greatest(-90, origin.latitude - ${dLat}) - 1e-9 as min_lat, least(90, origin.latitude + ${dLat}) + 1e-9 as max_lat,
      case when w.widest >= 90 or cos(radians(w.widest)) < 1e-9 then -180 else origin.longitude - least(180, ${dLat} / cos(radians(w.widest))) - 1e-9 end as min_lon,
      case when w.widest >= 90 or cos(radians(w.widest)) < 1e-9 then 180 else origin.longitude + least(180, ${dLat} / cos(radians(w.widest))) + 1e-9 end as max_lon
    from origin cross join lateral (select greatest(abs(greatest(-90, origin.latitude - ${dLat})), abs(least(90, origin.latitude + ${dLat}))) as widest) w
    where origin.latitude is not null`;
}

/** The origin as a one-row relation: the commune (none when unknown), the point, or no row. */
function originOf(shape: SearchShape, b: Binder): string {
  if (shape.from === "commune") {
    const boundary = shape.boundary ? "communes.boundary" : "null::jsonb";
    return `select communes.code, communes.name, communes.latitude, communes.longitude, ${boundary} as boundary
      from communes where communes.code = ${b.ref("code")}`;
  }
  if (shape.from === "point") {
    return `select null::text as code, null::text as name, ${b.ref("latitude")}::float8 as latitude, ${b.ref("longitude")}::float8 as longitude,
      null::jsonb as boundary`;
  }
  return "select null::text as code, null::text as name, null::float8 as latitude, null::float8 as longitude, null::jsonb as boundary where false";
}

/**
 * What a statement reads of each matching place: the page's fields (the commune's name apart: it is read
 * for the page's places only, see pageRelations), or what the API's statement orders and versions by (its
 * cards hold the rest, place-cards.ts). Fewer columns carried through the match and the sort: less work.
 */
export type MatchedColumns = "page" | "api";

const MATCHED_COLUMNS: Record<MatchedColumns, string[]> = {
  page: ["id", "slug", "name", "commune_code", "address", "postcode", "latitude", "longitude", "phone", "booking_url", "services"],
  api: ["id", "name", "search_version"],
};

/** The columns the filters read (filters()). */
const FILTERED_COLUMNS = ["is_public", "services", "specific_support", "publics", "fees", "support_modes"];

/** Public places matching every filter within the radius of the box's origin (every place: no box), with their distance. */
function matching(shape: SearchShape, b: Binder, beyond: boolean, columns: MatchedColumns): string {
  const placeColumns = MATCHED_COLUMNS[columns].map((c) => `places.${c}`).join(", ");
  if (shape.from === "everywhere") {
    return `select ${placeColumns}, null::float8 as distance_km
      from places
      where ${filters(shape, b)}`;
  }
  // The places in the box are read first, through the position index only: `offset 0` keeps the filters
  // out of that scan. Otherwise the generic plan (the statement is prepared) estimates a service filter as
  // selective and ANDs the box with the services index, reading ~12,000 index entries for ~60 places.
  const boxColumns = [...new Set([...MATCHED_COLUMNS[columns], ...FILTERED_COLUMNS])].map((c) => `places.${c}`).join(", ");
  return `select ${placeColumns}, places.distance_km
    from (select ${boxColumns}, d.distance_km
      from box join places on places.latitude between box.min_lat and box.max_lat and places.longitude between box.min_lon and box.max_lon
      cross join lateral (select ${distanceKm("box.latitude", "box.longitude")} as distance_km) d
      where places.is_public offset 0) places
    where ${beyond ? `places.distance_km > ${b.ref("beyondKm")}::float8 and ` : ""}${filters(shape, b)} and places.distance_km <= ${b.ref("radiusKm")}::float8`;
}

/** The relations every search statement starts with: origin, box, the « ouvert » window, matching places. */
export function matchedRelations(shape: SearchShape, b: Binder, beyond: boolean, columns: MatchedColumns = "page"): string {
  return `origin as (${originOf(shape, b)}),
    box as materialized (${boxOf(b)}),
    ${shape.open ? `open_window as materialized (${windowOf(b)}),` : ""}
    matched as (${matching(shape, b, beyond, columns)})`;
}

/**
 * The first precomputed opening of the page's place `page.id` not over at now and starting before its kind's
 * limit, looking within the first week before further, opening hours already under way counting from now,
 * earliest start first, then kind and end (the order the search always used). Two lateral subqueries, the
 * second only run when the first week has nothing: each reads the place's rows up to its limit through
 * the (place_id, starts_at) index instead of sorting all 70 days.
 */
export function nextOpeningJoins(b: Binder): string {
  const now = `${b.ref("now")}::timestamptz`;
  const from = `case when o.kind = 'hours' and o.starts_at < ${now} then ${now} else o.starts_at end`;
  const within = (before: Slot, hours: Slot, permanences: Slot) =>
    `o.starts_at < ${b.ref(before)}::timestamptz
      and o.starts_at < case when o.kind = 'hours' then ${b.ref(hours)}::timestamptz else ${b.ref(permanences)}::timestamptz end`;
  return `left join lateral (select ${from} as starts_at, o.ends_at, o.kind from place_openings o
      where o.place_id = page.id and o.ends_at > ${now} and ${within("weekBefore", "weekHoursBefore", "weekPermanencesBefore")}
      order by ${from}, o.kind, o.ends_at limit 1) week on true
    left join lateral (select ${from} as starts_at, o.ends_at, o.kind from place_openings o
      where week.kind is null and o.place_id = page.id and o.ends_at > ${now} and ${within("laterBefore", "hoursBefore", "permanencesBefore")}
      order by ${from}, o.kind, o.ends_at limit 1) later on true`;
}

/**
 * The relations a search statement selects from: the openings state (horizon, anything stale?), origin, box,
 * window, matching places, their count, and the page (its places in rank order, numbered from 1).
 */
export function pageRelations(shape: SearchShape, b: Binder, columns: MatchedColumns = "page"): string {
  const order = shape.from === "everywhere" ? "page.name, page.name, page.id" : "page.distance_km, page.name, page.id";
  // Every place has its commune (a foreign key): the join only reads the name, which the API's cards hold.
  const commune = columns === "page" ? "communes.name as commune_name," : "";
  const communes = columns === "page" ? "join communes on communes.code = page.commune_code" : "";
  return `state as (select
      (select from_day::text from place_openings_horizon) as from_day,
      (select to_day::text from place_openings_horizon) as to_day,
      (select departement from place_openings_horizon) as departement,
      (select openings_version::text from place_openings_horizon) as openings_version,
      exists (select 1 from place_openings_stale) as stale),
    ${matchedRelations(shape, b, false, columns)},
    counted as (select count(*)::int as total from matched),
    page as (select page.*, ${commune} row_number() over (order by ${order}) as rank
      from (select * from matched page order by ${order} limit ${b.ref("limit")} offset ${b.ref("offset")}) page
      ${communes})`;
}

/**
 * ONE statement per search: the openings state (horizon, anything stale?) read in the same snapshot as the
 * openings used, the origin, the count, the page, each place's next opening and whether it takes appointments.
 * One row: the answer's header, and the page's places as one JSON array (null without any), nearest first:
 * the driver parses one JSON value instead of ~30 typed fields for each of 20 rows.
 */
function searchText(shape: SearchShape): StatementText {
  const b = new Binder();
  const text = `with
    ${pageRelations(shape, b)}
    select state.*, origin.code as origin_code, origin.name as origin_name, origin.latitude as origin_latitude,
      origin.longitude as origin_longitude, origin.boundary as origin_boundary, counted.total,
      (select json_agg(hit order by hit.rank) from (select page.*,
          coalesce(week.starts_at, later.starts_at) as next_start, coalesce(week.ends_at, later.ends_at) as next_end,
          coalesce(week.kind, later.kind) as next_kind,
          exists (select 1 from permanences join advisors on advisors.id = permanences.advisor_id
            where permanences.place_id = page.id and advisors.active and permanences.mode <> 'drop_in'
            and (permanences.valid_to is null or permanences.valid_to >= ${b.ref("today")}::date)) as by_appointment
        from page
        ${nextOpeningJoins(b)}) hit) as places
    from state cross join counted
    left join origin on true`;
  return { text, slots: b.slots };
}

/** The communes with a matching place within the radius (beyond beyondKm when `beyond`), nearest first. */
function nearbyText(shape: SearchShape, beyond: boolean): StatementText {
  const b = new Binder();
  const text = `with
    ${matchedRelations(shape, b, beyond)}
    select nearest.code, communes.name, nearest.distance_km
    from (select commune_code as code, min(distance_km) as distance_km from matched group by commune_code
      order by min(distance_km), commune_code limit ${b.ref("limit")}) nearest
    join communes on communes.code = nearest.code
    order by nearest.distance_km, nearest.code`;
  return { text, slots: b.slots };
}

export function shapeKey(kind: string, shape: SearchShape, beyond: boolean): string {
  return `${kind}:${shape.from}:${+shape.boundary}${+shape.services}${+shape.specificSupport}${+shape.publics}${+shape.free}${+shape.remote}${+shape.open}${+shape.permanenceModes}${+beyond}`;
}

// Shapes are few (2^8 × 3 at most): every text is kept.
const texts = new Map<string, StatementText>();

export function cached(key: string, build: () => StatementText): StatementText {
  let found = texts.get(key);
  if (!found) {
    found = build();
    texts.set(key, found);
  }
  return found;
}

/** The search statement of this shape. */
export function searchStatement(shape: SearchShape): StatementText {
  return cached(shapeKey("search", shape, false), () => searchText(shape));
}

/** The nearby communes statement of this shape (a located origin), beyond an inner ring or not. */
export function nearbyStatement(shape: SearchShape, beyond: boolean): StatementText {
  return cached(shapeKey("nearby", shape, beyond), () => nearbyText(shape, beyond));
}

/** The statement's parameters, in its order. */
export function bind(statement: StatementText, values: SearchValues): unknown[] {
  const out = new Array<unknown>(statement.slots.length);
  for (let i = 0; i < out.length; i++) out[i] = values[statement.slots[i] as Slot];
  return out;
}
