// Delivers webhooks like the outbox: a batch is claimed in one statement (FOR UPDATE SKIP LOCKED plus a
// lease), each delivery is POSTed outside any transaction, signed in the Standard Webhooks format, and its
// outcome recorded only while the claim is current. Non-2xx answers, timeouts and network errors are
// retried with exponential backoff up to maxAttempts, then the delivery is marked failed.
import type { Db } from "../db/schema.ts";
import { type ClaimedDelivery, claimDueDeliveries, recordAttempt } from "../features/webhooks/webhooks.repository.ts";
import { type AttemptResult, nextStateAfterAttempt, signatureHeader } from "../features/webhooks/webhooks.ts";

export interface WebhookSettings {
  timeoutMs: number;
  maxAttempts: number;
}

export interface WebhookDrainResult {
  claimed: number;
  delivered: number;
}

const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 20;

async function post(delivery: ClaimedDelivery, settings: WebhookSettings, now: Date): Promise<AttemptResult> {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": "Declic-Webhooks/1",
        "webhook-id": delivery.event_id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatureHeader(delivery, delivery.event_id, timestamp, delivery.body, now),
      },
      body: delivery.body,
    });
    // The answer's body is not needed: read a little and drop it, so the connection is released.
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    return { ok: false, statusCode: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error).name;
    const message = name === "TimeoutError" ? `pas de réponse en ${settings.timeoutMs} ms` : `${(error as Error).message}`.slice(0, 200);
    return { ok: false, statusCode: null, error: message };
  }
}

export async function drainWebhooksOnce(db: Db, settings: WebhookSettings, now: () => Date, batchSize = BATCH_SIZE): Promise<WebhookDrainResult> {
  const batch = (await claimDueDeliveries(db, now(), batchSize, LEASE_MS)).sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id - b.id);
  let delivered = 0;
  for (const delivery of batch) {
    const started = performance.now();
    const result = await post(delivery, settings, now());
    const durationMs = Math.round(performance.now() - started);
    const at = now();
    const next = nextStateAfterAttempt(result, delivery.attempts, settings.maxAttempts, at);
    await recordAttempt(db, delivery, {
      status: next.status,
      notBefore: next.notBefore,
      statusCode: result.statusCode,
      error: result.ok ? null : result.error,
      durationMs,
      at,
    });
    if (result.ok) delivered++;
  }
  return { claimed: batch.length, delivered };
}

/** Drains until nothing is due; failed attempts wait for their retry time. */
export async function drainWebhooks(db: Db, settings: WebhookSettings, now: () => Date): Promise<WebhookDrainResult> {
  const total: WebhookDrainResult = { claimed: 0, delivered: 0 };
  for (;;) {
    const result = await drainWebhooksOnce(db, settings, now);
    total.claimed += result.claimed;
    total.delivered += result.delivered;
    if (result.claimed < BATCH_SIZE) return total;
  }
}
