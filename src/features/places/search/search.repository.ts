// Queries of the public search. Distances are computed by the database (haversine in SQL after a
// latitude/longitude box prefilter), so that sorting, counting and paging happen there too.
import { type SqlBool, sql } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import type { PermanenceMode } from "../../permanences/permanence.ts";
import type { Point } from "../../territory/territory.ts";
import type { PermanenceSlotRule } from "../availability.ts";
import type { Opening } from "../openings/openings.ts";
import { boundingBox, EARTH_RADIUS_KM, type NextOpeningLimits, type TimeWindow } from "./search.ts";

/** A resolved search: national values, a point, and the time facts the filters need. */
export interface PlaceSearch {
  /** null: every public place, by name, without distances. */
  origin: Point | null;
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
  opening_hours: string | null;
  distance_km: number | null;
  permanences: PermanenceSlotRule[];
  /** The first opening not over yet, as precomputed (see nextOpeningShown for the one shown). */
  next: Opening | null;
}

function distanceKm(origin: Point) {
  const lat = sql`${origin.latitude}::float8`;
  const lon = sql`${origin.longitude}::float8`;
  return sql<number>`(${EARTH_RADIUS_KM}::float8 * 2 * asin(least(1.0, sqrt(
    power(sin(radians(places.latitude - ${lat}) / 2), 2)
    + cos(radians(${lat})) * cos(radians(places.latitude)) * power(sin(radians(places.longitude - ${lon}) / 2), 2)))))`;
}

/** Public places matching every filter but the opening window, with their distance (null without origin). */
function matching(db: DbOrTx, s: PlaceSearch) {
  let query = db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select([
      "places.id",
      "places.name",
      "places.opening_hours",
      "places.commune_code",
      "communes.name as commune_name",
      s.origin ? distanceKm(s.origin).as("distance_km") : sql<number | null>`null::float8`.as("distance_km"),
    ])
    .where("places.is_public", "=", true);
  if (s.origin) {
    const box = boundingBox(s.origin, s.radiusKm);
    query = query
      .where("places.latitude", ">=", box.minLat)
      .where("places.latitude", "<=", box.maxLat)
      .where("places.longitude", ">=", box.minLon)
      .where("places.longitude", "<=", box.maxLon);
  }
  if (s.services.length > 0) query = query.where(sql<SqlBool>`places.services @> ${s.services}::text[]`);
  if (s.specificSupport.length > 0) query = query.where(sql<SqlBool>`places.specific_support @> ${s.specificSupport}::text[]`);
  if (s.publics.length > 0) query = query.where(sql<SqlBool>`(places.publics && ${s.publics}::text[] or cardinality(places.publics) = 0)`);
  if (s.free) query = query.where(sql<SqlBool>`'Gratuit' = any(places.fees)`);
  if (s.remote) query = query.where(sql<SqlBool>`'À distance' = any(places.support_modes)`);
  if (s.open) {
    const { from, to } = s.open;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("place_openings as o")
          .select(sql`1`.as("one"))
          .whereRef("o.place_id", "=", "places.id")
          .where("o.starts_at", "<", to)
          .where("o.ends_at", ">", from),
      ),
    );
  }
  if (s.permanenceModes) {
    const modes = s.permanenceModes;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("permanences")
          .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
          .select(sql`1`.as("one"))
          .whereRef("permanences.place_id", "=", "places.id")
          .where("advisors.active", "=", true)
          .where("permanences.mode", "in", modes)
          .where(sql<SqlBool>`(permanences.valid_to is null or permanences.valid_to >= ${s.today}::date)`),
      ),
    );
  }
  return query;
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

async function details(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, PlaceDetails>();
  const rows = await db
    .selectFrom("places")
    .select(["id", "slug", "address", "postcode", "latitude", "longitude", "phone", "booking_url", "services"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

type PlaceDetails = Pick<PlaceHit, "id" | "slug" | "address" | "postcode" | "latitude" | "longitude" | "phone" | "booking_url" | "services">;

/** A page of matching public places, nearest first (by name without origin), and how many match. */
export async function searchPlaces(db: DbOrTx, s: PlaceSearch): Promise<{ total: number; places: PlaceHit[] }> {
  const offset = (s.page - 1) * s.pageSize;
  const rows = await db
    .selectFrom(matching(db, s).as("m"))
    .selectAll()
    .$if(s.origin !== null, (q) => q.where("m.distance_km", "<=", s.radiusKm))
    .orderBy(s.origin ? sql`m.distance_km` : sql`m.name`)
    .orderBy("m.name")
    .orderBy("m.id")
    .select(sql<number>`(count(*) over ())::int`.as("total"))
    .limit(s.pageSize)
    .offset(offset)
    .execute();
  const total = rows[0]?.total ?? (offset > 0 ? await countOf(db, s) : 0);
  const ids = rows.map((c) => c.id);
  const [more, permanences, next] = await Promise.all([details(db, ids), permanencesOf(db, ids, s.today), firstOpenings(db, ids, s.next)]);
  const places = rows.map(({ total: _, ...c }) => ({
    ...c,
    ...(more.get(c.id) as PlaceDetails),
    permanences: permanences.get(c.id) ?? [],
    next: next.get(c.id) ?? null,
  }));
  return { total, places };
}

/**
 * The first precomputed opening of each place not over at `now` and starting before its kind's limit,
 * looking within the first week before further, opening hours already under way counting from now.
 */
async function firstOpenings(db: DbOrTx, ids: string[], limits: NextOpeningLimits): Promise<Map<string, Opening>> {
  if (ids.length === 0) return new Map();
  const now = sql`${limits.now.toISOString()}::timestamptz`;
  const from = sql`case when o.kind = 'hours' and o.starts_at < ${now} then ${now} else o.starts_at end`;
  const rows = await db
    .selectFrom("place_openings as o")
    .select(["o.place_id", sql<Date>`${from}`.as("starts_at"), "o.ends_at", "o.kind"])
    .distinctOn("o.place_id")
    .where("o.place_id", "in", ids)
    .where("o.ends_at", ">", limits.now)
    .where(sql<SqlBool>`o.starts_at < case when o.kind = 'hours' then ${limits.hoursBefore.toISOString()}::timestamptz
      else ${limits.permanencesBefore.toISOString()}::timestamptz end`)
    .orderBy("o.place_id")
    .orderBy(sql`o.starts_at < case when o.kind = 'hours' then ${limits.weekHoursBefore.toISOString()}::timestamptz
      else ${limits.weekPermanencesBefore.toISOString()}::timestamptz end`, "desc")
    .orderBy(sql`${from}`)
    .orderBy("o.kind")
    .orderBy("o.ends_at")
    .execute();
  return new Map(rows.map((r) => [r.place_id, { start: new Date(r.starts_at), end: new Date(r.ends_at), kind: r.kind }]));
}

async function countOf(db: DbOrTx, s: PlaceSearch): Promise<number> {
  const row = await db
    .selectFrom(matching(db, s).as("m"))
    .select(sql<number>`count(*)::int`.as("n"))
    .$if(s.origin !== null, (q) => q.where("m.distance_km", "<=", s.radiusKm))
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface NearbyCommune {
  code: string;
  name: string;
  distance_km: number;
}

/** The communes nearest the origin, whatever the radius, that hold a place matching the same filters. */
export async function nearestCommunesWithPlaces(db: DbOrTx, s: PlaceSearch & { origin: Point }, limit: number): Promise<NearbyCommune[]> {
  const unbounded = { ...s, radiusKm: 20_000 };
  return db
    .selectFrom(matching(db, unbounded).as("m"))
    .select(["m.commune_code as code", "m.commune_name as name", sql<number>`min(m.distance_km)`.as("distance_km")])
    .where("m.distance_km", "is not", null)
    .groupBy(["m.commune_code", "m.commune_name"])
    .orderBy(sql`min(m.distance_km)`)
    .limit(limit)
    .execute();
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
