// Shared steps of the report form tests: the demo advisor's places, an appointment, a workshop with
// its attendance and a known person, inserted straight into the demo database.
import type { TestApp } from "../../../test/support/app.ts";
import { parisToInstant } from "../calendar/paris-time.ts";

export { advisorByEmail, postForm, signIn } from "../places/admin/place-admin.test-support.ts";

export async function placeOfAdvisor(t: TestApp, advisorId: string): Promise<{ id: string; commune_code: string }> {
  return t.handle.db
    .selectFrom("permanences")
    .innerJoin("places", "places.id", "permanences.place_id")
    .select(["places.id", "places.commune_code"])
    .where("permanences.advisor_id", "=", advisorId)
    .orderBy("places.name")
    .executeTakeFirstOrThrow();
}

export async function insertAppointmentFor(
  t: TestApp,
  advisor: { id: string; structure_id: string },
  values: { date: string; time: string; minutes: number; placeId: string | null; themes: string[]; birthYear?: number; communeCode?: string; firstName?: string },
): Promise<string> {
  const kind = await t.handle.db
    .insertInto("appointment_kinds")
    .values({ structure_id: advisor.structure_id, name: "Aide au numérique", duration_minutes: values.minutes, location: "place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const start = parisToInstant(values.date, values.time);
  const row = await t.handle.db
    .insertInto("appointments")
    .values({
      advisor_id: advisor.id,
      kind_id: kind.id,
      place_id: values.placeId,
      starts_at: start,
      ends_at: new Date(start.getTime() + values.minutes * 60_000),
      first_name: values.firstName ?? "Odette",
      last_name: "Lamarque",
      phone: "06 11 22 33 44",
      birth_year: values.birthYear ?? null,
      commune_code: values.communeCode ?? null,
      themes: values.themes,
      consent_at: start,
      booked_via: "staff",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertWorkshopFor(
  t: TestApp,
  advisor: { id: string; structure_id: string },
  values: { date: string; placeId: string; attended: number; absent: number },
): Promise<string> {
  const start = parisToInstant(values.date, "14:00");
  const workshop = await t.handle.db
    .insertInto("workshops")
    .values({
      structure_id: advisor.structure_id,
      advisor_id: advisor.id,
      title: "Bien utiliser sa messagerie",
      themes: ["e-mail", "securite-numerique"],
      level: "debutant",
      place_id: values.placeId,
      starts_at: start,
      ends_at: new Date(start.getTime() + 120 * 60_000),
      capacity: 10,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const statuses = [...Array(values.attended).fill("attended"), ...Array(values.absent).fill("absent")] as ("attended" | "absent")[];
  for (const [i, status] of statuses.entries()) {
    await t.handle.db
      .insertInto("workshop_registrations")
      .values({ workshop_id: workshop.id, first_name: `Personne${i}`, last_name: "Test", phone: "0611223344", status, consent_at: start })
      .execute();
  }
  return workshop.id;
}

export async function insertBeneficiary(t: TestApp, advisor: { id: string; structure_id: string }, firstName: string, lastName: string): Promise<string> {
  const row = await t.handle.db
    .insertInto("beneficiaries")
    .values({
      advisor_id: advisor.id,
      structure_id: advisor.structure_id,
      first_name: firstName,
      last_name: lastName,
      search_name: `${firstName} ${lastName}`.toLowerCase(),
      gender: "feminin",
      age_band: "60-69",
      social_status: "retraite",
      residence_commune_code: "47001",
      consent_at: new Date("2030-01-01T10:00:00Z"),
      consent_method: "oral",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
