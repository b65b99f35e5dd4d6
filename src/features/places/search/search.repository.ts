// Queries of the public search. Distances are computed by the database (haversine in SQL after a
// latitude/longitude box prefilter), so that sorting, counting and paging happen there too.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import { executePrepared } from "../../../db/prepared.ts";
import type { DbOrTx } from "../../../db/schema.ts";
import type { PermanenceMode } from "../../permanences/permanence.ts";
import type { Point } from "../../territory/territory.ts";
import type { PermanenceSlotRule } from "../availability.ts";
import type { OpeningsState } from "../openings/openings.repository.ts";
import type { Opening } from "../openings/openings.ts";
import { EARTH_RADIUS_KM, type NextOpeningLimits, type TimeWindow } from "./search.ts";

/** Where a search starts from: a commune's centre (read in the same statement), a point, or nowhere. */
export type SearchFrom =
  | { kind: "commune"; code: string; /** Also read its boundary (for the map of the page). */ boundary: boolean }
  | { kind: "point"; latitude: number; longitude: number }
  | { kind: "everywhere" };

/** A resolved search: national values, where from, and the time facts the filters need. */
export interface PlaceSearch {
  /** everywhere: every public place, by name, without distances. */
  from: SearchFrom;
  radiusKm: number;
  /** National values; a place must offer each. */
  services: string[];
  specificSupport: string[];
  /** A place addressed to one of these publics, or to everyone (no specific public). */
  publics: string[];
  free: boolean;
  remote: boolean;
  /** A current permanence in one of these modes. */
  permanenceModes: PermanenceMode[] | null;
  /** Open or staffed at some time during this window (precomputed openings). */
  open: TimeWindow | null;
  /** What counts as the next opening. */
  next: NextOpeningLimits;
  /** YYYY-MM-DD in Paris: permanences that ended before it do not count. */
  today: string;
  departement: string;
  page: number;
  pageSize: number;
}

export interface PlaceHit {
  id: string;
  slug: string;
  name: string;
  commune_code: string;
  commune_name: string;
  address: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  booking_url: string | null;
  services: string[];
  distance_km: number | null;
  /** A current permanence (active advisor) taking appointments: the results offer booking with an advisor. */
  byAppointment: boolean;
  /** The first opening not over yet, as precomputed (see nextOpeningShown for the one shown). */
  next: Opening | null;
}

/** The distance in km from (lat, lon), SQL expressions, to the place: haversine, as everywhere in the search. */
function distanceKm(lat: RawBuilder<unknown>, lon: RawBuilder<unknown>) {
  return sql<number>`(${EARTH_RADIUS_KM}::float8 * 2 * asin(least(1.0, sqrt(
    power(sin(radians(places.latitude - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(places.latitude)) * power(sin(radians(places.longitude - ${lon}) / 2), 2)))))`;
}

/**
 * The conditions every search applies but the distance: public, each filter, open during the window.
 * Plain SQL over the alias `places`, so that one statement can hold them next to the origin it reads.
 */
function filters(s: PlaceSearch): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`places.is_public`];
  if (s.services.length > 0) where.push(sql`places.services @> ${s.services}::text[]`);
  if (s.specificSupport.length > 0) where.push(sql`places.specific_support @> ${s.specificSupport}::text[]`);
  if (s.publics.length > 0) where.push(sql`(places.publics && ${s.publics}::text[] or cardinality(places.publics) = 0)`);
  if (s.free) where.push(sql`'Gratuit' = any(places.fees)`);
  if (s.remote) where.push(sql`'À distance' = any(places.support_modes)`);
  if (s.open) {
    where.push(sql`exists (select 1 from place_openings o where o.place_id = places.id
      and o.starts_at < ${s.open.to.toISOString()}::timestamptz and o.ends_at > ${s.open.from.toISOString()}::timestamptz)`);
  }
  if (s.permanenceModes) {
    where.push(sql`exists (select 1 from permanences join advisors on advisors.id = permanences.advisor_id
      where permanences.place_id = places.id and advisors.active and permanences.mode = any(${s.permanenceModes}::text[])
      and (permanences.valid_to is null or permanences.valid_to >= ${s.today}::date))`);
  }
  return sql.join(where, sql` and `);
}

/**
 * The latitude/longitude box holding every point within radiusKm of origin (a one-row relation with
 * latitude and longitude), computed in SQL like boundingBox() and widened by a hair so that rounding never
 * drops a place on its edge: it only prefilters, through the places_public_position index; the distance decides.
 */
function boxOf(origin: string, radiusKm: number) {
  const o = sql.raw(origin);
  const dLat = sql`(${radiusKm}::float8 / ${EARTH_RADIUS_KM}::float8 * (180 / pi()))`;
  return sql`select ${o}.latitude, ${o}.longitude,
      greatest(-90, ${o}.latitude - ${dLat}) - 1e-9 as min_lat, least(90, ${o}.latitude + ${dLat}) + 1e-9 as max_lat,
      case when w.widest >= 90 or cos(radians(w.widest)) < 1e-9 then -180 else ${o}.longitude - least(180, ${dLat} / cos(radians(w.widest))) - 1e-9 end as min_lon,
      case when w.widest >= 90 or cos(radians(w.widest)) < 1e-9 then 180 else ${o}.longitude + least(180, ${dLat} / cos(radians(w.widest))) + 1e-9 end as max_lon
    from ${o} cross join lateral (select greatest(abs(greatest(-90, ${o}.latitude - ${dLat})), abs(least(90, ${o}.latitude + ${dLat}))) as widest) w
    where ${o}.latitude is not null`;
}

/** The origin as a one-row relation: the commune (none when unknown), the point, or no row. */
function originOf(from: SearchFrom) {
  if (from.kind === "commune") {
    const boundary = from.boundary ? sql`communes.boundary` : sql`null::jsonb`;
    return sql`select communes.code, communes.name, communes.latitude, communes.longitude, ${boundary} as boundary
      from communes where communes.code = ${from.code}`;
  }
  if (from.kind === "point") {
    return sql`select null::text as code, null::text as name, ${from.latitude}::float8 as latitude, ${from.longitude}::float8 as longitude,
      null::jsonb as boundary`;
  }
  return sql`select null::text as code, null::text as name, null::float8 as latitude, null::float8 as longitude, null::jsonb as boundary where false`;
}

/** Public places matching every filter within the radius of the box's origin (every place: no box), with their distance. */
function matching(s: PlaceSearch, located: boolean, beyondKm = 0) {
  const placeColumns = sql`places.id, places.slug, places.name, places.commune_code, communes.name as commune_name, places.address,
    places.postcode, places.latitude, places.longitude, places.phone, places.booking_url, places.services`;
  if (!located) {
    return sql`select ${placeColumns}, null::float8 as distance_km
      from places join communes on communes.code = places.commune_code
      where ${filters(s)}`;
  }
  return sql`select ${placeColumns}, d.distance_km
    from box join places on places.latitude between box.min_lat and box.max_lat and places.longitude between box.min_lon and box.max_lon
    join communes on communes.code = places.commune_code
    cross join lateral (select ${distanceKm(sql`box.latitude`, sql`box.longitude`)} as distance_km) d
    where ${beyondKm > 0 ? sql`d.distance_km > ${beyondKm}::float8 and ` : sql``}${filters(s)} and d.distance_km <= ${s.radiusKm}::float8`;
}

/**
 * The first precomputed opening of the page's place `page.id` not over at `now` and starting before its kind's
 * limit, looking within the first week before further, opening hours already under way counting from now,
 * earliest start first, then kind and end (the order the search always used). Two lateral subqueries, the
 * second only run when the first week has nothing: each reads the place's rows up to its limit through
 * the (place_id, starts_at) index instead of sorting all 70 days.
 */
function nextOpeningJoins(limits: NextOpeningLimits) {
  const now = sql`${limits.now.toISOString()}::timestamptz`;
  const from = sql`case when o.kind = 'hours' and o.starts_at < ${now} then ${now} else o.starts_at end`;
  const within = (hours: Date, permanences: Date) =>
    sql`o.starts_at < ${new Date(Math.max(hours.getTime(), permanences.getTime())).toISOString()}::timestamptz
      and o.starts_at < case when o.kind = 'hours' then ${hours.toISOString()}::timestamptz else ${permanences.toISOString()}::timestamptz end`;
  return sql`left join lateral (select ${from} as starts_at, o.ends_at, o.kind from place_openings o
      where o.place_id = page.id and o.ends_at > ${now} and ${within(limits.weekHoursBefore, limits.weekPermanencesBefore)}
      order by ${from}, o.kind, o.ends_at limit 1) week on true
    left join lateral (select ${from} as starts_at, o.ends_at, o.kind from place_openings o
      where week.kind is null and o.place_id = page.id and o.ends_at > ${now} and ${within(limits.hoursBefore, limits.permanencesBefore)}
      order by ${from}, o.kind, o.ends_at limit 1) later on true`;
}

/** The openings state the answer was computed with, the origin as read, and a page of places. */
export interface SearchAnswer {
  openings: OpeningsState;
  /** The commune searched from (kind commune), null when no commune has that code. */
  commune: SearchCommune | null;
  total: number;
  places: PlaceHit[];
}

/** One row of the search statement: the answer's header repeated on each row, then a place as PlaceHit has it. */
type AnswerRow = Omit<PlaceHit, "id" | "byAppointment" | "next"> & {
  from_day: string | null;
  to_day: string | null;
  departement: string | null;
  stale: boolean;
  origin_code: string | null;
  origin_name: string | null;
  origin_latitude: number | null;
  origin_longitude: number | null;
  origin_boundary: unknown;
  total: number;
  /** null on the header-only row of a search without results. */
  id: string | null;
  next_start: Date | string | null;
  next_end: Date | string | null;
  next_kind: Opening["kind"] | null;
  by_appointment: boolean | null;
};

/**
 * A page of matching public places, nearest first (by name without a located origin), how many match, and
 * the facts the answer depends on, in ONE statement: the openings state (horizon, anything stale?) read in
 * the same snapshot as the openings used, the commune's centre, the count, the page, each place's next
 * opening and whether it takes appointments. The caller checks the state and asks again after fixing it.
 * A commune without a position finds nothing here: the caller asks again from everywhere.
 */
export async function searchPlaces(db: DbOrTx, s: PlaceSearch): Promise<SearchAnswer> {
  const located = s.from.kind !== "everywhere";
  const offset = (s.page - 1) * s.pageSize;
  const order = located ? sql`page.distance_km, page.name, page.id` : sql`page.name, page.name, page.id`;
  // Prepared: one text per combination of filters, asked again and again with other values.
  const { rows } = await executePrepared(
    db,
    sql<AnswerRow>`with
    state as (select
      (select from_day::text from place_openings_horizon) as from_day,
      (select to_day::text from place_openings_horizon) as to_day,
      (select departement from place_openings_horizon) as departement,
      exists (select 1 from place_openings_stale) as stale),
    origin as (${originOf(s.from)}),
    box as materialized (${boxOf("origin", s.radiusKm)}),
    matched as (${matching(s, located)}),
    counted as (select count(*)::int as total from matched),
    page as (select page.*, row_number() over (order by ${order}) as rank
      from (select * from matched page order by ${order} limit ${s.pageSize} offset ${offset}) page)
    select state.*, origin.code as origin_code, origin.name as origin_name, origin.latitude as origin_latitude,
      origin.longitude as origin_longitude, case when page.rank is null or page.rank = 1 then origin.boundary end as origin_boundary,
      counted.total, page.*,
      coalesce(week.starts_at, later.starts_at) as next_start, coalesce(week.ends_at, later.ends_at) as next_end,
      coalesce(week.kind, later.kind) as next_kind,
      exists (select 1 from permanences join advisors on advisors.id = permanences.advisor_id
        where permanences.place_id = page.id and advisors.active and permanences.mode <> 'drop_in'
        and (permanences.valid_to is null or permanences.valid_to >= ${s.today}::date)) as by_appointment
    from state cross join counted
    left join origin on true
    left join page on true
    ${nextOpeningJoins(s.next)}
    order by page.rank`,
  );
  const first = rows[0] as AnswerRow;
  const openings: OpeningsState = {
    horizon: first.from_day && first.to_day && first.departement ? { fromDay: first.from_day, toDay: first.to_day, departement: first.departement } : null,
    stale: first.stale,
  };
  const commune =
    s.from.kind === "commune" && first.origin_code !== null
      ? {
          code: first.origin_code,
          name: first.origin_name as string,
          latitude: first.origin_latitude,
          longitude: first.origin_longitude,
          boundary: first.origin_boundary,
        }
      : null;
  const places: PlaceHit[] = [];
  for (const r of rows) {
    if (r.id === null) continue;
    places.push({
      id: r.id,
      slug: r.slug,
      name: r.name,
      commune_code: r.commune_code,
      commune_name: r.commune_name,
      address: r.address,
      postcode: r.postcode,
      latitude: r.latitude,
      longitude: r.longitude,
      phone: r.phone,
      booking_url: r.booking_url,
      services: r.services,
      distance_km: r.distance_km,
      byAppointment: r.by_appointment === true,
      next: r.next_start && r.next_end && r.next_kind ? { start: new Date(r.next_start), end: new Date(r.next_end), kind: r.next_kind } : null,
    });
  }
  return { openings, commune, total: first.total, places };
}

/** The current permanences of these places (of every place: null), with the advisor's first name: one query for all. */
export async function permanencesOf(db: DbOrTx, placeIds: string[] | null, today: string): Promise<Map<string, PermanenceSlotRule[]>> {
  const out = new Map<string, PermanenceSlotRule[]>();
  if (placeIds?.length === 0) return out;
  const rows = await db
    .selectFrom("permanences")
    .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
    .select([
      "permanences.place_id",
      "permanences.weekdays",
      "permanences.start_time",
      "permanences.end_time",
      "permanences.every_weeks",
      "permanences.mode",
      "advisors.first_name",
      sql<string>`permanences.valid_from::text`.as("valid_from"),
      sql<string | null>`permanences.valid_to::text`.as("valid_to"),
      sql<string[]>`permanences.cancelled_dates::text[]`.as("cancelled_dates"),
    ])
    .$if(placeIds !== null, (q) => q.where("permanences.place_id", "in", placeIds as string[]))
    .where("advisors.active", "=", true)
    .where(sql<SqlBool>`(permanences.valid_to is null or permanences.valid_to >= ${today}::date)`)
    .orderBy("permanences.start_time")
    .execute();
  for (const r of rows) {
    const list = out.get(r.place_id) ?? [];
    list.push({
      weekdays: r.weekdays,
      startTime: r.start_time,
      endTime: r.end_time,
      everyWeeks: r.every_weeks,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      cancelledDates: r.cancelled_dates,
      mode: r.mode,
      advisorFirstName: r.first_name,
    });
    out.set(r.place_id, list);
  }
  return out;
}

export interface NearbyCommune {
  code: string;
  name: string;
  distance_km: number;
}

/** The rings searched, one after the other, for the nearest communes with a matching place; the last holds the Earth. */
const NEARBY_RINGS_KM = [100, 300, 1_000, 20_100];

/**
 * The communes nearest the point, whatever the radius, that hold a place matching the same filters.
 * Reads one ring at a time through the position index, each ring only beyond the previous one (the
 * distance is tested before the costlier filters): once `limit` communes are known within a ring, no
 * commune outside it can be nearer, and a commune already found has its nearest place in an inner ring.
 * Worst case (nothing matches anywhere): every public place is read once, as a single scan would.
 */
export async function nearestCommunesWithPlaces(db: DbOrTx, s: PlaceSearch, point: Point, limit: number): Promise<NearbyCommune[]> {
  const found = new Map<string, NearbyCommune>();
  let inner = 0;
  for (const ring of NEARBY_RINGS_KM) {
    const search = { ...s, radiusKm: ring, from: { kind: "point" as const, ...point } };
    const { rows } = await sql<NearbyCommune>`with
      origin as (${originOf(search.from)}),
      box as materialized (${boxOf("origin", ring)}),
      matched as (${matching(search, true, inner)})
      select commune_code as code, commune_name as name, min(distance_km) as distance_km
      from matched group by commune_code, commune_name
      order by min(distance_km), commune_code
      limit ${limit + found.size}`.execute(db);
    // Communes already found come back too (places on both sides of the ring's edge): asking for as many more
    // rows keeps them from hiding the ring's nearer new communes.
    for (const r of rows) if (!found.has(r.code)) found.set(r.code, r);
    if (found.size >= limit) break;
    inner = ring;
  }
  return [...found.values()].sort((a, b) => a.distance_km - b.distance_km || a.code.localeCompare(b.code)).slice(0, limit);
}

export interface SearchCommune {
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  boundary: unknown;
}

export async function findSearchCommune(db: DbOrTx, code: string): Promise<SearchCommune | undefined> {
  return db.selectFrom("communes").select(["code", "name", "latitude", "longitude", "boundary"]).where("code", "=", code).executeTakeFirst();
}
