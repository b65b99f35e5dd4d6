// Reads and writes of the report form: the advisor's places, communes and people, the records a report
// starts from (appointment, workshop), and the report rows themselves.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { ParticipantRow, PersonProfile, ReportRow } from "./activity-row.ts";
import type { RecentReport } from "./report-defaults.ts";

export interface PlaceOption {
  id: string;
  name: string;
  communeCode: string;
  communeName: string | null;
}

/** Places where the advisor holds permanences, and the places of their structure, by name. */
export async function advisorPlaces(db: DbOrTx, advisorId: string, structureId: string, extraIds: string[] = []): Promise<PlaceOption[]> {
  const rows = await db
    .selectFrom("places")
    .leftJoin("communes", "communes.code", "places.commune_code")
    .select(["places.id", "places.name", "places.commune_code as communeCode", "communes.name as communeName"])
    .where((eb) =>
      eb.or([
        eb("places.structure_id", "=", structureId),
        eb("places.id", "in", eb.selectFrom("permanences").select("place_id").where("advisor_id", "=", advisorId)),
        ...(extraIds.length > 0 ? [eb("places.id", "in", extraIds)] : []),
      ]),
    )
    .orderBy("places.name")
    .orderBy("places.id")
    .execute();
  return rows;
}

export interface CommuneOption {
  code: string;
  name: string;
}

export async function departementCommunes(db: DbOrTx, departement: string): Promise<CommuneOption[]> {
  return db.selectFrom("communes").select(["code", "name"]).where("departement", "=", departement).orderBy("name").orderBy("code").execute();
}

export async function communesByCode(db: DbOrTx, codes: string[]): Promise<CommuneOption[]> {
  if (codes.length === 0) return [];
  return db.selectFrom("communes").select(["code", "name"]).where("code", "in", codes).execute();
}

/** The advisor's last reports (not deleted), most recent first, for the form's defaults. */
export async function recentReports(db: DbOrTx, advisorId: string, limit: number): Promise<RecentReport[]> {
  const rows = await db
    .selectFrom("activity_reports")
    .select(["place_type", "place_id", "commune_code", "duration_minutes"])
    .where("advisor_id", "=", advisorId)
    .where("deleted_at", "is", null)
    .orderBy("date", "desc")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ placeType: r.place_type, placeId: r.place_id, communeCode: r.commune_code, durationMinutes: r.duration_minutes }));
}

export interface BeneficiaryOption {
  id: string;
  advisorId: string;
  structureId: string;
  sharedWithStructure: boolean;
  firstName: string | null;
  lastName: string | null;
  profile: PersonProfile;
}

function beneficiaryQuery(db: DbOrTx) {
  return db
    .selectFrom("beneficiaries")
    .select([
      "id",
      "advisor_id as advisorId",
      "structure_id as structureId",
      "shared_with_structure as sharedWithStructure",
      "first_name as firstName",
      "last_name as lastName",
      "gender",
      "age_band as ageBand",
      "social_status as socialStatus",
      "residence_commune_code as communeCode",
    ]);
}

type BeneficiaryRowish = Omit<BeneficiaryOption, "profile"> & { gender: string; ageBand: string; socialStatus: string; communeCode: string | null };

function toOption(r: BeneficiaryRowish): BeneficiaryOption {
  const { gender, ageBand, socialStatus, communeCode, ...rest } = r;
  return { ...rest, profile: { gender, ageBand, socialStatus, communeCode } };
}

/** People the advisor may name: their own and those shared within their structure (not erased, not merged). */
export async function namedBeneficiaries(db: DbOrTx, advisorIds: string[], structureIds: string[]): Promise<BeneficiaryOption[]> {
  if (advisorIds.length === 0) return [];
  const rows = await beneficiaryQuery(db)
    .where("erased_at", "is", null)
    .where("merged_into_id", "is", null)
    .where((eb) =>
      eb.or([
        eb("advisor_id", "in", advisorIds),
        ...(structureIds.length > 0 ? [eb.and([eb("shared_with_structure", "=", true), eb("structure_id", "in", structureIds)])] : []),
      ]),
    )
    .orderBy("last_name")
    .orderBy("first_name")
    .orderBy("id")
    .limit(2000)
    .execute();
  return rows.map(toOption);
}

/** Any people by id, erased or not: the report page decides what it may show. */
export async function beneficiariesByIds(db: DbOrTx, ids: string[]): Promise<BeneficiaryOption[]> {
  if (ids.length === 0) return [];
  return (await beneficiaryQuery(db).where("id", "in", ids).execute()).map(toOption);
}

export async function findReport(db: DbOrTx, id: string) {
  return db.selectFrom("activity_reports").selectAll().where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
}

export type StoredReport = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function reportParticipantIds(db: DbOrTx, reportId: string): Promise<string[]> {
  const rows = await db.selectFrom("activity_participants").select("beneficiary_id").where("report_id", "=", reportId).execute();
  return rows.map((r) => r.beneficiary_id);
}

/** The profiles a report snapshotted: its individual person, or its known participants. */
export async function snapshotProfiles(db: DbOrTx, report: StoredReport): Promise<Map<string, PersonProfile>> {
  const profiles = new Map<string, PersonProfile>();
  if (report.beneficiary_id) {
    profiles.set(report.beneficiary_id, {
      gender: report.beneficiary_gender ?? "non-communique",
      ageBand: report.beneficiary_age_band ?? "non-communique",
      socialStatus: report.beneficiary_social_status ?? "non-communique",
      communeCode: report.beneficiary_commune_code,
    });
  }
  const rows = await db.selectFrom("activity_participants").selectAll().where("report_id", "=", report.id).execute();
  for (const r of rows) profiles.set(r.beneficiary_id, { gender: r.gender, ageBand: r.age_band, socialStatus: r.social_status, communeCode: r.commune_code });
  return profiles;
}

export async function placeName(db: DbOrTx, id: string): Promise<string | null> {
  return (await db.selectFrom("places").select("name").where("id", "=", id).executeTakeFirst())?.name ?? null;
}

export async function insertReport(db: DbOrTx, report: ReportRow, participants: ParticipantRow[], now: Date): Promise<string> {
  const { id } = await db
    .insertInto("activity_reports")
    .values({ ...report, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (participants.length > 0) await db.insertInto("activity_participants").values(participants.map((p) => ({ ...p, report_id: id }))).execute();
  return id;
}

/** Replaces a report's content; who wrote it, when, and its appointment or workshop stay. */
export async function updateReport(db: DbOrTx, id: string, report: ReportRow, participants: ParticipantRow[], now: Date): Promise<void> {
  const { advisor_id: _a, structure_id: _s, created_by_user_id: _c, appointment_id: _ap, workshop_id: _w, ...content } = report;
  await db.updateTable("activity_reports").set({ ...content, updated_at: now }).where("id", "=", id).execute();
  await db.deleteFrom("activity_participants").where("report_id", "=", id).execute();
  if (participants.length > 0) await db.insertInto("activity_participants").values(participants.map((p) => ({ ...p, report_id: id }))).execute();
}

export async function softDeleteReport(db: DbOrTx, id: string, userId: string, now: Date): Promise<void> {
  await db.updateTable("activity_reports").set({ deleted_at: now, deleted_by_user_id: userId, updated_at: now }).where("id", "=", id).execute();
}

/** The report an advisor's phone already sent with this client id, deleted ones included (a replay is still a replay). */
export async function reportIdForClient(db: DbOrTx, advisorId: string, clientId: string): Promise<string | null> {
  const row = await db.selectFrom("activity_reports").select("id").where("advisor_id", "=", advisorId).where("client_id", "=", clientId).executeTakeFirst();
  return row?.id ?? null;
}

/** The report already written for an appointment or a workshop, if any. */
export async function reportIdFor(db: DbOrTx, link: { appointmentId: string } | { workshopId: string }): Promise<string | null> {
  let query = db.selectFrom("activity_reports").select("id").where("deleted_at", "is", null);
  query = "appointmentId" in link ? query.where("appointment_id", "=", link.appointmentId) : query.where("workshop_id", "=", link.workshopId);
  return (await query.executeTakeFirst())?.id ?? null;
}

export async function findAppointmentForReport(db: DbOrTx, id: string) {
  return db
    .selectFrom("appointments")
    .innerJoin("appointment_kinds", "appointment_kinds.id", "appointments.kind_id")
    .select([
      "appointments.id",
      "appointments.advisor_id as advisorId",
      "appointments.place_id as placeId",
      "appointments.starts_at as startsAt",
      "appointments.ends_at as endsAt",
      "appointments.status",
      "appointments.birth_year as birthYear",
      "appointments.commune_code as communeCode",
      "appointments.themes",
      "appointment_kinds.location",
    ])
    .where("appointments.id", "=", id)
    .executeTakeFirst();
}

export type AppointmentForReport = NonNullable<Awaited<ReturnType<typeof findAppointmentForReport>>>;

/** true when the appointment was planned and is now attended. */
export async function markAppointmentAttended(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable("appointments").set({ status: "attended", updated_at: now }).where("id", "=", id).where("status", "=", "planned").executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findWorkshopForReport(db: DbOrTx, id: string) {
  return db
    .selectFrom("workshops as w")
    .select([
      "w.id",
      "w.advisor_id as advisorId",
      "w.title",
      "w.level",
      "w.themes",
      "w.place_id as placeId",
      "w.is_remote as isRemote",
      "w.starts_at as startsAt",
      "w.ends_at as endsAt",
      sql<number>`(select count(*)::int from workshop_registrations r where r.workshop_id = w.id and r.status = 'attended')`.as("attendedCount"),
    ])
    .where("w.id", "=", id)
    .executeTakeFirst();
}

export type WorkshopForReport = NonNullable<Awaited<ReturnType<typeof findWorkshopForReport>>>;

export async function advisorName(db: DbOrTx, id: string): Promise<string> {
  const row = await db.selectFrom("advisors").select(["first_name", "last_name"]).where("id", "=", id).executeTakeFirst();
  return row ? `${row.first_name} ${row.last_name}` : "";
}
