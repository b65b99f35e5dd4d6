// Delivers webhooks like the outbox: a batch is claimed in one statement (FOR UPDATE SKIP LOCKED plus a
// lease), each delivery is POSTed outside any transaction, signed in the Standard Webhooks format, and its
// outcome recorded only while the claim is current. Non-2xx answers, timeouts and network errors are
// retried with exponential backoff up to maxAttempts, then the delivery is marked failed.
import { type LookupAddress, lookup } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { Db } from "../db/schema.ts";
import { isPublicAddress, literalAddress } from "../features/webhooks/endpoint-address.ts";
import { type ClaimedDelivery, claimDueDeliveries, recordAttempt } from "../features/webhooks/webhooks.repository.ts";
import { type AttemptResult, nextStateAfterAttempt, signatureHeader } from "../features/webhooks/webhooks.ts";

export interface WebhookSettings {
  timeoutMs: number;
  maxAttempts: number;
  /** http and internal addresses (loopback, private ranges) are delivered to: development and tests only. */
  allowLocalHttp: boolean;
}

export interface WebhookDrainResult {
  claimed: number;
  delivered: number;
}

const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 20;

/** A DNS lookup that only returns public addresses, unless internal ones are allowed (development, tests). */
function guardedLookup(allowInternal: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const usable = (addresses as LookupAddress[]).filter((a) => allowInternal || isPublicAddress(a.address));
      const first = usable[0];
      if (!first) return callback(Object.assign(new Error(`adresse interne refusée pour ${hostname}`), { code: "EINTERNAL" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, list: LookupAddress[]) => void)(null, usable);
      callback(null, first.address, first.family);
    });
  };
}

/** POSTs without following redirects; resolves with the status code. */
function send(delivery: ClaimedDelivery, headers: Record<string, string>, settings: WebhookSettings): Promise<number> {
  const url = new URL(delivery.url);
  const literal = literalAddress(url.hostname);
  if (literal !== null && !settings.allowLocalHttp && !isPublicAddress(literal)) {
    return Promise.reject(new Error(`adresse interne refusée (${literal})`));
  }
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(delivery.body)) },
        lookup: guardedLookup(settings.allowLocalHttp),
        signal: AbortSignal.timeout(settings.timeoutMs),
      },
      (response) => {
        // The answer's body is not needed: drop it, so the connection is released.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(delivery.body);
  });
}

async function post(delivery: ClaimedDelivery, settings: WebhookSettings, now: Date): Promise<AttemptResult> {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const status = await send(
      delivery,
      {
        "content-type": "application/json",
        "user-agent": "Declic-Webhooks/1",
        "webhook-id": delivery.event_id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatureHeader(delivery, delivery.event_id, timestamp, delivery.body, now),
      },
      settings,
    );
    if (status >= 200 && status < 300) return { ok: true, statusCode: status };
    return { ok: false, statusCode: status, error: `HTTP ${status}` };
  } catch (error) {
    const name = (error as Error).name;
    const message = name === "TimeoutError" || name === "AbortError" ? `pas de réponse en ${settings.timeoutMs} ms` : `${(error as Error).message}`.slice(0, 200);
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
