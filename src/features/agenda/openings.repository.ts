// An advisor's exceptional openings (« ouvertures exceptionnelles »): bookable time at a place outside the
// permanences. computeSlots reads them through loadSlotData in the booking slice.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";

export interface OpeningPlace {
  id: string;
  name: string;
  communeName: string;
}

/** Places of the advisor's structure, and places where they hold a permanence, by name. */
export async function listOpeningPlaces(db: DbOrTx, advisor: { id: string; structureId: string }): Promise<OpeningPlace[]> {
  return db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select(["places.id", "places.name", "communes.name as communeName"])
    .where((eb) =>
      eb.or([
        eb("places.structure_id", "=", advisor.structureId),
        eb.exists(
          eb
            .selectFrom("permanences")
            .select(sql`1`.as("one"))
            .whereRef("permanences.place_id", "=", "places.id")
            .where("permanences.advisor_id", "=", advisor.id),
        ),
      ]),
    )
    .orderBy("places.name")
    .orderBy("places.id")
    .execute();
}

export interface OpeningRow {
  id: string;
  placeName: string;
  communeName: string;
  startsAt: Date;
  endsAt: Date;
}

/** Openings not yet over, soonest first. */
export async function listUpcomingOpenings(db: DbOrTx, advisorId: string, now: Date): Promise<OpeningRow[]> {
  const rows = await db
    .selectFrom("opening_periods")
    .innerJoin("places", "places.id", "opening_periods.place_id")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .select([
      "opening_periods.id",
      "places.name as placeName",
      "communes.name as communeName",
      "opening_periods.starts_at",
      "opening_periods.ends_at",
    ])
    .where("opening_periods.advisor_id", "=", advisorId)
    .where("opening_periods.ends_at", ">", now)
    .orderBy("opening_periods.starts_at")
    .orderBy("opening_periods.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    placeName: r.placeName,
    communeName: r.communeName,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
  }));
}

/** Whether another opening of the advisor overlaps [start, end). */
export async function overlapsOpening(db: DbOrTx, advisorId: string, start: Date, end: Date): Promise<boolean> {
  const row = await db
    .selectFrom("opening_periods")
    .select("id")
    .where("advisor_id", "=", advisorId)
    .where("starts_at", "<", end)
    .where("ends_at", ">", start)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertOpening(db: DbOrTx, advisorId: string, v: { placeId: string; start: Date; end: Date }): Promise<void> {
  await db.insertInto("opening_periods").values({ advisor_id: advisorId, place_id: v.placeId, starts_at: v.start, ends_at: v.end }).execute();
}

export async function findOpening(db: DbOrTx, id: string) {
  return db.selectFrom("opening_periods").select(["id", "advisor_id"]).where("id", "=", id).executeTakeFirst();
}

export async function deleteOpening(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("opening_periods").where("id", "=", id).execute();
}
