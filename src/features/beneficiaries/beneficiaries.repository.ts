// Beneficiary records in the database: lists within a scope, search, one record, writes, history.
// Every query that returns identities filters on the actor's scope inside the query.
import { type ExpressionBuilder, sql } from "kysely";
import type { Database, Db, DbOrTx } from "../../db/schema.ts";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import type { BeneficiaryInput, ConsentMethod } from "./beneficiary.ts";
import { searchWords } from "./beneficiary.ts";
import type { PeopleScope } from "./beneficiary-scope.ts";

type Eb = ExpressionBuilder<Database, "beneficiaries">;

export function inScope(eb: Eb, scope: PeopleScope) {
  const parts = [];
  if (scope.ownAdvisorIds.length > 0) parts.push(eb("beneficiaries.advisor_id", "in", scope.ownAdvisorIds));
  if (scope.sharedStructureIds.length > 0) {
    parts.push(eb.and([eb("beneficiaries.shared_with_structure", "=", true), eb("beneficiaries.structure_id", "in", scope.sharedStructureIds)]));
  }
  return parts.length > 0 ? eb.or(parts) : eb.val(false);
}

function likeEscape(text: string): string {
  return text.replace(/[%_\\]/g, "\\$&");
}

function matches(eb: Eb, query: string) {
  const words = searchWords(query);
  const options = [];
  if (words.length > 0) options.push(eb.and(words.map((w) => eb("beneficiaries.search_name", "like", `%${likeEscape(w)}%`))));
  const digits = query.replace(/\D/g, "").replace(/^0/, "");
  if (digits.length >= 3 && !/[a-z]/i.test(query)) {
    options.push(eb(sql<string>`regexp_replace(beneficiaries.phone, '[^0-9]', '', 'g')`, "like", `%${digits}%`));
  }
  if (query.includes("@") || words.length === 1) options.push(eb("beneficiaries.email", "like", `%${likeEscape(query.trim().toLowerCase())}%`));
  return options.length > 0 ? eb.or(options) : eb.val(false);
}

export interface ListedBeneficiary {
  id: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  email: string | null;
  birth_year: number | null;
  shared_with_structure: boolean;
  advisor_id: string;
}

export async function listBeneficiaries(
  db: Db,
  scope: PeopleScope,
  filters: { q: string; page: number; pageSize: number },
): Promise<{ rows: ListedBeneficiary[]; total: number }> {
  let base = db
    .selectFrom("beneficiaries")
    .where("beneficiaries.erased_at", "is", null)
    .where((eb) => inScope(eb, scope));
  if (filters.q.trim() !== "") base = base.where((eb) => matches(eb, filters.q));
  const counted = await base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select(["id", "first_name", "last_name", "phone", "email", "birth_year", "shared_with_structure", "advisor_id"])
    .orderBy(sql`lower(coalesce(last_name, ''))`)
    .orderBy(sql`lower(first_name)`)
    .orderBy("id")
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize)
    .execute();
  return { rows, total: counted.n };
}

export async function findBeneficiary(db: DbOrTx, id: string): Promise<BeneficiaryRow | undefined> {
  return db.selectFrom("beneficiaries").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertBeneficiary(
  db: DbOrTx,
  input: BeneficiaryInput,
  owner: { advisorId: string; structureId: string; userId: string; consentMethod: ConsentMethod; now: Date },
): Promise<string> {
  const row = await db
    .insertInto("beneficiaries")
    .values({
      advisor_id: owner.advisorId,
      structure_id: owner.structureId,
      ...identityValues(input),
      consent_at: owner.now,
      consent_method: owner.consentMethod,
      consent_by_user_id: owner.userId,
      created_at: owner.now,
      updated_at: owner.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

function identityValues(input: BeneficiaryInput) {
  return {
    shared_with_structure: input.shared,
    first_name: input.firstName,
    last_name: input.lastName,
    search_name: input.searchName,
    phone: input.phone,
    email: input.email,
    birth_year: input.birthYear,
    notes: input.notes,
    residence_commune_code: input.residenceCommuneCode,
    gender: input.gender,
    social_status: input.socialStatus,
    age_band: input.ageBand,
  };
}

export async function updateBeneficiary(db: DbOrTx, id: string, input: BeneficiaryInput, now: Date): Promise<void> {
  await db
    .updateTable("beneficiaries")
    .set({ ...identityValues(input), updated_at: now })
    .where("id", "=", id)
    .where("erased_at", "is", null)
    .execute();
}

export async function setShared(db: DbOrTx, id: string, shared: boolean, now: Date): Promise<void> {
  await db.updateTable("beneficiaries").set({ shared_with_structure: shared, updated_at: now }).where("id", "=", id).execute();
}

export interface HistoryEntry {
  id: string;
  date: string;
  type: "individuel" | "collectif";
  themes: string[];
  title: string | null;
  duration_minutes: number;
  /** The advisor's notes on an individual report (a workshop's notes are not about the person). */
  notes: string | null;
  advisor_first_name: string;
  advisor_last_name: string;
}

/** The person's accompaniments: individual reports and workshops attended, newest first. */
export async function listHistory(db: DbOrTx, beneficiaryId: string): Promise<HistoryEntry[]> {
  const query = db
    .selectFrom("activity_reports")
    .innerJoin("advisors", "advisors.id", "activity_reports.advisor_id")
    .select([
      "activity_reports.id",
      "activity_reports.date",
      "activity_reports.type",
      "activity_reports.themes",
      "activity_reports.title",
      "activity_reports.duration_minutes",
      "activity_reports.notes",
      "activity_reports.created_at",
      "advisors.first_name as advisor_first_name",
      "advisors.last_name as advisor_last_name",
    ])
    .where("activity_reports.deleted_at", "is", null);
  const rows = await query
    .where((eb) =>
      eb.or([
        eb("activity_reports.beneficiary_id", "=", beneficiaryId),
        eb.exists(
          eb
            .selectFrom("activity_participants")
            .select("activity_participants.report_id")
            .whereRef("activity_participants.report_id", "=", "activity_reports.id")
            .where("activity_participants.beneficiary_id", "=", beneficiaryId),
        ),
      ]),
    )
    .orderBy("activity_reports.date", "desc")
    .orderBy("activity_reports.created_at", "desc")
    .execute();
  return rows.map(({ created_at: _c, ...rest }) => ({ ...rest, notes: rest.type === "individuel" ? rest.notes : null }));
}

export async function departementCommunes(db: Db, departement: string): Promise<{ code: string; name: string }[]> {
  return db.selectFrom("communes").select(["code", "name"]).where("departement", "=", departement).orderBy("name").execute();
}

export async function advisorName(db: DbOrTx, advisorId: string): Promise<string> {
  const row = await db.selectFrom("advisors").select(["first_name", "last_name"]).where("id", "=", advisorId).executeTakeFirst();
  return row ? `${row.first_name} ${row.last_name}` : "";
}

export async function communeName(db: DbOrTx, code: string | null): Promise<string | null> {
  if (code === null) return null;
  const row = await db.selectFrom("communes").select("name").where("code", "=", code).executeTakeFirst();
  return row?.name ?? null;
}

/** Records the actor may merge, with what duplicate detection compares. */
export async function duplicateCandidates(db: Db, scope: PeopleScope) {
  return db
    .selectFrom("beneficiaries")
    .select(["id", "first_name as firstName", "last_name as lastName", "phone", "birth_year as birthYear"])
    .where("erased_at", "is", null)
    .where((eb) => inScope(eb, scope))
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
