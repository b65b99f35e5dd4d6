// Reads of the public place page: one public place with its commune and structure, and its permanences
// with the advisors' first names only (the page never needs, so never reads, their last names).
import { sql } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import type { PermanenceSlotRule } from "../availability.ts";

export async function findPublicPlace(db: DbOrTx, slug: string) {
  return db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .selectAll("places")
    .select(["communes.name as commune_name", "structures.name as structure_name"])
    .where("places.slug", "=", slug)
    .where("places.is_public", "=", true)
    .executeTakeFirst();
}

export type PublicPlace = NonNullable<Awaited<ReturnType<typeof findPublicPlace>>>;

export async function listPermanenceRules(db: DbOrTx, placeId: string): Promise<PermanenceSlotRule[]> {
  const rows = await db
    .selectFrom("permanences")
    .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
    .select([
      "permanences.weekdays",
      "permanences.start_time",
      "permanences.end_time",
      "permanences.every_weeks",
      sql<string>`permanences.valid_from::text`.as("valid_from"),
      sql<string | null>`permanences.valid_to::text`.as("valid_to"),
      sql<string[]>`permanences.cancelled_dates::text[]`.as("cancelled_dates"),
      "permanences.mode",
      "advisors.first_name",
    ])
    .where("permanences.place_id", "=", placeId)
    .where("advisors.active", "=", true)
    .execute();
  return rows.map((r) => ({
    weekdays: r.weekdays.map(Number),
    startTime: r.start_time,
    endTime: r.end_time,
    everyWeeks: Number(r.every_weeks),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    cancelledDates: r.cancelled_dates,
    mode: r.mode,
    advisorFirstName: r.first_name,
  }));
}
