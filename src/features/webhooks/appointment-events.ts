// Appointment events, published by the booking, the personal link, the agenda and activity reports in
// the transaction that changes the appointment. The payload is read back from the row just written.
import type { DbOrTx } from "../../db/schema.ts";
import { publishEvent } from "./publish.ts";

export type AppointmentEventType = "appointment.created" | "appointment.cancelled" | "appointment.honoured";

export async function publishAppointmentEvent(trx: DbOrTx, type: AppointmentEventType, appointmentId: string, at: Date): Promise<void> {
  const row = await trx
    .selectFrom("appointments")
    .select(["id", "advisor_id", "place_id", "starts_at", "ends_at", "status"])
    .where("id", "=", appointmentId)
    .executeTakeFirstOrThrow();
  await publishEvent(
    trx,
    type,
    {
      appointment_id: row.id,
      advisor_id: row.advisor_id,
      place_id: row.place_id,
      starts_at: new Date(row.starts_at).toISOString(),
      ends_at: new Date(row.ends_at).toISOString(),
      status: row.status,
    },
    at,
  );
}
