// Delivers the outbox. A batch is claimed in one short statement (FOR UPDATE SKIP LOCKED plus a lease),
// delivered outside any transaction, then each outcome is recorded. A worker killed mid-batch leaves its
// messages to another worker once the lease ends; several workers never claim the same message.
// An outcome is recorded only while the claim is still current (not cancelled, not re-claimed after the
// lease). Text messages due at night wait until 08:00 Paris time.
import type { Db } from "../db/schema.ts";
import { recordClaimedDelivery } from "../features/notifications/notifications.repository.ts";
import { isQuietHour, outsideQuietHours } from "../features/notifications/quiet-hours.ts";
import type { MailTransport } from "../features/outbox/mail-transport.ts";
import { claimDueMessages } from "../features/outbox/outbox.repository.ts";
import type { OutboxRow } from "../features/outbox/outbox.table.ts";
import { type DeliveryOutcome, nextStateAfterFailure } from "../features/outbox/outbox.ts";
import { drainWebhooks, type WebhookSettings } from "./webhook-worker.ts";

export interface OutboxTransports {
  email: MailTransport;
  sms?: { deliver(message: OutboxRow): Promise<DeliveryOutcome> };
  /** When set, the same loop also delivers webhooks (webhook-worker.ts). */
  webhooks?: WebhookSettings;
}

export interface DrainResult {
  claimed: number;
  delivered: number;
  failed: number;
}

export const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 20;

async function deliverOne(db: Db, transports: OutboxTransports, message: OutboxRow, now: () => Date): Promise<boolean> {
  if (message.channel === "sms" && isQuietHour(now())) {
    // Not an attempt: give back the one the claim counted.
    const morning = outsideQuietHours(now());
    await recordClaimedDelivery(db, message, { status: "pending", notBefore: morning, attempts: message.attempts - 1 });
    return false;
  }
  const transport = message.channel === "email" ? transports.email : transports.sms;
  const outcome: DeliveryOutcome = transport
    ? await transport.deliver(message)
    : { kind: "failed", error: `no transport for ${message.channel}`, permanent: false };
  if (outcome.kind === "failed") {
    const next = nextStateAfterFailure(message.attempts, outcome.permanent, now());
    await recordClaimedDelivery(db, message, { status: next.status, notBefore: next.notBefore, error: outcome.error });
    return false;
  }
  await recordClaimedDelivery(db, message, {
    status: outcome.kind,
    providerId: outcome.kind === "sent" ? outcome.providerId : null,
    sentAt: now(),
  });
  return true;
}

export async function drainOutboxOnce(db: Db, transports: OutboxTransports, now: () => Date, batchSize = BATCH_SIZE): Promise<DrainResult> {
  // RETURNING gives no order: deliver oldest first.
  const batch = (await claimDueMessages(db, now(), batchSize, LEASE_MS)).sort(
    (a, b) => a.not_before.getTime() - b.not_before.getTime() || a.id - b.id,
  );
  let delivered = 0;
  for (const message of batch) {
    if (await deliverOne(db, transports, message, now)) delivered++;
  }
  return { claimed: batch.length, delivered, failed: batch.length - delivered };
}

/** Drains until nothing is due; failed messages wait for their retry time. */
export async function drainOutbox(db: Db, transports: OutboxTransports, now: () => Date): Promise<DrainResult> {
  const total: DrainResult = { claimed: 0, delivered: 0, failed: 0 };
  for (;;) {
    const result = await drainOutboxOnce(db, transports, now);
    total.claimed += result.claimed;
    total.delivered += result.delivered;
    total.failed += result.failed;
    if (result.claimed < BATCH_SIZE) return total;
  }
}

export interface OutboxWorker {
  nudge(): void;
  stop(): Promise<void>;
}

/** Polls the outbox every intervalMs, and at once when nudged after a commit. */
export function startOutboxWorker(
  db: Db,
  transports: OutboxTransports,
  options: { now: () => Date; intervalMs?: number; onError: (error: unknown) => void },
): OutboxWorker {
  let stopped = false;
  let busy: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const run = (): void => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    clearTimeout(timer);
    busy = drainOutbox(db, transports, options.now)
      .then(() => (transports.webhooks ? drainWebhooks(db, transports.webhooks, options.now) : undefined))
      .then(() => undefined, options.onError)
      .finally(() => {
        busy = null;
        if (stopped) return;
        if (again) {
          again = false;
          run();
        } else timer = setTimeout(run, options.intervalMs ?? 2000);
      });
  };
  timer = setTimeout(run, 0);
  return {
    nudge: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await busy;
    },
  };
}
