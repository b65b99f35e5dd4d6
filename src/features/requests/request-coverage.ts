// The communes' waiting requests on the coverage page (/maillage): where each one is (its proposed place,
// else its commune's centre) and the « Et si… » that starts from it — a permanence at its place when that
// place has none yet, else at its commune's centre.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import type { Point } from "../territory/territory.ts";
import { ageInDays, type RequestKind, type RequestStatus } from "./requests.ts";

export interface RequestOnMap {
  id: string;
  number: number;
  kind: RequestKind;
  status: RequestStatus;
  communeCode: string;
  communeName: string;
  placeName: string | null;
  /** Null when neither the place nor the commune has a known position. */
  point: Point | null;
  ageDays: number;
  /** The query of « Et si… » on /maillage, starting from this request. */
  whatIfQuery: string;
}

export async function waitingRequestsOnMap(db: DbOrTx, now: Date): Promise<RequestOnMap[]> {
  const today = toParis(now).date;
  const rows = await db
    .selectFrom("commune_requests as r")
    .innerJoin("communes as c", "c.code", "r.commune_code")
    .leftJoin("places as pl", "pl.id", "r.place_id")
    .select([
      "r.id",
      "r.number",
      "r.kind",
      "r.status",
      "r.commune_code",
      "r.created_at",
      "c.name as commune_name",
      "pl.name as place_name",
      "r.place_id",
      sql<number | null>`coalesce(pl.latitude, c.latitude)::float8`.as("latitude"),
      sql<number | null>`coalesce(pl.longitude, c.longitude)::float8`.as("longitude"),
      sql<boolean>`pl.latitude is not null and pl.is_public and not exists (
        select 1 from permanences p where p.place_id = pl.id and p.valid_from <= ${today}::date and (p.valid_to is null or p.valid_to >= ${today}::date))`.as("place_is_free"),
    ])
    .where("r.status", "in", ["new", "in_review"])
    .orderBy("r.created_at")
    .orderBy("r.number")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    placeName: r.place_name,
    point: r.latitude === null || r.longitude === null ? null : { latitude: r.latitude, longitude: r.longitude },
    ageDays: ageInDays(r.created_at, now),
    whatIfQuery: r.place_id !== null && r.place_is_free ? `si_lieu=${r.place_id}` : `si_commune=${r.commune_code}`,
  }));
}
