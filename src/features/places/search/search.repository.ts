// Queries of the public search. Distances are computed by the database (haversine in SQL after a
// latitude/longitude box prefilter), so that sorting, counting and paging happen there too.
import { CompiledQuery, type SqlBool, sql } from "kysely";
import { executePreparedText } from "../../../db/prepared.ts";
import type { Database, DbOrTx } from "../../../db/schema.ts";
import type { PermanenceMode } from "../../permanences/permanence.ts";
import type { Point } from "../../territory/territory.ts";
import type { PermanenceSlotRule } from "../availability.ts";
import type { OpeningsState } from "../openings/openings.repository.ts";
import type { Opening } from "../openings/openings.ts";
import type { NextOpeningLimits, TimeWindow } from "./search.ts";
import { bind, nearbyStatement, type SearchShape, type SearchValues, searchStatement } from "./search-statement.ts";

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

/** What the statement's text depends on. */
export function shapeOf(s: PlaceSearch): SearchShape {
  return {
    from: s.from.kind,
    boundary: s.from.kind === "commune" && s.from.boundary,
    services: s.services.length > 0,
    specificSupport: s.specificSupport.length > 0,
    publics: s.publics.length > 0,
    free: s.free,
    remote: s.remote,
    open: s.open !== null,
    permanenceModes: s.permanenceModes !== null,
  };
}

/** The bound values that say up to when the precomputed openings are read, as ISO texts. */
export function openingWindowValues(next: PlaceSearch["next"]) {
  const iso = (d: Date) => d.toISOString();
  const latest = (a: Date, b: Date) => new Date(Math.max(a.getTime(), b.getTime()));
  return {
    now: iso(next.now),
    weekHoursBefore: iso(next.weekHoursBefore),
    weekPermanencesBefore: iso(next.weekPermanencesBefore),
    weekBefore: iso(latest(next.weekHoursBefore, next.weekPermanencesBefore)),
    hoursBefore: iso(next.hoursBefore),
    permanencesBefore: iso(next.permanencesBefore),
    laterBefore: iso(latest(next.hoursBefore, next.permanencesBefore)),
  };
}

/** The values a search statement binds. */
export function valuesOf(s: PlaceSearch): SearchValues {
  const { next } = s;
  const iso = (d: Date) => d.toISOString();
  return {
    code: s.from.kind === "commune" ? s.from.code : null,
    latitude: s.from.kind === "point" ? s.from.latitude : null,
    longitude: s.from.kind === "point" ? s.from.longitude : null,
    radiusKm: s.radiusKm,
    beyondKm: 0,
    services: s.services,
    specificSupport: s.specificSupport,
    publics: s.publics,
    openFrom: s.open ? iso(s.open.from) : null,
    openTo: s.open ? iso(s.open.to) : null,
    permanenceModes: s.permanenceModes,
    today: s.today,
    ...openingWindowValues(next),
    limit: s.pageSize,
    offset: (s.page - 1) * s.pageSize,
    known: [],
  };
}

/** The openings state the answer was computed with, the origin as read, and a page of places. */
export interface SearchAnswer<H = PlaceHit> {
  openings: OpeningsState;
  /** The commune searched from (kind commune), null when no commune has that code. */
  commune: SearchCommune | null;
  total: number;
  places: H[];
}

/** A place of the search statement's JSON array: a place as PlaceHit has it, its next opening as JSON text. */
type HitJson = Omit<PlaceHit, "byAppointment" | "next"> & {
  next_start: string | null;
  next_end: string | null;
  next_kind: Opening["kind"] | null;
  by_appointment: boolean;
};

/** The answer's header, as the search statements return it. */
export interface HeaderRow {
  from_day: string | null;
  to_day: string | null;
  departement: string | null;
  stale: boolean;
  origin_code: string | null;
  origin_name: string | null;
  origin_latitude: number | null;
  origin_longitude: number | null;
  total: number;
}

/** The one row of the search statement. */
interface AnswerRow extends HeaderRow {
  origin_boundary: unknown;
  /** null when no place is on the page. */
  places: HitJson[] | null;
}

/** The openings state, the commune searched from (as read, with its boundary when read) and the count. */
export function headerOf(row: HeaderRow, s: PlaceSearch, boundary: unknown): Omit<SearchAnswer<never>, "places"> {
  const openings: OpeningsState = {
    horizon: row.from_day && row.to_day && row.departement ? { fromDay: row.from_day, toDay: row.to_day, departement: row.departement } : null,
    stale: row.stale,
  };
  const commune =
    s.from.kind === "commune" && row.origin_code !== null
      ? { code: row.origin_code, name: row.origin_name as string, latitude: row.origin_latitude, longitude: row.origin_longitude, boundary }
      : null;
  return { openings, commune, total: row.total };
}

/**
 * A page of matching public places, nearest first (by name without a located origin), how many match, and
 * the facts the answer depends on, in ONE statement: the openings state (horizon, anything stale?) read in
 * the same snapshot as the openings used, the commune's centre, the count, the page, each place's next
 * opening and whether it takes appointments. The caller checks the state and asks again after fixing it.
 * A commune without a position finds nothing here: the caller asks again from everywhere.
 */
export async function searchPlaces(db: DbOrTx, s: PlaceSearch): Promise<SearchAnswer> {
  // Prepared, and its text kept: one text per combination of filters, asked again and again with other values.
  const statement = searchStatement(shapeOf(s));
  const { rows } = await executePreparedText<AnswerRow, Database>(db, statement.text, bind(statement, valuesOf(s)));
  const first = rows[0] as AnswerRow;
  const places: PlaceHit[] = (first.places ?? []).map((r) => ({
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
  }));
  return { ...headerOf(first, s, first.origin_boundary), places };
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
    const search: PlaceSearch = { ...s, radiusKm: ring, from: { kind: "point", ...point } };
    const statement = nearbyStatement(shapeOf(search), inner > 0);
    const values: SearchValues = { ...valuesOf(search), beyondKm: inner, limit: limit + found.size };
    const { rows } = await db.executeQuery<NearbyCommune>(CompiledQuery.raw(statement.text, bind(statement, values)));
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
