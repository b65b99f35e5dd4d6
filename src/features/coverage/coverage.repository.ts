// The data of the coverage: the département's communes, and the public places with a position holding an
// active permanence (valid today, advisor active), filtered by the place's services and its structure's kind.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { StructureKind } from "../organisation/organisation.ts";
import { RHYTHM_UNITS } from "./coverage.ts";

export interface CommuneRecord {
  code: string;
  name: string;
  population: number;
  latitude: number | null;
  longitude: number | null;
  boundary: unknown;
}

export async function loadCommunes(db: DbOrTx, departement: string, withBoundary: boolean): Promise<CommuneRecord[]> {
  return db
    .selectFrom("communes")
    .select(["code", "name", "population", "latitude", "longitude"])
    .select(withBoundary ? sql<unknown>`boundary`.as("boundary") : sql<unknown>`null`.as("boundary"))
    .where("departement", "=", departement)
    .orderBy("code")
    .execute();
}

export interface ActivePlaceRecord {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  /** Weekly hours of its active permanences, in units of 1/UNITS_PER_HOUR hour (see coverage.ts). */
  weekly_units: number;
  /** At least one active permanence without appointment (drop-in or both). */
  drop_in: boolean;
}

export interface PlaceFilter {
  /** National values: the place must offer each. */
  services: string[];
  /** The place's structure must be of one of these kinds (none: any). */
  employers: StructureKind[];
}

/** Distinct days of a permanence: weekdays holds 1 to 7, and a day given twice counts once. */
const distinctDays = sql.join(
  [1, 2, 3, 4, 5, 6, 7].map((day) => sql`(${sql.lit(day)} = any(permanences.weekdays))::int`),
  sql` + `,
);
const minutes = (column: "start_time" | "end_time") =>
  sql`(substr(permanences.${sql.raw(column)}, 1, 2)::int * 60 + substr(permanences.${sql.raw(column)}, 4, 2)::int)`;

/**
 * Every place with an active permanence, whatever the département (help across the border counts for
 * the communes near it), one row per place in id order: its nominal weekly hours (one permanence: distinct
 * days × minutes × RHYTHM_UNITS ÷ every_weeks, whole since every_weeks is 1 to 8; holidays and cancelled days
 * are not subtracted) and whether any permanence is drop-in. Read from the places' summary kept by the
 * triggers (coverage_places, one narrow row per place); a place whose summary was made for a span of days
 * that does not hold `today` is computed from its permanences in the same statement, so the answer is what
 * loadActivePlacesFromPermanences gives, whatever the day.
 */
export async function loadActivePlaces(db: DbOrTx, today: string, filter: PlaceFilter): Promise<ActivePlaceRecord[]> {
  return activePlacesQuery(db, today, filter).orderBy("id").execute();
}

/** The query of loadActivePlaces, unordered: the summary's rows, and those computed from the permanences for places whose summary is for other days. */
export function activePlacesQuery(db: DbOrTx, today: string, filter: PlaceFilter) {
  let summary = db
    .selectFrom("coverage_places")
    .select(["place_id as id", "name", "latitude", "longitude", "weekly_units", "drop_in"])
    .where("active", "=", true)
    .where(sql<SqlBool>`valid_since <= ${today}::date`)
    .where(sql<SqlBool>`valid_until >= ${today}::date`);
  if (filter.services.length > 0) summary = summary.where(sql<SqlBool>`services @> ${filter.services}::text[]`);
  if (filter.employers.length > 0) summary = summary.where("structure_kind", "in", filter.employers);
  const stale = sql`array(select place_id from coverage_places where valid_since > ${today}::date or valid_until < ${today}::date)`;
  return summary.unionAll(permanencesQuery(db, today, filter, stale));
}

/**
 * The same places computed from the permanences, one row per place in id order. With `only`, just those of
 * these places that are active (the others are not, or no longer): what a copy brought up to date reads.
 */
export async function loadActivePlacesFromPermanences(db: DbOrTx, today: string, filter: PlaceFilter, only?: readonly string[]): Promise<ActivePlaceRecord[]> {
  return permanencesQuery(db, today, filter, only === undefined ? null : sql`${[...only]}::uuid[]`)
    .orderBy("places.id")
    .execute();
}

/**
 * Brings up to date the summaries made for a span of days that does not hold `day` (permanences started or
 * ended since), so that the next reads find them in the summary. Returns how many places it computed again.
 */
export async function refreshCoveragePlaces(db: DbOrTx, day: string): Promise<number> {
  const { rows } = await sql<{ stale: string[] }>`
    select array(select place_id from coverage_places where valid_since > ${day}::date or valid_until < ${day}::date order by place_id)::text[] as stale`.execute(db);
  const stale = (rows[0] as { stale: string[] }).stale;
  if (stale.length > 0) await sql`select coverage_places_refresh(${stale}::uuid[], ${day}::date)`.execute(db);
  return stale.length;
}

/**
 * The places holding a permanence valid on one of the two days and not on the other (it starts after the
 * earlier day and by the later one, or ends on the earlier day or after it and before the later one), at
 * most `limit` of them: what changes between two days' active places, whatever else changed.
 */
export async function loadPlacesWithValidityChange(db: DbOrTx, day: string, otherDay: string, limit: number): Promise<string[]> {
  const [from, to] = day < otherDay ? [day, otherDay] : [otherDay, day];
  const rows = await db
    .selectFrom("permanences")
    .select("place_id")
    .distinct()
    .where((eb) =>
      eb.or([
        eb.and([eb("valid_from", ">", from), eb("valid_from", "<=", to)]),
        eb.and([eb("valid_to", ">=", from), eb("valid_to", "<", to)]),
      ]),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.place_id);
}

/** The permanences' query: `ids`, an expression of uuid[], limits it to those places (through both sides' indexes). */
function permanencesQuery(db: DbOrTx, today: string, filter: PlaceFilter, ids: RawBuilder<unknown> | null) {
  let query = db
    .selectFrom("permanences")
    .innerJoin("places", "places.id", "permanences.place_id")
    .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .select([
      "places.id",
      "places.name",
      sql<number>`places.latitude::float8`.as("latitude"),
      sql<number>`places.longitude::float8`.as("longitude"),
      sql<number>`sum((${distinctDays}) * greatest(0, ${minutes("end_time")} - ${minutes("start_time")}) * (${sql.lit(RHYTHM_UNITS)} / permanences.every_weeks))::int8`.as(
        "weekly_units",
      ),
      sql<boolean>`bool_or(permanences.mode in ('drop_in', 'both'))`.as("drop_in"),
    ])
    .where("places.is_public", "=", true)
    .where("places.latitude", "is not", null)
    .where("places.longitude", "is not", null)
    .where("advisors.active", "=", true)
    .where(sql<SqlBool>`permanences.valid_from <= ${today}::date`)
    .where(sql<SqlBool>`(permanences.valid_to is null or permanences.valid_to >= ${today}::date)`);
  if (filter.services.length > 0) query = query.where(sql<SqlBool>`places.services @> ${filter.services}::text[]`);
  if (filter.employers.length > 0) query = query.where("structures.kind", "in", filter.employers);
  if (ids !== null) query = query.where(sql<SqlBool>`places.id = any(${ids})`).where(sql<SqlBool>`permanences.place_id = any(${ids})`);
  return query.groupBy("places.id");
}

export interface PlaceChoice {
  id: string;
  name: string;
  commune_name: string;
  latitude: number;
  longitude: number;
}

/** The département's public places with a position, for the « Et si… » choice of a place. */
export async function loadDepartementPlaces(db: DbOrTx, departement: string): Promise<PlaceChoice[]> {
  return db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select([
      "places.id",
      "places.name",
      "communes.name as commune_name",
      sql<number>`places.latitude::float8`.as("latitude"),
      sql<number>`places.longitude::float8`.as("longitude"),
    ])
    .where("communes.departement", "=", departement)
    .where("places.is_public", "=", true)
    .where("places.latitude", "is not", null)
    .where("places.longitude", "is not", null)
    .orderBy("places.name")
    .orderBy("places.id")
    .execute();
}

export interface CoverageDataVersion {
  /** Grows with every committed write that may change the active places; never goes back. */
  version: number;
  /** Marks not folded yet: worth folding once there are many. */
  unfolded: number;
}

/** The version of what loadActivePlaces reads, in one statement (one snapshot, so a fold in between cannot skew it). */
export async function loadCoverageDataVersion(db: DbOrTx): Promise<CoverageDataVersion> {
  const { rows } = await sql<{ folded: number; unfolded: number }>`
    select (select count from coverage_changes_folded) as folded, (select count(*)::int from coverage_changes) as unfolded`.execute(db);
  const row = rows[0] as { folded: number; unfolded: number };
  return { version: row.folded + row.unfolded, unfolded: row.unfolded };
}

/**
 * Deletes the marks and adds their number to the folded count, in one statement: the version stays the
 * same. Two instances folding at once are safe: the second waits for the first and folds only what is left.
 */
export async function foldCoverageChanges(db: DbOrTx): Promise<void> {
  await sql`with folded as (delete from coverage_changes returning 1)
    update coverage_changes_folded set count = count + (select count(*) from folded)`.execute(db);
}

export interface CoverageChangeMark {
  id: number;
  /** The places the write concerned; null: any place may have changed (a truncate, or an older mark). */
  placeIds: string[] | null;
}

export interface CoverageChanges {
  /** Marks folded away so far (see foldCoverageChanges). */
  folded: number;
  /** The marks not folded yet; folded + their number is the version. */
  marks: CoverageChangeMark[];
}

/**
 * The change marks and the folded count, in one statement (one snapshot): what an instance compares with the
 * marks it has already seen, to read again only the places that the others concern. The places of the marks
 * in `seen` are not sent (they come back empty: the instance has them), nor those of a mark naming more than
 * `mostPlaces` places (they come back null, as « any place »): a bulk import's mark names every place.
 * Written so that the planner's estimate stays small on tables it has no statistics for yet: joined to the
 * folded count's table, it once estimated millions of rows and spent half a second compiling the query (JIT).
 */
export async function loadCoverageChanges(db: DbOrTx, seen: readonly number[] = [], mostPlaces = 2 ** 31 - 1): Promise<CoverageChanges> {
  const { rows } = await sql<{ folded: number; id: number | null; place_ids: string[] | null }>`
    select (select count from coverage_changes_folded) as folded, c.id,
      case when c.id = any(${[...seen]}::int8[]) then '{}'::text[]
        when cardinality(c.place_ids) > ${mostPlaces}::int then null
        else c.place_ids::text[] end as place_ids
    from (values (1)) as one left join coverage_changes c on true
    order by c.id`.execute(db);
  const first = rows[0] as { folded: number };
  const marks: CoverageChangeMark[] = [];
  for (const row of rows) if (row.id !== null) marks.push({ id: row.id, placeIds: row.place_ids });
  return { folded: first.folded, marks };
}
