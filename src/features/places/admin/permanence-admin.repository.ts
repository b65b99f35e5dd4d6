// Queries of the permanences of a place, for the back office.
import { sql } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import type { PermanenceMode } from "../../permanences/permanence.ts";

export interface PermanenceValues {
  advisorId: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  everyWeeks: number;
  validFrom: string;
  validTo: string | null;
  cancelledDates: string[];
  mode: PermanenceMode;
}

function permanenceColumns() {
  return [
    "permanences.id",
    "permanences.place_id",
    "permanences.advisor_id",
    "permanences.weekdays",
    "permanences.start_time",
    "permanences.end_time",
    "permanences.every_weeks",
    "permanences.valid_from",
    "permanences.valid_to",
    "permanences.mode",
    "advisors.first_name",
    "advisors.last_name",
  ] as const;
}

// date[] comes back as Date objects from pg and as text from PGlite: read it as text[] on both.
const cancelledAsText = sql<string[]>`permanences.cancelled_dates::text[]`.as("cancelled_dates");

export async function listPermanencesOfPlace(db: DbOrTx, placeId: string) {
  return db
    .selectFrom("permanences")
    .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
    .select([...permanenceColumns(), cancelledAsText])
    .where("permanences.place_id", "=", placeId)
    .orderBy("advisors.last_name")
    .orderBy("permanences.valid_from")
    .execute();
}

export type PermanenceListRow = Awaited<ReturnType<typeof listPermanencesOfPlace>>[number];

export async function findPermanence(db: DbOrTx, placeId: string, id: string) {
  return db
    .selectFrom("permanences")
    .innerJoin("advisors", "advisors.id", "permanences.advisor_id")
    .select([...permanenceColumns(), cancelledAsText])
    .where("permanences.place_id", "=", placeId)
    .where("permanences.id", "=", id)
    .executeTakeFirst();
}

function row(values: PermanenceValues) {
  return {
    advisor_id: values.advisorId,
    weekdays: values.weekdays,
    start_time: values.startTime,
    end_time: values.endTime,
    every_weeks: values.everyWeeks,
    valid_from: values.validFrom,
    valid_to: values.validTo,
    cancelled_dates: sql<string[]>`${values.cancelledDates}::date[]`,
    mode: values.mode,
  };
}

export async function insertPermanence(db: DbOrTx, placeId: string, values: PermanenceValues): Promise<string> {
  const inserted = await db
    .insertInto("permanences")
    .values({ place_id: placeId, ...row(values) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updatePermanence(db: DbOrTx, id: string, values: PermanenceValues, now: Date): Promise<void> {
  await db
    .updateTable("permanences")
    .set({ ...row(values), updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function deletePermanence(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("permanences").where("id", "=", id).execute();
}

/** Advisors a permanence may be given to: all, some structures' advisors, or some advisors by id. */
export async function listAdvisorOptions(db: DbOrTx, filter: { all: true } | { all: false; structureIds: string[]; advisorIds: string[] }) {
  let query = db
    .selectFrom("advisors")
    .innerJoin("structures", "structures.id", "advisors.structure_id")
    .select(["advisors.id", "advisors.first_name", "advisors.last_name", "advisors.structure_id", "structures.name as structure_name"])
    .where("advisors.active", "=", true);
  if (!filter.all) {
    const { structureIds, advisorIds } = filter;
    if (structureIds.length === 0 && advisorIds.length === 0) return [];
    query = query.where((eb) =>
      eb.or([
        ...(structureIds.length > 0 ? [eb("advisors.structure_id", "in", structureIds)] : []),
        ...(advisorIds.length > 0 ? [eb("advisors.id", "in", advisorIds)] : []),
      ]),
    );
  }
  return query.orderBy("advisors.last_name").orderBy("advisors.first_name").execute();
}

export async function findAdvisor(db: DbOrTx, id: string) {
  return db.selectFrom("advisors").select(["id", "structure_id", "first_name", "last_name"]).where("id", "=", id).executeTakeFirst();
}

export async function findAdvisorNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("advisors").select(["id", "first_name", "last_name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`]));
}
