// Queries of commune requests and their timeline. Every read filters on the viewer's scope inside the
// query, so a request outside it is simply not found (404), whatever its id.
import { type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from "kysely";
import type { Database, DbOrTx } from "../../db/schema.ts";
import type { RequestScope } from "./requests.policy.ts";
import type { CommuneRequestEventsTable, CommuneRequestsTable } from "./requests.table.ts";
import type { RequestKind, RequestStatus } from "./requests.ts";

type R = ExpressionBuilder<Database & { r: CommuneRequestsTable }, "r">;

/** The scope as a condition on `commune_requests as r`. */
function inScope(eb: R, scope: RequestScope) {
  if (scope.all) return eb.lit(true);
  const { communeStructureIds: communes, managedStructureIds: managed, advisorIds } = scope;
  const structures = [...new Set([...communes, ...managed])];
  const conditions = [];
  if (structures.length > 0) conditions.push(eb("r.structure_id", "in", structures));
  if (managed.length > 0 || advisorIds.length > 0) {
    // Answered by a permanence or workshop of a managed structure, or held by the advisor.
    const mine = (structureColumn: string, advisorColumn: string) =>
      sql<SqlBool>`(${managed.length > 0 ? sql`${sql.ref(structureColumn)} in (${sql.join(managed)})` : sql`false`}
        or ${advisorIds.length > 0 ? sql`${sql.ref(advisorColumn)} in (${sql.join(advisorIds)})` : sql`false`})`;
    conditions.push(
      eb.exists(
        eb
          .selectFrom("permanences as p")
          .innerJoin("places as pl", "pl.id", "p.place_id")
          .innerJoin("advisors as pa", "pa.id", "p.advisor_id")
          .select("p.id")
          .whereRef("p.id", "=", "r.permanence_id")
          .where(sql<SqlBool>`(${mine("pl.structure_id", "p.advisor_id")} or ${mine("pa.structure_id", "p.advisor_id")})`),
      ),
      eb.exists(
        eb
          .selectFrom("workshops as w")
          .select("w.id")
          .whereRef("w.id", "=", "r.workshop_id")
          .where(mine("w.structure_id", "w.advisor_id")),
      ),
      eb.exists(
        eb
          .selectFrom("workshop_series as s")
          .select("s.id")
          .whereRef("s.id", "=", "r.workshop_series_id")
          .where(mine("s.structure_id", "s.advisor_id")),
      ),
    );
  }
  return conditions.length === 0 ? eb.lit(false) : eb.or(conditions);
}

export async function insertRequest(db: DbOrTx, values: Insertable<CommuneRequestsTable>): Promise<{ id: string; number: number }> {
  return db.insertInto("commune_requests").values(values).returning(["id", "number"]).executeTakeFirstOrThrow();
}

export async function insertRequestEvent(db: DbOrTx, values: Insertable<CommuneRequestEventsTable>): Promise<string> {
  return (await db.insertInto("commune_request_events").values(values).returning("id").executeTakeFirstOrThrow()).id;
}

/**
 * Changes a request only if it still has the status the caller read, so that two people acting at once
 * cannot both move it (the second one is told to reload). Returns whether it changed.
 */
export async function updateRequest(db: DbOrTx, id: string, expectedStatus: RequestStatus, changes: Updateable<CommuneRequestsTable>): Promise<boolean> {
  const updated = await db.updateTable("commune_requests").set(changes).where("id", "=", id).where("status", "=", expectedStatus).returning("id").executeTakeFirst();
  return updated !== undefined;
}

function detailQuery(db: DbOrTx) {
  return db
    .selectFrom("commune_requests as r")
    .innerJoin("communes as c", "c.code", "r.commune_code")
    .leftJoin("structures as s", "s.id", "r.structure_id")
    .leftJoin("places as pl", "pl.id", "r.place_id")
    .leftJoin("communes as pc", "pc.code", "pl.commune_code")
    .leftJoin("users as cu", "cu.id", "r.created_by_user_id")
    .leftJoin("users as au", "au.id", "r.assigned_user_id")
    .selectAll("r")
    .select([
      "c.name as commune_name",
      "c.epci_code",
      "s.name as structure_name",
      "pl.name as place_name",
      "pl.slug as place_slug",
      "pc.name as place_commune_name",
      sql<string | null>`cu.first_name || ' ' || cu.last_name`.as("created_by_name"),
      sql<string | null>`au.first_name || ' ' || au.last_name`.as("assigned_name"),
    ]);
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export async function findRequest(db: DbOrTx, id: string, scope: RequestScope) {
  return detailQuery(db)
    .where("r.id", "=", id)
    .where((eb) => inScope(eb as unknown as R, scope))
    .executeTakeFirst();
}

export interface RequestListFilter {
  statuses: RequestStatus[];
  kind: RequestKind | null;
  communeCode: string | null;
  /** Only the requests followed by this coordinator. */
  assignedUserId: string | null;
}

export const LIST_PAGE_SIZE = 20;

/** Waiting requests first, longest wait first; then decided ones, latest decision first. */
export async function listRequests(db: DbOrTx, scope: RequestScope, filter: RequestListFilter, page: number) {
  let query = db
    .selectFrom("commune_requests as r")
    .innerJoin("communes as c", "c.code", "r.commune_code")
    .leftJoin("users as au", "au.id", "r.assigned_user_id")
    .where((eb) => inScope(eb as unknown as R, scope));
  if (filter.statuses.length > 0) query = query.where("r.status", "in", filter.statuses);
  if (filter.kind !== null) query = query.where("r.kind", "=", filter.kind);
  if (filter.communeCode !== null) query = query.where("r.commune_code", "=", filter.communeCode);
  if (filter.assignedUserId !== null) query = query.where("r.assigned_user_id", "=", filter.assignedUserId);
  const open = sql`r.status in ('new', 'in_review')`;
  const [rows, count] = await Promise.all([
    query
      .select([
        "r.id",
        "r.number",
        "r.kind",
        "r.status",
        "r.created_at",
        "r.status_changed_at",
        "r.start_date",
        "r.contact_name",
        "c.name as commune_name",
        "r.commune_code",
        sql<string | null>`au.first_name || ' ' || au.last_name`.as("assigned_name"),
        sql<number>`(select count(*)::int from commune_request_events e where e.request_id = r.id and e.kind = 'message')`.as("message_count"),
      ])
      .orderBy(sql`case when ${open} then 0 else 1 end`)
      .orderBy(sql`case when ${open} then r.created_at end asc`)
      .orderBy("r.status_changed_at", "desc")
      .orderBy("r.number", "desc")
      .limit(LIST_PAGE_SIZE)
      .offset((page - 1) * LIST_PAGE_SIZE)
      .execute(),
    query.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export type RequestListRow = Awaited<ReturnType<typeof listRequests>>["rows"][number];

/** How many requests of the scope wait, per status: the queue's tabs. */
export async function countOpenRequests(db: DbOrTx, scope: RequestScope): Promise<Record<"new" | "in_review", number>> {
  const rows = await db
    .selectFrom("commune_requests as r")
    .select(["r.status", sql<number>`count(*)::int`.as("n")])
    .where("r.status", "in", ["new", "in_review"])
    .where((eb) => inScope(eb as unknown as R, scope))
    .groupBy("r.status")
    .execute();
  const out = { new: 0, in_review: 0 };
  for (const row of rows) if (row.status === "new" || row.status === "in_review") out[row.status] = row.n;
  return out;
}

export async function listRequestEvents(db: DbOrTx, requestId: string) {
  return db
    .selectFrom("commune_request_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.kind", "e.side", "e.from_status", "e.to_status", "e.body", "e.at", sql<string | null>`u.first_name || ' ' || u.last_name`.as("actor_name")])
    .where("e.request_id", "=", requestId)
    .orderBy("e.seq")
    .execute();
}

export type RequestEventRow = Awaited<ReturnType<typeof listRequestEvents>>[number];

export interface ApiFilter {
  status: RequestStatus | null;
  kind: RequestKind | null;
  communeCode: string | null;
  /** Filed on or after this Paris date, and before the day after `to`. */
  from: string | null;
  to: string | null;
}

/** A batch of the API, newest first by number, after the cursor's number. */
export async function requestBatch(db: DbOrTx, filter: ApiFilter, afterNumber: number | null, limit: number) {
  let query = db
    .selectFrom("commune_requests as r")
    .innerJoin("communes as c", "c.code", "r.commune_code")
    .leftJoin("places as pl", "pl.id", "r.place_id")
    .selectAll("r")
    .select(["c.name as commune_name", "pl.name as place_name"]);
  if (filter.status !== null) query = query.where("r.status", "=", filter.status);
  if (filter.kind !== null) query = query.where("r.kind", "=", filter.kind);
  if (filter.communeCode !== null) query = query.where("r.commune_code", "=", filter.communeCode);
  if (filter.from !== null) query = query.where(sql<SqlBool>`(r.created_at at time zone 'Europe/Paris')::date >= ${filter.from}::date`);
  if (filter.to !== null) query = query.where(sql<SqlBool>`(r.created_at at time zone 'Europe/Paris')::date <= ${filter.to}::date`);
  if (afterNumber !== null) query = query.where("r.number", "<", afterNumber);
  return query.orderBy("r.number", "desc").limit(limit).execute();
}

export type ApiRequestRow = Awaited<ReturnType<typeof requestBatch>>[number];
