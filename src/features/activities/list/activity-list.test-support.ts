// Test data of the report lists: reports and identified people inserted straight into the database,
// with the fewest fields each kind of report needs to pass the table's checks.
import type { TestApp } from "../../../../test/support/app.ts";

export { advisorByEmail, postForm, signIn } from "../../places/admin/place-admin.test-support.ts";

export const LGNUM_MANAGER = "responsable.lgnum@declic47.example";
export const ISABELLE = "isabelle.petit@declic47.example";
export const JEROME = "jerome.ribeiro@declic47.example";
export const JUSTINE = "justine.sabathier@declic47.example";

export interface Advisor {
  id: string;
  structure_id: string;
}

/** Starts from no report at all, whatever the demo template holds, so counts in tests are exact. */
export async function clearReports(t: TestApp): Promise<void> {
  await t.handle.db.deleteFrom("activity_participants").execute();
  await t.handle.db.deleteFrom("activity_reports").execute();
}

export async function firstPlaceOf(t: TestApp, structureId: string, skip = 0): Promise<{ id: string; name: string }> {
  return t.handle.db.selectFrom("places").select(["id", "name"]).where("structure_id", "=", structureId).orderBy("name").offset(skip).limit(1).executeTakeFirstOrThrow();
}

export async function insertPerson(t: TestApp, owner: Advisor, firstName: string, lastName: string, shared = false): Promise<string> {
  const row = await t.handle.db
    .insertInto("beneficiaries")
    .values({
      advisor_id: owner.id,
      structure_id: owner.structure_id,
      shared_with_structure: shared,
      first_name: firstName,
      last_name: lastName,
      search_name: `${firstName} ${lastName}`.toLowerCase(),
      consent_at: new Date("2026-01-05T10:00:00Z"),
      consent_method: "oral",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ReportSpec {
  date: string;
  type?: "individuel" | "collectif";
  themes?: string[];
  placeId?: string;
  beneficiaryId?: string | null;
  participantIds?: string[];
  anonymous?: number;
  duration?: number;
  deleted?: boolean;
}

export async function insertReport(t: TestApp, advisor: Advisor, spec: ReportSpec): Promise<string> {
  const type = spec.type ?? "individuel";
  const individual = type === "individuel";
  const known = spec.participantIds ?? [];
  const anonymous = individual ? 0 : (spec.anonymous ?? (known.length > 0 ? 0 : 5));
  const row = await t.handle.db
    .insertInto("activity_reports")
    .values({
      advisor_id: advisor.id,
      structure_id: advisor.structure_id,
      type,
      date: spec.date,
      place_type: spec.placeId ? "lieu-activite" : "domicile",
      place_id: spec.placeId ?? null,
      commune_code: spec.placeId ? null : "47001",
      duration_minutes: spec.duration ?? 45,
      equipment: ["ordinateur"],
      themes: spec.themes ?? ["e-mail"],
      autonomy: individual ? "autonome" : null,
      beneficiary_id: individual ? (spec.beneficiaryId ?? null) : null,
      beneficiary_gender: individual ? "feminin" : null,
      beneficiary_age_band: individual ? "60-69" : null,
      beneficiary_social_status: individual ? "retraite" : null,
      beneficiary_commune_code: individual ? "47157" : null,
      title: individual ? null : "Atelier courriel",
      level: individual ? null : "debutant",
      anonymous_participants: individual ? null : JSON.stringify({ genders: {}, ageBands: {}, socialStatuses: {} }),
      anonymous_total: anonymous,
      participants_total: individual ? 1 : anonymous + known.length,
      deleted_at: spec.deleted ? new Date("2026-11-01T10:00:00Z") : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const id of known) {
    await t.handle.db
      .insertInto("activity_participants")
      .values({ report_id: row.id, beneficiary_id: id, gender: "masculin", age_band: "40-59", social_status: "en-emploi", commune_code: null })
      .execute();
  }
  return row.id;
}

/** The ids of the reports a list page links to, in page order. */
export function listedIds(html: string): string[] {
  return [...html.matchAll(/href="\/activites\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}
