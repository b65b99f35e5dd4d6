// The data of the coverage: the département's communes, and the active permanences of public places with
// a position (valid today, advisor active), filtered by the place's services and its structure's kind.
import { type SqlBool, sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { StructureKind } from "../organisation/organisation.ts";
import type { PermanenceMode } from "../permanences/permanence.ts";

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

export interface ActivePermanenceRecord {
  place_id: string;
  place_name: string;
  latitude: number;
  longitude: number;
  weekdays: number[];
  start_time: string;
  end_time: string;
  every_weeks: number;
  mode: PermanenceMode;
}

export interface PlaceFilter {
  /** National values: the place must offer each. */
  services: string[];
  /** The place's structure must be of one of these kinds (none: any). */
  employers: StructureKind[];
}

/** Every active permanence, whatever the département: help across the border counts for the communes near it. */
export async function loadActivePermanences(db: DbOrTx, today: string, filter: PlaceFilter): Promise<ActivePermanenceRecord[]> {
  let query = db
    .selectFrom("permanences")
    .innerJoin("places", "places.id", "permanences.place_id")
    .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .select([
      "places.id as place_id",
      "places.name as place_name",
      sql<number>`places.latitude::float8`.as("latitude"),
      sql<number>`places.longitude::float8`.as("longitude"),
      "permanences.weekdays",
      "permanences.start_time",
      "permanences.end_time",
      "permanences.every_weeks",
      "permanences.mode",
    ])
    .where("places.is_public", "=", true)
    .where("places.latitude", "is not", null)
    .where("places.longitude", "is not", null)
    .where("advisors.active", "=", true)
    .where(sql<SqlBool>`permanences.valid_from <= ${today}::date`)
    .where(sql<SqlBool>`(permanences.valid_to is null or permanences.valid_to >= ${today}::date)`);
  if (filter.services.length > 0) query = query.where(sql<SqlBool>`places.services @> ${filter.services}::text[]`);
  if (filter.employers.length > 0) query = query.where("structures.kind", "in", filter.employers);
  return query.orderBy("places.id").execute();
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
