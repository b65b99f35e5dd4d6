// What answers a request: the permanence or the workshops it is linked to, with what the commune needs to
// see (where, when, with whom), and the permanences and workshops of its commune it could be linked to.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";

// date[] comes back as Date objects from pg and as text from PGlite: read it as text[] on both.
const cancelledAsText = sql<string[]>`p.cancelled_dates::text[]`.as("cancelled_dates");

export async function findPermanenceOutcome(db: DbOrTx, permanenceId: string) {
  return db
    .selectFrom("permanences as p")
    .innerJoin("places as pl", "pl.id", "p.place_id")
    .innerJoin("communes as c", "c.code", "pl.commune_code")
    .innerJoin("advisors as a", "a.id", "p.advisor_id")
    .select([
      "p.id",
      "p.weekdays",
      "p.start_time",
      "p.end_time",
      "p.every_weeks",
      "p.valid_from",
      "p.valid_to",
      "p.mode",
      cancelledAsText,
      "pl.id as place_id",
      "pl.name as place_name",
      "pl.slug as place_slug",
      "pl.address as place_address",
      "pl.is_public as place_is_public",
      "c.name as commune_name",
      "a.first_name as advisor_first_name",
      "a.last_name as advisor_last_name",
    ])
    .where("p.id", "=", permanenceId)
    .executeTakeFirst();
}

export type PermanenceOutcome = NonNullable<Awaited<ReturnType<typeof findPermanenceOutcome>>>;

/** The dated workshops of a one-off workshop or of a series, in order. */
export async function findWorkshopOutcome(db: DbOrTx, link: { workshopId: string | null; seriesId: string | null }) {
  if (link.workshopId === null && link.seriesId === null) return [];
  let query = db
    .selectFrom("workshops as w")
    .leftJoin("places as pl", "pl.id", "w.place_id")
    .select(["w.id", "w.title", "w.starts_at", "w.ends_at", "w.cancelled_at", "w.is_remote", "pl.name as place_name"]);
  query = link.workshopId !== null ? query.where("w.id", "=", link.workshopId) : query.where("w.series_id", "=", link.seriesId as string);
  return query.orderBy("w.starts_at").orderBy("w.id").execute();
}

export type WorkshopOutcome = Awaited<ReturnType<typeof findWorkshopOutcome>>[number];

export async function findSeriesTitle(db: DbOrTx, seriesId: string) {
  return db.selectFrom("workshop_series").select(["id", "title", "weekday", "start_time", "end_time", "every_weeks", "valid_from", "valid_to"]).where("id", "=", seriesId).executeTakeFirst();
}

/** Permanences of the commune's places still running or to come, and its workshops to come, to link to. */
export async function linkableOutcomes(db: DbOrTx, communeCode: string, today: string, now: Date) {
  const permanences = await db
    .selectFrom("permanences as p")
    .innerJoin("places as pl", "pl.id", "p.place_id")
    .innerJoin("advisors as a", "a.id", "p.advisor_id")
    .select(["p.id", "p.weekdays", "p.start_time", "p.end_time", "p.every_weeks", "p.valid_from", "p.valid_to", "pl.name as place_name", "a.first_name", "a.last_name"])
    .where("pl.commune_code", "=", communeCode)
    .where((eb) => eb.or([eb("p.valid_to", "is", null), eb("p.valid_to", ">=", today)]))
    .orderBy("pl.name")
    .orderBy("p.valid_from")
    .execute();
  const workshops = await db
    .selectFrom("workshops as w")
    .innerJoin("places as pl", "pl.id", "w.place_id")
    .select(["w.id", "w.title", "w.starts_at", "w.series_id", "pl.name as place_name"])
    .where("pl.commune_code", "=", communeCode)
    .where("w.starts_at", ">", now)
    .where("w.cancelled_at", "is", null)
    .orderBy("w.starts_at")
    .limit(50)
    .execute();
  return { permanences, workshops };
}

export async function findPermanencePlace(db: DbOrTx, permanenceId: string): Promise<string | null> {
  const row = await db.selectFrom("permanences").select("place_id").where("id", "=", permanenceId).executeTakeFirst();
  return row?.place_id ?? null;
}

export async function findWorkshopLink(db: DbOrTx, workshopId: string) {
  return db.selectFrom("workshops").select(["id", "series_id"]).where("id", "=", workshopId).executeTakeFirst();
}

/** Whether a place holds a permanence valid today: « Et si… » only adds one where there is none. */
export async function placeHasActivePermanence(db: DbOrTx, placeId: string, today: string): Promise<boolean> {
  const row = await db
    .selectFrom("permanences")
    .select("id")
    .where("place_id", "=", placeId)
    .where("valid_from", "<=", today)
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">=", today)]))
    .executeTakeFirst();
  return row !== undefined;
}
