// The only code of referrals that touches Kysely. Every read of a referral filters on the actor's scope
// inside the query, so a guessed id finds nothing.

import type { Insertable, Updateable } from "kysely";
import { type ExpressionBuilder, sql } from "kysely";
import type { Database, DbOrTx } from "../../db/schema.ts";
import type { ReferralScope } from "./referrals.policy.ts";
import type { ReferralEventsTable, ReferralsTable } from "./referrals.table.ts";
import type { ReferralStatus } from "./referrals.ts";

function inScope(scope: ReferralScope) {
  return (eb: ExpressionBuilder<Database, "referrals">) => {
    if (scope.all) return eb.val(true);
    const parts = [];
    if (scope.fromStructureIds.length > 0) parts.push(eb("referrals.from_structure_id", "in", scope.fromStructureIds));
    if (scope.targetStructureIds.length > 0) parts.push(eb("referrals.target_structure_id", "in", scope.targetStructureIds));
    return parts.length > 0 ? eb.or(parts) : eb.val(false);
  };
}

function detailQuery(db: DbOrTx) {
  return db
    .selectFrom("referrals")
    .innerJoin("structures as source", "source.id", "referrals.from_structure_id")
    .innerJoin("structures as target", "target.id", "referrals.target_structure_id")
    .leftJoin("places", "places.id", "referrals.target_place_id")
    .leftJoin("communes as place_commune", "place_commune.code", "places.commune_code")
    .leftJoin("communes", "communes.code", "referrals.commune_code")
    .leftJoin("appointments", "appointments.id", "referrals.appointment_id")
    .leftJoin("places as appointment_place", "appointment_place.id", "appointments.place_id")
    .leftJoin("users as creator", "creator.id", "referrals.created_by_user_id")
    .selectAll("referrals")
    .select([
      "source.name as from_name",
      "target.name as target_name",
      "places.name as place_name",
      "places.slug as place_slug",
      sql<string | null>`places.address || ', ' || places.postcode || ' ' || place_commune.name`.as("place_address"),
      "communes.name as commune_name",
      "appointments.starts_at as appointment_at",
      "appointment_place.name as appointment_place_name",
      sql<string | null>`creator.first_name || ' ' || creator.last_name`.as("creator_name"),
      "creator.email as creator_email",
    ]);
}

export type ReferralDetail = NonNullable<Awaited<ReturnType<typeof findReferralById>>>;

/** Any referral, without scope: for hooks and jobs that already know it concerns them. */
export async function findReferralById(db: DbOrTx, id: string) {
  return detailQuery(db).where("referrals.id", "=", id).executeTakeFirst();
}

export async function findReferral(db: DbOrTx, id: string, scope: ReferralScope) {
  return detailQuery(db).where("referrals.id", "=", id).where(inScope(scope)).executeTakeFirst();
}

export async function findReferralByAppointment(db: DbOrTx, appointmentId: string) {
  return detailQuery(db).where("referrals.appointment_id", "=", appointmentId).executeTakeFirst();
}

export interface ReferralListFilter {
  side: "received" | "sent" | "all";
  statuses: ReferralStatus[] | null;
}

export async function listReferrals(db: DbOrTx, scope: ReferralScope, filter: ReferralListFilter, limit = 200) {
  let query = detailQuery(db).where(inScope(scope));
  if (!scope.all && filter.side === "received") query = query.where("referrals.target_structure_id", "in", scope.targetStructureIds.length > 0 ? scope.targetStructureIds : [sql<string>`null`]);
  if (!scope.all && filter.side === "sent") query = query.where("referrals.from_structure_id", "in", scope.fromStructureIds.length > 0 ? scope.fromStructureIds : [sql<string>`null`]);
  if (filter.statuses !== null) query = query.where("referrals.status", "in", filter.statuses);
  return query.orderBy(sql`case when referrals.status = 'received' then 0 else 1 end`).orderBy("referrals.urgency", "desc").orderBy("referrals.created_at").limit(limit).execute();
}

export async function insertReferral(db: DbOrTx, values: Insertable<ReferralsTable>): Promise<{ id: string; number: number }> {
  return db.insertInto("referrals").values(values).returning(["id", "number"]).executeTakeFirstOrThrow();
}

/** Changes a referral only if it is still in the status the caller read; false when it moved meanwhile. */
export async function updateReferral(db: DbOrTx, id: string, expected: ReferralStatus, values: Updateable<ReferralsTable>): Promise<boolean> {
  const result = await db.updateTable("referrals").set(values).where("id", "=", id).where("status", "=", expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertReferralEvent(db: DbOrTx, values: Insertable<ReferralEventsTable>): Promise<string> {
  return (await db.insertInto("referral_events").values(values).returning("id").executeTakeFirstOrThrow()).id;
}

export async function listReferralEvents(db: DbOrTx, referralId: string) {
  return db
    .selectFrom("referral_events")
    .leftJoin("users", "users.id", "referral_events.actor_user_id")
    .select(["referral_events.id", "referral_events.from_status", "referral_events.to_status", "referral_events.reason", "referral_events.at", sql<string | null>`users.first_name || ' ' || users.last_name`.as("actor_name")])
    .where("referral_events.referral_id", "=", referralId)
    .orderBy("referral_events.seq")
    .execute();
}

/**
 * Addresses of the receiving side: the target structure's managers, else its advisors with an account;
 * a partner structure (receiving an advisor's referral) has neither: its partner agents.
 */
export async function receiverEmails(db: DbOrTx, structureId: string): Promise<string[]> {
  const byRole = async (role: "structure_manager" | "advisor" | "partner_agent") =>
    (
      await db
        .selectFrom("users")
        .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
        .select("users.email")
        .distinct()
        .where("role_assignments.role", "=", role)
        .where("role_assignments.structure_id", "=", structureId)
        .where("users.disabled_at", "is", null)
        .orderBy("users.email")
        .execute()
    ).map((r) => r.email);
  const managers = await byRole("structure_manager");
  if (managers.length > 0) return managers;
  const advisors = await byRole("advisor");
  return advisors.length > 0 ? advisors : byRole("partner_agent");
}

/** Addresses of the referring side: the person who referred, else the structure's active partner agents. */
export async function referrerEmails(db: DbOrTx, referral: { created_by_user_id: string | null; from_structure_id: string }): Promise<string[]> {
  if (referral.created_by_user_id !== null) {
    const creator = await db.selectFrom("users").select("email").where("id", "=", referral.created_by_user_id).where("disabled_at", "is", null).executeTakeFirst();
    if (creator) return [creator.email];
  }
  const rows = await db
    .selectFrom("users")
    .innerJoin("role_assignments", "role_assignments.user_id", "users.id")
    .select("users.email")
    .distinct()
    .where("role_assignments.role", "in", ["partner_agent", "advisor", "structure_manager"])
    .where("role_assignments.structure_id", "=", referral.from_structure_id)
    .where("users.disabled_at", "is", null)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => r.email);
}

/** Public places of the network that take referrals: those of a structure that employs advisors. */
export async function targetPlaces(db: DbOrTx, departement: string) {
  return db
    .selectFrom("places")
    .innerJoin("communes", "communes.code", "places.commune_code")
    .innerJoin("structures", "structures.id", "places.structure_id")
    .select(["places.id", "places.name", "places.structure_id", "communes.name as commune_name", "structures.name as structure_name"])
    .where("places.is_public", "=", true)
    .where("communes.departement", "=", departement)
    .where(({ exists, selectFrom }) => exists(selectFrom("advisors").select("advisors.id").whereRef("advisors.structure_id", "=", "places.structure_id").where("advisors.active", "=", true)))
    .orderBy("communes.name")
    .orderBy("places.name")
    .execute();
}

export async function communeCodeByName(db: DbOrTx, departement: string, text: string): Promise<string | null> {
  const t = text.trim();
  const row = await db
    .selectFrom("communes")
    .select("code")
    .where("departement", "=", departement)
    .where((eb) => eb.or([eb("code", "=", t), eb(sql`lower(name)`, "=", t.toLowerCase()), eb(sql`${t}`, "=", sql<string>`any(postcodes)`)]))
    .orderBy("population", "desc")
    .executeTakeFirst();
  return row?.code ?? null;
}

export async function referralsToRemind(db: DbOrTx, before: Date) {
  return db.selectFrom("referrals").select("id").where("status", "=", "received").where("reminded_at", "is", null).where("created_at", "<=", before).orderBy("created_at").execute();
}

export async function referralsToExpire(db: DbOrTx, before: Date) {
  return db.selectFrom("referrals").select("id").where("status", "=", "received").where("created_at", "<=", before).orderBy("created_at").execute();
}

export async function markReminded(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const result = await db.updateTable("referrals").set({ reminded_at: at }).where("id", "=", id).where("reminded_at", "is", null).where("status", "=", "received").executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
