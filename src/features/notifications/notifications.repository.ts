// Outbox writes specific to notifications that may be cancelled, rescheduled or sent at night.
import type { DbOrTx } from "../../db/schema.ts";
import type { OutboxStatus } from "../outbox/outbox.table.ts";
import { type OutgoingMessage, storedText } from "../outbox/outbox.ts";

/** Cancels every message not yet delivered whose idempotency key starts with `prefix`. */
export async function cancelPendingMessages(db: DbOrTx, prefix: string): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "cancelled" })
    .where("status", "=", "pending")
    .where("idempotency_key", "like", `${prefix.replace(/[%_\\]/g, "\\$&")}%`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Adds a message once per idempotency key, like enqueueMessage; a message of that key cancelled earlier
 * (an appointment moved away and back) is planned again. A sent message is never sent again.
 */
export async function enqueueOrRevive(db: DbOrTx, message: OutgoingMessage): Promise<void> {
  const values = {
    idempotency_key: message.idempotencyKey,
    channel: message.channel,
    recipient: message.recipient,
    subject: message.subject ?? null,
    body_text: storedText(message.channel, message.text),
    body_html: message.html ?? null,
    attachments: JSON.stringify(message.attachments ?? []),
    not_before: message.notBefore,
    created_at: message.notBefore,
  };
  await db
    .insertInto("outbox")
    .values(values)
    .onConflict((oc) =>
      oc
        .column("idempotency_key")
        .doUpdateSet({
          status: "pending",
          attempts: 0,
          last_error: null,
          recipient: values.recipient,
          subject: values.subject,
          body_text: values.body_text,
          body_html: values.body_html,
          attachments: values.attachments,
          not_before: values.not_before,
        })
        .where("outbox.status", "=", "cancelled"),
    )
    .execute();
}

/**
 * Records what happened to a claimed message, only if it is still the same claim: a message cancelled
 * meanwhile stays cancelled, and a worker whose lease ran out cannot overwrite a later claim.
 */
export async function recordClaimedDelivery(
  db: DbOrTx,
  claim: { id: number; attempts: number },
  change: { status: OutboxStatus; notBefore?: Date; error?: string | null; providerId?: string | null; sentAt?: Date | null; attempts?: number },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: change.status,
      last_error: change.error ?? null,
      provider_id: change.providerId ?? null,
      sent_at: change.sentAt ?? null,
      ...(change.notBefore ? { not_before: change.notBefore } : {}),
      ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
    })
    .where("id", "=", claim.id)
    .where("status", "=", "pending")
    .where("attempts", "=", claim.attempts)
    .execute();
}
