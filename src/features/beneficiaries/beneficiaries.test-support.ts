// Shared steps of the beneficiary tests: records, reports and appointments written straight to the database,
// and the statistics an erasure must not change.
import { sql } from "kysely";
import type { Db } from "../../db/schema.ts";
import { insertBeneficiary } from "./beneficiaries.repository.ts";
import { searchNameOf } from "./beneficiary.ts";

export { advisorByEmail, postForm, signIn } from "../places/admin/place-admin.test-support.ts";

export const ISABELLE = "isabelle.petit@declic47.example"; // advisor, Lot-et-Garonne Numérique
export const JEROME = "jerome.ribeiro@declic47.example"; // her colleague
export const LGNUM_MANAGER = "responsable.lgnum@declic47.example";
export const JUSTINE = "justine.sabathier@declic47.example"; // advisor of another structure
export const PREFECTURE = "prefecture@declic47.example";
export const ADMIN = "admin@declic47.example";

export interface Person {
  firstName: string;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
  birthYear?: number | null;
  shared?: boolean;
  gender?: string;
  socialStatus?: string;
  ageBand?: string;
  communeCode?: string | null;
  createdAt?: Date;
}

export async function createPerson(db: Db, advisor: { id: string; structure_id: string }, p: Person): Promise<string> {
  const userId = (await db.selectFrom("advisors").select("user_id").where("id", "=", advisor.id).executeTakeFirstOrThrow()).user_id!;
  return insertBeneficiary(
    db,
    {
      firstName: p.firstName,
      lastName: p.lastName ?? null,
      phone: p.phone ?? null,
      email: p.email ?? null,
      birthYear: p.birthYear ?? null,
      residenceCommuneCode: p.communeCode ?? null,
      gender: p.gender ?? "non-communique",
      socialStatus: p.socialStatus ?? "non-communique",
      notes: null,
      shared: p.shared ?? false,
      ageBand: p.ageBand ?? "non-communique",
      searchName: searchNameOf(p.firstName, p.lastName ?? null)!,
    },
    { advisorId: advisor.id, structureId: advisor.structure_id, userId, consentMethod: "oral", now: p.createdAt ?? new Date("2026-01-05T10:00:00Z") },
  );
}

/** An individual remote report about a known person, with the person's profile snapshot. */
export async function insertIndividualReport(
  db: Db,
  advisor: { id: string; structure_id: string },
  beneficiaryId: string | null,
  date: string,
  extra: { appointmentId?: string; notes?: string; deleted?: boolean } = {},
): Promise<string> {
  const person = beneficiaryId ? await db.selectFrom("beneficiaries").selectAll().where("id", "=", beneficiaryId).executeTakeFirstOrThrow() : null;
  const row = await db
    .insertInto("activity_reports")
    .values({
      advisor_id: advisor.id,
      structure_id: advisor.structure_id,
      type: "individuel",
      date,
      place_type: "a-distance",
      duration_minutes: 30,
      themes: ["e-mail"],
      notes: extra.notes ?? null,
      beneficiary_id: beneficiaryId,
      beneficiary_gender: person?.gender ?? "non-communique",
      beneficiary_age_band: person?.age_band ?? "non-communique",
      beneficiary_social_status: person?.social_status ?? "non-communique",
      beneficiary_commune_code: person?.residence_commune_code ?? null,
      appointment_id: extra.appointmentId ?? null,
      deleted_at: extra.deleted ? new Date("2026-02-01T00:00:00Z") : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A remote workshop report with known participants (their snapshots) and some anonymous ones. */
export async function insertCollectiveReport(db: Db, advisor: { id: string; structure_id: string }, participantIds: string[], date: string): Promise<string> {
  const row = await db
    .insertInto("activity_reports")
    .values({
      advisor_id: advisor.id,
      structure_id: advisor.structure_id,
      type: "collectif",
      date,
      place_type: "a-distance",
      duration_minutes: 90,
      themes: ["securite-numerique"],
      title: "Se protéger des arnaques",
      level: "debutant",
      anonymous_total: 2,
      participants_total: participantIds.length + 2,
      anonymous_participants: JSON.stringify({ genders: {}, ageBands: {}, socialStatuses: {} }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const id of participantIds) {
    const p = await db.selectFrom("beneficiaries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    await db
      .insertInto("activity_participants")
      .values({ report_id: row.id, beneficiary_id: id, gender: p.gender, age_band: p.age_band, social_status: p.social_status, commune_code: p.residence_commune_code })
      .execute();
  }
  return row.id;
}

/** The figures statistics are built from: they must not move when a person is erased or merged. */
export async function reportFigures(db: Db) {
  const individual = await sql<{ gender: string; age: string; status: string; commune: string | null; n: number; people: number }>`
    select beneficiary_gender as gender, beneficiary_age_band as age, beneficiary_social_status as status, beneficiary_commune_code as commune,
      count(*)::int as n, count(distinct beneficiary_id)::int as people
    from activity_reports where deleted_at is null and type = 'individuel'
    group by 1, 2, 3, 4 order by 1, 2, 3, 4 nulls first`.execute(db);
  const collective = await sql<{ gender: string; age: string; status: string; n: number }>`
    select p.gender, p.age_band as age, p.social_status as status, count(*)::int as n
    from activity_participants p join activity_reports r on r.id = p.report_id where r.deleted_at is null
    group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  const totals = await sql<{ reports: number; participants: number }>`
    select count(*)::int as reports, coalesce(sum(participants_total), 0)::int as participants from activity_reports where deleted_at is null`.execute(db);
  return { individual: individual.rows, collective: collective.rows, totals: totals.rows };
}

/** Every text, varchar, text[] and jsonb column of the public schema holding one of the needles. */
export async function findAnywhere(db: Db, needles: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'
      and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))
    order by 1, 2`.execute(db);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const needle of needles) {
      const hit = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)} where ${sql.ref(column_name)}::text ilike ${`%${needle}%`}`.execute(db);
      if (hit.rows[0]!.n > 0) found.push(`${table_name}.${column_name} holds « ${needle} »`);
    }
  }
  return found;
}

/** Starts from no report and no record at all, whatever the demo template holds, so counts in tests are exact. */
export async function clearActivityData(db: Db): Promise<void> {
  await db.deleteFrom("activity_participants").execute();
  await db.deleteFrom("activity_reports").execute();
  await db.deleteFrom("beneficiaries").where("merged_into_id", "is not", null).execute();
  await db.deleteFrom("beneficiaries").execute();
}
