// The only Kysely code of the report lists: the actor's scope and the filters are applied inside every
// query (never after), soft-deleted reports never come out, and the order is newest first, (date, id)
// descending, which the (advisor_id, date desc, id desc) index serves and keyset batches resume from.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Database, Db } from "../../../db/schema.ts";
import type { ReportScope } from "../activities.policy.ts";
import type { ActivityFilters } from "./activity-filters.ts";

type Reports = SelectQueryBuilder<Database, "activity_reports", object>;

/** Where the last batch stopped: the next rows come strictly after it in (date desc, id desc) order. */
export interface Keyset {
  date: string;
  id: string;
}

function inScope(eb: ExpressionBuilder<Database, "activity_reports">, scope: ReportScope) {
  if (scope.kind === "network") return eb.lit(true);
  const own = scope.advisorIds.length > 0 ? [eb("activity_reports.advisor_id", "in", scope.advisorIds)] : [];
  const structures = scope.kind === "structures" && scope.structureIds.length > 0 ? [eb("activity_reports.structure_id", "in", scope.structureIds)] : [];
  const either = [...own, ...structures];
  return either.length > 0 ? eb.or(either) : eb.lit(false);
}

export function filtered(db: Db, scope: ReportScope, filters: ActivityFilters): Reports {
  let query = db
    .selectFrom("activity_reports")
    .where("activity_reports.deleted_at", "is", null)
    .where((eb) => inScope(eb, scope));
  if (filters.from !== null) query = query.where("activity_reports.date", ">=", filters.from);
  if (filters.to !== null) query = query.where("activity_reports.date", "<=", filters.to);
  if (filters.type !== null) query = query.where("activity_reports.type", "=", filters.type);
  if (filters.theme !== null) query = query.where(sql<boolean>`activity_reports.themes @> array[${filters.theme}]::text[]`);
  if (filters.placeId !== null) query = query.where("activity_reports.place_id", "=", filters.placeId);
  if (filters.advisorId !== null) query = query.where("activity_reports.advisor_id", "=", filters.advisorId);
  if (filters.structureId !== null) query = query.where("activity_reports.structure_id", "=", filters.structureId);
  const person = filters.beneficiaryId;
  if (person !== null) {
    query = query.where((eb) =>
      eb.or([
        eb("activity_reports.beneficiary_id", "=", person),
        eb.exists(
          eb
            .selectFrom("activity_participants")
            .select(sql`1`.as("one"))
            .whereRef("activity_participants.report_id", "=", "activity_reports.id")
            .where("activity_participants.beneficiary_id", "=", person),
        ),
      ]),
    );
  }
  return query;
}

export async function countReports(db: Db, scope: ReportScope, filters: ActivityFilters): Promise<number> {
  const row = await filtered(db, scope, filters).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the list: what a row shows, with the person's name fields only when asked (never for the network). */
export async function listPage(db: Db, scope: ReportScope, filters: ActivityFilters, page: { limit: number; offset: number }) {
  const withIdentity = scope.kind !== "network";
  return filtered(db, scope, filters)
    .leftJoin("places", "places.id", "activity_reports.place_id")
    .leftJoin("communes", "communes.code", "activity_reports.commune_code")
    .innerJoin("advisors", "advisors.id", "activity_reports.advisor_id")
    .leftJoin("beneficiaries", (join) => join.onRef("beneficiaries.id", "=", "activity_reports.beneficiary_id").on(sql<boolean>`${withIdentity}`))
    .select([
      "activity_reports.id",
      "activity_reports.date",
      "activity_reports.type",
      "activity_reports.themes",
      "activity_reports.procedure_areas",
      "activity_reports.place_type",
      "activity_reports.duration_minutes",
      "activity_reports.participants_total",
      "activity_reports.title",
      "activity_reports.beneficiary_id",
      "activity_reports.advisor_id",
      "places.name as place_name",
      "communes.name as commune_name",
      "advisors.first_name as advisor_first_name",
      "advisors.last_name as advisor_last_name",
      "beneficiaries.first_name as person_first_name",
      "beneficiaries.last_name as person_last_name",
      "beneficiaries.advisor_id as person_advisor_id",
      "beneficiaries.structure_id as person_structure_id",
      "beneficiaries.shared_with_structure as person_shared",
    ])
    .orderBy("activity_reports.date", "desc")
    .orderBy("activity_reports.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type ListRow = Awaited<ReturnType<typeof listPage>>[number];

/** Rows of the exports and the API, in keyset batches. No identifying field of a person is selected. */
export async function reportBatch(db: Db, scope: ReportScope, filters: ActivityFilters, after: Keyset | null, limit: number) {
  let query = filtered(db, scope, filters);
  if (after !== null) {
    // The plain `date <=` lets PostgreSQL use the date indexes; the row comparison breaks ties on id.
    query = query
      .where("activity_reports.date", "<=", after.date)
      .where(sql<boolean>`(activity_reports.date, activity_reports.id) < (${after.date}::date, ${after.id}::uuid)`);
  }
  return query
    .leftJoin("places", "places.id", "activity_reports.place_id")
    .leftJoin("communes as place_communes", "place_communes.code", "activity_reports.commune_code")
    .leftJoin("communes as person_communes", "person_communes.code", "activity_reports.beneficiary_commune_code")
    .innerJoin("advisors", "advisors.id", "activity_reports.advisor_id")
    .innerJoin("structures", "structures.id", "activity_reports.structure_id")
    .select([
      "activity_reports.id",
      "activity_reports.date",
      "activity_reports.type",
      "activity_reports.place_type",
      "activity_reports.place_id",
      "activity_reports.commune_code",
      "activity_reports.duration_minutes",
      "activity_reports.equipment",
      "activity_reports.themes",
      "activity_reports.procedure_areas",
      "activity_reports.autonomy",
      "activity_reports.oriented",
      "activity_reports.referral_structure",
      "activity_reports.beneficiary_id",
      "activity_reports.beneficiary_gender",
      "activity_reports.beneficiary_age_band",
      "activity_reports.beneficiary_social_status",
      "activity_reports.beneficiary_commune_code",
      "activity_reports.title",
      "activity_reports.level",
      "activity_reports.anonymous_total",
      "activity_reports.participants_total",
      "activity_reports.advisor_id",
      "activity_reports.structure_id",
      "places.name as place_name",
      "places.address as place_address",
      "places.postcode as place_postcode",
      "place_communes.name as commune_name",
      "place_communes.postcodes as commune_postcodes",
      "person_communes.name as person_commune_name",
      "person_communes.postcodes as person_commune_postcodes",
      "advisors.first_name as advisor_first_name",
      "advisors.last_name as advisor_last_name",
      "structures.name as structure_name",
    ])
    .orderBy("activity_reports.date", "desc")
    .orderBy("activity_reports.id", "desc")
    .limit(limit)
    .execute();
}

export type ExportRow = Awaited<ReturnType<typeof reportBatch>>[number];

/** Every row of the filtered set, batch after batch: memory holds one batch at a time. */
export async function* allReports(db: Db, scope: ReportScope, filters: ActivityFilters, batchSize = 1000): AsyncGenerator<ExportRow> {
  let after: Keyset | null = null;
  for (;;) {
    const batch = await reportBatch(db, scope, filters, after, batchSize);
    yield* batch;
    const last = batch[batch.length - 1];
    if (batch.length < batchSize || last === undefined) return;
    after = { date: last.date, id: last.id };
  }
}

// Choices offered by the filter form; a value outside them is refused with a French error.

export async function placeChoices(db: Db, structureIds: string[] | null) {
  let query = db.selectFrom("places").select(["places.id", "places.name"]).orderBy("places.name");
  if (structureIds !== null) query = query.where("places.structure_id", "in", structureIds.length > 0 ? structureIds : ["00000000-0000-0000-0000-000000000000"]);
  return query.execute();
}

export async function advisorChoices(db: Db, structureIds: string[] | null) {
  let query = db.selectFrom("advisors").select(["id", "first_name", "last_name", "structure_id"]).orderBy("last_name").orderBy("first_name");
  if (structureIds !== null) query = query.where("structure_id", "in", structureIds.length > 0 ? structureIds : ["00000000-0000-0000-0000-000000000000"]);
  return query.execute();
}

export async function structureChoices(db: Db, structureIds: string[] | null) {
  let query = db.selectFrom("structures").select(["id", "name"]).orderBy("name");
  if (structureIds !== null) query = query.where("id", "in", structureIds.length > 0 ? structureIds : ["00000000-0000-0000-0000-000000000000"]);
  return query.execute();
}

/** People with a name the actor could see: their own, and those shared within the given structures. */
export async function identifiedPeople(db: Db, ownAdvisorIds: string[], sharedStructureIds: string[]) {
  if (ownAdvisorIds.length === 0 && sharedStructureIds.length === 0) return [];
  return db
    .selectFrom("beneficiaries")
    .select(["id", "first_name", "last_name", "advisor_id", "structure_id", "shared_with_structure"])
    .where("erased_at", "is", null)
    .where("merged_into_id", "is", null)
    .where((eb) =>
      eb.or([
        ...(ownAdvisorIds.length > 0 ? [eb("advisor_id", "in", ownAdvisorIds)] : []),
        ...(sharedStructureIds.length > 0 ? [eb.and([eb("shared_with_structure", "=", true), eb("structure_id", "in", sharedStructureIds)])] : []),
      ]),
    )
    .orderBy("last_name")
    .orderBy("first_name")
    .limit(1000)
    .execute();
}
