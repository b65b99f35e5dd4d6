// Reads and writes of the coordination log. Deleted entries (deleted_at set) are never listed nor found.
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import { type CoordinationInput, columnsOf, type JournalFilter } from "./coordination.ts";

export const PAGE_SIZE = 25;

function filtered(db: DbOrTx, filter: Pick<JournalFilter, "from" | "to" | "kind">) {
  let query = db.selectFrom("coordination_events").where("coordination_events.deleted_at", "is", null);
  if (filter.from) query = query.where("coordination_events.date", ">=", filter.from);
  if (filter.to) query = query.where("coordination_events.date", "<=", filter.to);
  if (filter.kind) query = query.where("coordination_events.kind", "=", filter.kind);
  return query;
}

export async function listEvents(db: Db, filter: JournalFilter) {
  const total = await filtered(db, filter).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await filtered(db, filter)
    .leftJoin("communes", "communes.code", "coordination_events.commune_code")
    .selectAll("coordination_events")
    .select("communes.name as commune_name")
    .orderBy("coordination_events.date", "desc")
    .orderBy("coordination_events.created_at", "desc")
    .orderBy("coordination_events.id")
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  return { total: total.n, rows };
}

/** Events, minutes and participants by kind over the period (the kind filter does not apply). */
export async function totalsForPeriod(db: Db, filter: Pick<JournalFilter, "from" | "to">) {
  return filtered(db, { ...filter, kind: "" })
    .select([
      "coordination_events.kind",
      sql<number>`count(*)::int`.as("events"),
      sql<number>`coalesce(sum(duration_minutes), 0)::int`.as("minutes"),
      sql<number>`coalesce(sum(participants_count), 0)::int`.as("participants"),
    ])
    .groupBy("coordination_events.kind")
    .execute();
}

export async function findEvent(db: DbOrTx, id: string) {
  return db
    .selectFrom("coordination_events")
    .leftJoin("communes", "communes.code", "coordination_events.commune_code")
    .selectAll("coordination_events")
    .select("communes.name as commune_name")
    .where("coordination_events.id", "=", id)
    .where("coordination_events.deleted_at", "is", null)
    .executeTakeFirst();
}

export async function communeExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom("communes").select("code").where("code", "=", code).executeTakeFirst()) !== undefined;
}

export async function insertEvent(db: DbOrTx, input: CoordinationInput, userId: string, now: Date): Promise<string> {
  const row = await db
    .insertInto("coordination_events")
    .values({ ...columnsOf(input), created_by_user_id: userId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEvent(db: DbOrTx, id: string, input: CoordinationInput, now: Date): Promise<void> {
  await db.updateTable("coordination_events").set({ ...columnsOf(input), updated_at: now }).where("id", "=", id).where("deleted_at", "is", null).execute();
}

export async function softDeleteEvent(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.updateTable("coordination_events").set({ deleted_at: now, updated_at: now }).where("id", "=", id).where("deleted_at", "is", null).execute();
}
