// Storage of the requests to join. Personal data here (name, e-mail) is only read by the review pages,
// whose routes check the reviewer first.
import { sql } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import type { Role } from "../../organisation/organisation.ts";
import { PAGE_SIZE } from "./join-requests.ts";

export async function findPendingBySub(db: DbOrTx, sub: string) {
  return db.selectFrom("join_requests").select(["id", "created_at", "requested_role", "message"]).where("sub", "=", sub).where("status", "=", "pending").executeTakeFirst();
}

export interface NewJoinRequest {
  sub: string;
  email: string;
  givenName: string | null;
  usualName: string | null;
  siret: string | null;
  uid: string | null;
  proposedStructureId: string | null;
  requestedRole: Role | null;
  message: string | null;
}

/** One pending request per ProConnect subject: sending again updates it and keeps its place in the queue. */
export async function savePending(db: DbOrTx, r: NewJoinRequest, now: Date): Promise<{ id: string; created: boolean }> {
  const row = await db
    .insertInto("join_requests")
    .values({
      sub: r.sub,
      email: r.email,
      given_name: r.givenName,
      usual_name: r.usualName,
      siret: r.siret,
      uid: r.uid,
      proposed_structure_id: r.proposedStructureId,
      requested_role: r.requestedRole,
      message: r.message,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column("sub")
        .where("status", "=", "pending")
        .doUpdateSet((eb) => ({
          email: eb.ref("excluded.email"),
          given_name: eb.ref("excluded.given_name"),
          usual_name: eb.ref("excluded.usual_name"),
          siret: eb.ref("excluded.siret"),
          uid: eb.ref("excluded.uid"),
          proposed_structure_id: eb.ref("excluded.proposed_structure_id"),
          requested_role: eb.ref("excluded.requested_role"),
          message: eb.ref("excluded.message"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
    )
    .returning(["id", sql<boolean>`(xmax = 0)`.as("created")])
    .executeTakeFirstOrThrow();
  return { id: row.id, created: Boolean(row.created) };
}

export async function countPending(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom("join_requests").select(sql<number>`count(*)::int`.as("n")).where("status", "=", "pending").executeTakeFirstOrThrow();
  return Number(row.n);
}

function listQuery(db: DbOrTx) {
  return db
    .selectFrom("join_requests as j")
    .leftJoin("structures as proposed", "proposed.id", "j.proposed_structure_id")
    .leftJoin("structures as granted", "granted.id", "j.granted_structure_id")
    .leftJoin("users as decider", "decider.id", "j.decided_by")
    .select([
      "j.id",
      "j.email",
      "j.given_name",
      "j.usual_name",
      "j.siret",
      "j.uid",
      "j.requested_role",
      "j.message",
      "j.status",
      "j.created_at",
      "j.updated_at",
      "j.decided_at",
      "j.refusal_reason",
      "j.granted_role",
      "j.granted_structure_id",
      "j.proposed_structure_id",
      "j.user_id",
      "proposed.name as proposed_structure_name",
      "granted.name as granted_structure_name",
      sql<string | null>`nullif(trim(coalesce(decider.first_name, '') || ' ' || coalesce(decider.last_name, '')), '')`.as("decider_name"),
    ]);
}

export type JoinRequestLine = Awaited<ReturnType<typeof findRequest>> & {};

/** Pending requests, the longest-waiting first. */
export async function listPending(db: DbOrTx, page: number) {
  const [rows, total] = await Promise.all([
    listQuery(db)
      .where("j.status", "=", "pending")
      .orderBy("j.created_at", "asc")
      .orderBy("j.id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    countPending(db),
  ]);
  return { rows, total };
}

/** Decided requests, the latest decision first. */
export async function listDecided(db: DbOrTx, page: number) {
  const [rows, count] = await Promise.all([
    listQuery(db)
      .where("j.status", "<>", "pending")
      .orderBy("j.decided_at", "desc")
      .orderBy("j.id")
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
    db.selectFrom("join_requests").select(sql<number>`count(*)::int`.as("n")).where("status", "<>", "pending").executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findRequest(db: DbOrTx, id: string) {
  return listQuery(db).where("j.id", "=", id).executeTakeFirst();
}

/** Locks a pending request for the decision; undefined when it was decided meanwhile. */
export async function lockPending(db: DbOrTx, id: string) {
  return db.selectFrom("join_requests").selectAll().where("id", "=", id).where("status", "=", "pending").forUpdate().executeTakeFirst();
}

export async function markAccepted(db: DbOrTx, id: string, d: { by: string; at: Date; role: Role; structureId: string | null; userId: string }): Promise<void> {
  await db
    .updateTable("join_requests")
    .set({ status: "accepted", decided_at: d.at, decided_by: d.by, updated_at: d.at, granted_role: d.role, granted_structure_id: d.structureId, user_id: d.userId })
    .where("id", "=", id)
    .execute();
}

export async function markRefused(db: DbOrTx, id: string, d: { by: string; at: Date; reason: string }): Promise<void> {
  await db.updateTable("join_requests").set({ status: "refused", decided_at: d.at, decided_by: d.by, updated_at: d.at, refusal_reason: d.reason }).where("id", "=", id).execute();
}

export async function listStructureChoices(db: DbOrTx) {
  return db.selectFrom("structures").select(["id", "name", "kind"]).orderBy("name").execute();
}

/** Where a new or waiting request is announced: every active coordinator and admin. */
export async function reviewerEmails(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.email")
    .distinct()
    .where("role_assignments.role", "in", ["coordinator", "admin"])
    .where("users.disabled_at", "is", null)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => r.email);
}

export async function requestsToRemind(db: DbOrTx, sentBefore: Date) {
  return db
    .selectFrom("join_requests")
    .select("id")
    .where("status", "=", "pending")
    .where("reminded_at", "is", null)
    .where("created_at", "<", sentBefore)
    .orderBy("created_at")
    .execute();
}

/** Marks the reminder once: of two instances running the job, one sends it. */
export async function markReminded(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable("join_requests")
    .set({ reminded_at: now })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where("reminded_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}
