// Reads of the network view: advisors with their employer, permanences, training periods and the dates of
// their latest activity. Scoped queries filter on the structures inside SQL.
import { sql } from "kysely";
import type { Db } from "../../db/schema.ts";

export interface AdvisorRecord {
  id: string;
  first_name: string;
  last_name: string;
  structure_id: string;
  structure_name: string;
  structure_kind: string;
  structure_epci: string | null;
}

/** Active advisor records of the network, or of these structures only. */
export async function listAdvisorRecords(db: Db, structureIds: string[] | null): Promise<AdvisorRecord[]> {
  if (structureIds !== null && structureIds.length === 0) return [];
  let query = db
    .selectFrom("advisors")
    .innerJoin("structures", "structures.id", "advisors.structure_id")
    .leftJoin("communes", "communes.code", "structures.commune_code")
    .select([
      "advisors.id",
      "advisors.first_name",
      "advisors.last_name",
      "advisors.structure_id",
      "structures.name as structure_name",
      "structures.kind as structure_kind",
      sql<string | null>`coalesce(structures.epci_code, communes.epci_code)`.as("structure_epci"),
    ])
    .where("advisors.active", "=", true);
  if (structureIds !== null) query = query.where("advisors.structure_id", "in", structureIds);
  return query.execute();
}

export interface PermanenceRecord {
  advisor_id: string;
  place_id: string;
  place_name: string;
  commune_name: string | null;
  epci_code: string | null;
  weekdays: number[];
  start_time: string;
  end_time: string;
  every_weeks: number;
  valid_from: string;
  valid_to: string | null;
}

export async function listPermanenceRecords(db: Db, advisorIds: string[]): Promise<PermanenceRecord[]> {
  if (advisorIds.length === 0) return [];
  return db
    .selectFrom("permanences")
    .innerJoin("places", "places.id", "permanences.place_id")
    .leftJoin("communes", "communes.code", "places.commune_code")
    .select([
      "permanences.advisor_id",
      "permanences.place_id",
      "places.name as place_name",
      "communes.name as commune_name",
      "communes.epci_code",
      "permanences.weekdays",
      "permanences.start_time",
      "permanences.end_time",
      "permanences.every_weeks",
      "permanences.valid_from",
      "permanences.valid_to",
    ])
    .where("permanences.advisor_id", "in", advisorIds)
    .orderBy("places.name")
    .execute();
}

export async function listTrainingAbsences(db: Db, advisorIds: string[]) {
  if (advisorIds.length === 0) return [];
  return db
    .selectFrom("absences")
    .select(["advisor_id", "starts_at", "ends_at", "weekdays", "start_time", "end_time", "valid_from", "valid_to"])
    .where("advisor_id", "in", advisorIds)
    .where("kind", "=", "training")
    .execute();
}

export interface LastActivities {
  reports: Map<string, string>;
  appointments: Map<string, Date>;
  workshops: Map<string, Date>;
}

/**
 * Per advisor: the latest non-deleted activity report dated up to today, the latest attended appointment
 * and the latest workshop they led (not cancelled) that has started by `now`.
 */
export async function lastActivities(db: Db, advisorIds: string[], today: string, now: Date): Promise<LastActivities> {
  if (advisorIds.length === 0) return { reports: new Map(), appointments: new Map(), workshops: new Map() };
  const reports = await db
    .selectFrom("activity_reports")
    .select(["advisor_id", sql<string>`max(date)::text`.as("last")])
    .where("advisor_id", "in", advisorIds)
    .where("deleted_at", "is", null)
    .where("date", "<=", today)
    .groupBy("advisor_id")
    .execute();
  const appointments = await db
    .selectFrom("appointments")
    .select(["advisor_id", sql<Date>`max(starts_at)`.as("last")])
    .where("advisor_id", "in", advisorIds)
    .where("status", "=", "attended")
    .where("starts_at", "<=", now)
    .groupBy("advisor_id")
    .execute();
  const workshops = await db
    .selectFrom("workshops")
    .select([sql<string>`advisor_id`.as("advisor_id"), sql<Date>`max(starts_at)`.as("last")])
    .where("advisor_id", "in", advisorIds)
    .where("cancelled_at", "is", null)
    .where("starts_at", "<=", now)
    .groupBy("advisor_id")
    .execute();
  return {
    reports: new Map(reports.map((r) => [r.advisor_id, r.last])),
    appointments: new Map(appointments.map((r) => [r.advisor_id, new Date(r.last)])),
    workshops: new Map(workshops.map((r) => [r.advisor_id, new Date(r.last)])),
  };
}

export async function epciNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("epcis").select(["code", "name"]).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
