// Merge of duplicates and the read log of beneficiary records; the audit log only ever holds ids, never a name.
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import { ageBandFromBirthYear } from "../activities/taxonomy.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { searchNameOf } from "./beneficiary.ts";
import { eraseBeneficiary } from "./beneficiary-erasure.repository.ts";

/**
 * Merges `otherId` into `keepId`: reports and workshop attendance move to the kept record (a workshop both
 * attended keeps one row), empty fields of the kept record are filled from the other, then the other is
 * blanked and points to the kept one.
 */
export async function mergeBeneficiaries(db: Db, keepId: string, otherId: string, actorUserId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const [keep, other] = await Promise.all(
      [keepId, otherId].map((id) => trx.selectFrom("beneficiaries").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow()),
    );
    // A workshop both records attended had the same person twice: keep one row and count them once.
    const twice = await trx
      .deleteFrom("activity_participants")
      .where("beneficiary_id", "=", otherId)
      .where("report_id", "in", trx.selectFrom("activity_participants").select("report_id").where("beneficiary_id", "=", keepId))
      .returning("report_id")
      .execute();
    if (twice.length > 0) {
      await trx
        .updateTable("activity_reports")
        .set((eb) => ({ participants_total: eb("participants_total", "-", 1) }))
        .where("id", "in", twice.map((r) => r.report_id))
        .where("participants_total", ">", 1)
        .execute();
    }
    await trx.updateTable("activity_participants").set({ beneficiary_id: keepId }).where("beneficiary_id", "=", otherId).execute();
    const moved = await trx.updateTable("activity_reports").set({ beneficiary_id: keepId }).where("beneficiary_id", "=", otherId).executeTakeFirst();
    const unknown = (code: string) => code === "non-communique";
    const lastName = keep!.last_name ?? other!.last_name;
    await trx
      .updateTable("beneficiaries")
      .set({
        last_name: lastName,
        search_name: searchNameOf(keep!.first_name, lastName),
        phone: keep!.phone ?? other!.phone,
        email: keep!.email ?? other!.email,
        birth_year: keep!.birth_year ?? other!.birth_year,
        age_band: unknown(keep!.age_band) ? (unknown(other!.age_band) ? ageBandFromBirthYear(keep!.birth_year ?? other!.birth_year, now) : other!.age_band) : keep!.age_band,
        residence_commune_code: keep!.residence_commune_code ?? other!.residence_commune_code,
        gender: unknown(keep!.gender) ? other!.gender : keep!.gender,
        social_status: unknown(keep!.social_status) ? other!.social_status : keep!.social_status,
        notes: keep!.notes ?? other!.notes,
        shared_with_structure: keep!.shared_with_structure || other!.shared_with_structure,
        updated_at: now,
      })
      .where("id", "=", keepId)
      .execute();
    await eraseBeneficiary(trx, otherId, "fusion", now, keepId);
    await recordAudit(trx, {
      at: now,
      actorUserId,
      action: "beneficiary.merged",
      subjectType: "beneficiary",
      subjectId: keepId,
      details: { mergedId: otherId, reportsMoved: Number(moved.numUpdatedRows) },
    });
  });
}

export interface LinkedAppointment {
  id: string;
  starts_at: Date;
  status: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  birth_year: number | null;
  needs: string | null;
  notes: string | null;
}

/** The appointments the person's reports came from: they hold contact details too, so the export shows them. */
export async function linkedAppointments(db: DbOrTx, beneficiaryId: string): Promise<LinkedAppointment[]> {
  return db
    .selectFrom("appointments")
    .select(["id", "starts_at", "status", "first_name", "last_name", "phone", "email", "birth_year", "needs", "notes"])
    .where("id", "in", db.selectFrom("activity_reports").select("appointment_id").where("beneficiary_id", "=", beneficiaryId).where("appointment_id", "is not", null))
    .orderBy("starts_at", "desc")
    .execute();
}

export type ReadWhat = "fiche" | "modification" | "export" | "export-json" | "effacement" | "fusion" | "compte-rendu";

export async function logRead(db: DbOrTx, actorUserId: string, beneficiaryId: string, what: ReadWhat, now: Date): Promise<void> {
  await recordAudit(db, { at: now, actorUserId, action: "beneficiary.read", subjectType: "beneficiary", subjectId: beneficiaryId, details: { what } });
}

/** A refused id (out of scope, unknown or malformed): logged, so probing shows in the audit. */
export async function logDenied(db: DbOrTx, actorUserId: string, requestedId: string, path: string, now: Date): Promise<void> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(requestedId);
  await recordAudit(db, {
    at: now,
    actorUserId,
    action: "beneficiary.denied",
    subjectType: "beneficiary",
    subjectId: uuid ? requestedId.toLowerCase() : undefined,
    details: { path: path.slice(0, 200) },
  });
}

export interface ReadLogEntry {
  at: Date;
  what: string;
  reader: string;
  beneficiary_id: string;
}

/** Who read one record, newest first (for the person's export). */
export async function readLogOf(db: DbOrTx, beneficiaryId: string): Promise<ReadLogEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.at", "audit_log.details", "audit_log.subject_id", "users.first_name", "users.last_name"])
    .where("audit_log.subject_type", "=", "beneficiary")
    .where("audit_log.subject_id", "=", beneficiaryId)
    .where("audit_log.action", "=", "beneficiary.read")
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({ at: r.at, what: String(r.details.what ?? ""), reader: readerName(r), beneficiary_id: r.subject_id ?? "" }));
}

function readerName(r: { first_name: string | null; last_name: string | null }): string {
  return r.first_name === null ? "Compte supprimé" : `${r.first_name} ${r.last_name ?? ""}`.trim();
}

export interface JournalEntry extends ReadLogEntry {
  first_name: string | null;
  last_name: string | null;
  shared: boolean;
  erased: boolean;
}

/** The reads of a structure's records, newest first: the structure manager's journal. */
export async function readLogOfStructures(db: Db, structureIds: string[], page: number, pageSize: number): Promise<{ rows: JournalEntry[]; total: number }> {
  const base = db
    .selectFrom("audit_log")
    .innerJoin("beneficiaries", (join) => join.on(sql`beneficiaries.id::text`, "=", sql.ref("audit_log.subject_id")))
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .where("audit_log.subject_type", "=", "beneficiary")
    .where("audit_log.action", "=", "beneficiary.read")
    .where("beneficiaries.structure_id", "in", structureIds);
  const counted = await base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "audit_log.at",
      "audit_log.details",
      "audit_log.subject_id",
      "users.first_name as reader_first",
      "users.last_name as reader_last",
      "beneficiaries.first_name",
      "beneficiaries.last_name",
      "beneficiaries.shared_with_structure",
      "beneficiaries.erased_at",
    ])
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: counted.n,
    rows: rows.map((r) => ({
      at: r.at,
      what: String(r.details.what ?? ""),
      reader: readerName({ first_name: r.reader_first, last_name: r.reader_last }),
      beneficiary_id: r.subject_id ?? "",
      // A record not shared with the structure stays nameless for its managers.
      first_name: r.shared_with_structure ? r.first_name : null,
      last_name: r.shared_with_structure ? r.last_name : null,
      shared: r.shared_with_structure,
      erased: r.erased_at !== null,
    })),
  };
}
