// Error reports about places. Every read of reports filters on the reader's scope inside the query.
import { sql } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import type { ReportScope } from "./place-reports.policy.ts";

export async function countRecentReports(db: DbOrTx, where: { ipHash: string; placeId: string; now: Date }) {
  const hourAgo = new Date(where.now.getTime() - 3_600_000);
  const dayAgo = new Date(where.now.getTime() - 86_400_000);
  const row = await db
    .selectFrom("place_reports")
    .select([
      sql<number>`count(*) filter (where ip_hash = ${where.ipHash} and created_at > ${hourAgo})::int`.as("by_ip"),
      sql<number>`count(*) filter (where place_id = ${where.placeId} and created_at > ${dayAgo})::int`.as("by_place"),
    ])
    .where((eb) => eb.or([eb("ip_hash", "=", where.ipHash), eb("place_id", "=", where.placeId)]))
    .where("created_at", ">", dayAgo)
    .executeTakeFirstOrThrow();
  return { byIpLastHour: Number(row.by_ip), byPlaceLastDay: Number(row.by_place) };
}

export async function insertReport(
  db: DbOrTx,
  values: { placeId: string; message: string; contact: string | null; ipHash: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto("place_reports")
    .values({ place_id: values.placeId, message: values.message, contact: values.contact, ip_hash: values.ipHash, created_at: values.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

function scoped(db: DbOrTx, scope: ReportScope) {
  let query = db.selectFrom("place_reports").innerJoin("places", "places.id", "place_reports.place_id");
  if (scope.kind === "structures") query = query.where("places.structure_id", "in", scope.structureIds);
  return query;
}

export async function listReports(db: DbOrTx, scope: ReportScope, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    scoped(db, scope)
      .leftJoin("users", "users.id", "place_reports.resolved_by")
      .select([
        "place_reports.id",
        "place_reports.message",
        "place_reports.contact",
        "place_reports.created_at",
        "place_reports.resolved_at",
        "users.first_name as resolver_first_name",
        "users.last_name as resolver_last_name",
        "places.slug as place_slug",
        "places.name as place_name",
      ])
      .orderBy("place_reports.created_at", "desc")
      .orderBy("place_reports.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    scoped(db, scope).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type ReportListRow = Awaited<ReturnType<typeof listReports>>["items"][number];

export async function findReportPlace(db: DbOrTx, reportId: string) {
  return db
    .selectFrom("place_reports")
    .innerJoin("places", "places.id", "place_reports.place_id")
    .select(["place_reports.id", "place_reports.resolved_at", "places.structure_id"])
    .where("place_reports.id", "=", reportId)
    .executeTakeFirst();
}

export async function resolveReport(db: DbOrTx, reportId: string, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("place_reports")
    .set({ resolved_at: now, resolved_by: userId })
    .where("id", "=", reportId)
    .where("resolved_at", "is", null)
    .execute();
}
