// Shared steps of the agenda HTTP tests: signing in, posting forms and finding advisors come from the places
// back-office test support; inserting motifs and appointments is ours.
import type { TestApp } from "../../../test/support/app.ts";

export { advisorByEmail, postForm, signIn } from "../places/admin/place-admin.test-support.ts";

export async function insertKind(t: TestApp, structureId: string, name: string): Promise<string> {
  const row = await t.handle.db
    .insertInto("appointment_kinds")
    .values({ structure_id: structureId, name, duration_minutes: 45, location: "place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAppointment(
  t: TestApp,
  values: { advisorId: string; kindId: string; start: string; firstName: string; lastName: string; email?: string },
): Promise<string> {
  const startsAt = new Date(values.start);
  const place = await t.handle.db
    .selectFrom("permanences")
    .select("place_id")
    .where("advisor_id", "=", values.advisorId)
    .executeTakeFirst();
  const row = await t.handle.db
    .insertInto("appointments")
    .values({
      advisor_id: values.advisorId,
      kind_id: values.kindId,
      place_id: place?.place_id ?? null,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 45 * 60_000),
      first_name: values.firstName,
      last_name: values.lastName,
      phone: "06 12 34 56 78",
      email: values.email ?? null,
      consent_at: startsAt,
      booked_via: "staff",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
