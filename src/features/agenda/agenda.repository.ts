// Reading an advisor's agenda: who they are, their appointments and workshops, permanences and absences.
// Every query about appointments filters on the advisor, so personal data never leaves its scope.
import type { DbOrTx } from "../../db/schema.ts";
import type { AppointmentStatus } from "../booking/booking.table.ts";

export interface AdvisorSummary {
  id: string;
  structureId: string;
  structureName: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

function advisorQuery(db: DbOrTx) {
  return db
    .selectFrom("advisors")
    .innerJoin("structures", "structures.id", "advisors.structure_id")
    .select([
      "advisors.id",
      "advisors.structure_id as structureId",
      "structures.name as structureName",
      "advisors.first_name as firstName",
      "advisors.last_name as lastName",
      "advisors.email",
    ]);
}

export async function findAdvisorIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("advisors").select("id").where("user_id", "=", userId).where("active", "=", true).execute();
  return rows.map((r) => r.id);
}

export async function findAdvisor(db: DbOrTx, id: string): Promise<AdvisorSummary | undefined> {
  return advisorQuery(db).where("advisors.id", "=", id).executeTakeFirst();
}

/** Active advisors, of every structure or of some, by name. */
export async function listAdvisors(db: DbOrTx, scope: { all: true } | { all: false; structureIds: string[]; advisorIds: string[] }) {
  let query = advisorQuery(db).where("advisors.active", "=", true);
  if (!scope.all) {
    const { structureIds, advisorIds } = scope;
    if (structureIds.length === 0 && advisorIds.length === 0) return [];
    query = query.where((eb) =>
      eb.or([
        ...(structureIds.length > 0 ? [eb("advisors.structure_id", "in", structureIds)] : []),
        ...(advisorIds.length > 0 ? [eb("advisors.id", "in", advisorIds)] : []),
      ]),
    );
  }
  return query.orderBy("structures.name").orderBy("advisors.last_name").orderBy("advisors.first_name").execute();
}

export interface AppointmentEntryRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  firstName: string;
  lastName: string;
  kindName: string;
  location: "place" | "phone" | "video" | "home";
  placeName: string | null;
}

export async function listAppointments(db: DbOrTx, advisorId: string, from: Date, to: Date): Promise<AppointmentEntryRow[]> {
  return db
    .selectFrom("appointments")
    .innerJoin("appointment_kinds", "appointment_kinds.id", "appointments.kind_id")
    .leftJoin("places", "places.id", "appointments.place_id")
    .select([
      "appointments.id",
      "appointments.starts_at as startsAt",
      "appointments.ends_at as endsAt",
      "appointments.status",
      "appointments.first_name as firstName",
      "appointments.last_name as lastName",
      "appointment_kinds.name as kindName",
      "appointment_kinds.location",
      "places.name as placeName",
    ])
    .where("appointments.advisor_id", "=", advisorId)
    .where("appointments.starts_at", "<", to)
    .where("appointments.ends_at", ">", from)
    .orderBy("appointments.starts_at")
    .execute();
}

export interface WorkshopEntryRow {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  isRemote: boolean;
  placeName: string | null;
  capacity: number;
  registered: number;
  cancelledAt: Date | null;
}

export async function listWorkshops(db: DbOrTx, advisorId: string, from: Date, to: Date): Promise<WorkshopEntryRow[]> {
  return db
    .selectFrom("workshops")
    .leftJoin("places", "places.id", "workshops.place_id")
    .select((eb) => [
      "workshops.id",
      "workshops.title",
      "workshops.starts_at as startsAt",
      "workshops.ends_at as endsAt",
      "workshops.is_remote as isRemote",
      "places.name as placeName",
      "workshops.capacity",
      "workshops.cancelled_at as cancelledAt",
      eb
        .selectFrom("workshop_registrations")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("workshop_registrations.workshop_id", "=", "workshops.id")
        .where("workshop_registrations.status", "in", ["registered", "attended", "absent"])
        .as("registered"),
    ])
    .where("workshops.advisor_id", "=", advisorId)
    .where("workshops.starts_at", "<", to)
    .where("workshops.ends_at", ">", from)
    .orderBy("workshops.starts_at")
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, registered: Number(r.registered ?? 0) })));
}

export async function listPermanences(db: DbOrTx, advisorId: string) {
  return db
    .selectFrom("permanences")
    .innerJoin("places", "places.id", "permanences.place_id")
    .select([
      "permanences.weekdays",
      "permanences.start_time",
      "permanences.end_time",
      "permanences.every_weeks",
      "permanences.valid_from",
      "permanences.valid_to",
      "permanences.cancelled_dates",
      "permanences.mode",
      "places.name as placeName",
    ])
    .where("permanences.advisor_id", "=", advisorId)
    .execute();
}

export async function listAbsences(db: DbOrTx, advisorId: string) {
  return db.selectFrom("absences").selectAll().where("advisor_id", "=", advisorId).orderBy("created_at").execute();
}
