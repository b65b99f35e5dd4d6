import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { OutboxChannel, OutboxRow, OutboxStatus } from "./outbox.table.ts";
import { type OutgoingMessage, storedText } from "./outbox.ts";

/** Adds a message; a second message with the same idempotency key is ignored. */
export async function enqueueMessage(db: DbOrTx, message: OutgoingMessage): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      idempotency_key: message.idempotencyKey,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body_text: storedText(message.channel, message.text),
      body_html: message.html ?? null,
      attachments: JSON.stringify(message.attachments ?? []),
      not_before: message.notBefore,
      created_at: message.notBefore,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .execute();
}

/**
 * Claims due messages for one worker by pushing their due time a lease ahead and counting the attempt.
 * Rows another worker is claiming at the same moment are skipped (SKIP LOCKED); a worker that dies
 * mid-batch leaves its messages to be claimed again when the lease ends.
 */
export async function claimDueMessages(db: DbOrTx, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const due = db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("not_before", "<=", now)
    .orderBy("not_before")
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return db
    .updateTable("outbox")
    .set((eb) => ({ not_before: new Date(now.getTime() + leaseMs), attempts: eb("attempts", "+", 1) }))
    .where("id", "in", due)
    .returningAll()
    .execute();
}

export async function recordDelivery(
  db: DbOrTx,
  id: number,
  change: { status: OutboxStatus; notBefore?: Date; error?: string | null; providerId?: string | null; sentAt?: Date | null },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: change.status,
      last_error: change.error ?? null,
      provider_id: change.providerId ?? null,
      sent_at: change.sentAt ?? null,
      ...(change.notBefore ? { not_before: change.notBefore } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export async function listMessages(
  db: DbOrTx,
  filter: { channel: OutboxChannel; recipient?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: OutboxRow[]; total: number }> {
  let query = db.selectFrom("outbox").where("channel", "=", filter.channel);
  if (filter.recipient) query = query.where("recipient", "ilike", `%${filter.recipient.replace(/[%_\\]/g, "\\$&")}%`);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).offset(page.offset).execute(),
    query.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function findMessage(db: DbOrTx, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
