// One appointment of the agenda, with what its page and its messages need; status and notes updates.
import type { DbOrTx } from "../../db/schema.ts";
import type { AppointmentStatus } from "../booking/booking.table.ts";

export async function findAppointmentDetail(db: DbOrTx, id: string) {
  return db
    .selectFrom("appointments")
    .innerJoin("appointment_kinds", "appointment_kinds.id", "appointments.kind_id")
    .innerJoin("advisors", "advisors.id", "appointments.advisor_id")
    .leftJoin("places", "places.id", "appointments.place_id")
    .leftJoin("communes", "communes.code", "places.commune_code")
    .select([
      "appointments.id",
      "appointments.advisor_id as advisorId",
      "advisors.structure_id as structureId",
      "advisors.first_name as advisorFirstName",
      "advisors.last_name as advisorLastName",
      "advisors.email as advisorEmail",
      "appointments.starts_at as startsAt",
      "appointments.ends_at as endsAt",
      "appointments.status",
      "appointments.first_name as firstName",
      "appointments.last_name as lastName",
      "appointments.phone",
      "appointments.email",
      "appointments.accompanied",
      "appointments.needs",
      "appointments.notes",
      "appointments.booked_via as bookedVia",
      "appointment_kinds.name as kindName",
      "appointment_kinds.location",
      "places.name as placeName",
      "places.address as placeAddress",
      "places.postcode as placePostcode",
      "communes.name as communeName",
    ])
    .where("appointments.id", "=", id)
    .executeTakeFirst();
}

export type AppointmentDetail = NonNullable<Awaited<ReturnType<typeof findAppointmentDetail>>>;

export async function updateAppointmentStatus(db: DbOrTx, id: string, status: AppointmentStatus, now: Date): Promise<void> {
  await db
    .updateTable("appointments")
    .set({ status, cancelled_at: status === "cancelled" ? now : null, updated_at: now })
    .where("id", "=", id)
    .execute();
}

export async function updateAppointmentNotes(db: DbOrTx, id: string, notes: string | null, now: Date): Promise<void> {
  await db.updateTable("appointments").set({ notes, updated_at: now }).where("id", "=", id).execute();
}
