// The audit log: who did what, when. Written in the same transaction as the change it describes.
import type { DbOrTx } from "../../db/schema.ts";

export interface AuditEntry {
  at: Date;
  actorUserId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: entry.at,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: DbOrTx, filter: { subjectId?: string; action?: string }, limit = 100) {
  let query = db.selectFrom("audit_log").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(limit);
  if (filter.subjectId) query = query.where("subject_id", "=", filter.subjectId);
  if (filter.action) query = query.where("action", "=", filter.action);
  return query.execute();
}
