// Queries of webhooks: subscribers, publishing an event to them, claiming and recording deliveries.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { WebhookDeliveryRow, WebhookEndpointRow } from "./webhooks.table.ts";
import type { DeliveryStatus } from "./webhooks.ts";

export async function insertEndpoint(db: DbOrTx, values: { name: string; url: string; events: string[]; secret: string; createdByUserId: string | null; now: Date }) {
  return db
    .insertInto("webhook_endpoints")
    .values({
      name: values.name,
      url: values.url,
      events: values.events,
      secret: values.secret,
      created_by_user_id: values.createdByUserId,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
}

export async function findEndpoint(db: DbOrTx, id: string): Promise<WebhookEndpointRow | undefined> {
  return db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Subscribers with their last delivery's state, without their secrets. */
export async function listEndpoints(db: DbOrTx) {
  return db
    .selectFrom("webhook_endpoints as e")
    .select(["e.id", "e.name", "e.url", "e.events", "e.created_at"])
    .select((eb) => [
      eb
        .selectFrom("webhook_deliveries as d")
        .select("d.status")
        .whereRef("d.endpoint_id", "=", "e.id")
        .orderBy("d.created_at", "desc")
        .orderBy("d.id", "desc")
        .limit(1)
        .as("last_status"),
      eb
        .selectFrom("webhook_deliveries as d")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("d.endpoint_id", "=", "e.id")
        .where("d.status", "=", "failed")
        .as("failed"),
    ])
    .orderBy("e.name")
    .execute();
}

export async function rotateEndpointSecret(db: DbOrTx, id: string, secret: string, graceUntil: Date, now: Date): Promise<void> {
  await db
    .updateTable("webhook_endpoints")
    .set((eb) => ({ previous_secret: eb.ref("secret"), previous_secret_until: graceUntil, secret, updated_at: now }))
    .where("id", "=", id)
    .execute();
}

export async function deleteEndpoint(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom("webhook_endpoints").where("id", "=", id).execute();
}

/**
 * One delivery per subscriber of the event type (or per given subscriber), all with the same event id.
 * A second insert of the same event for the same subscriber is ignored.
 */
export async function insertDeliveries(
  db: DbOrTx,
  event: { id: string; type: string; body: string; at: Date },
  target: { eventType: string } | { endpointId: string },
): Promise<number> {
  let endpoints = db.selectFrom("webhook_endpoints").select("id");
  endpoints = "endpointId" in target ? endpoints.where("id", "=", target.endpointId) : endpoints.where(sql<boolean>`events @> array[${target.eventType}]::text[]`);
  const rows = await endpoints.execute();
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto("webhook_deliveries")
    .values(rows.map((e) => ({ endpoint_id: e.id, event_id: event.id, event_type: event.type, body: event.body, not_before: event.at, created_at: event.at })))
    .onConflict((oc) => oc.columns(["endpoint_id", "event_id"]).doNothing())
    .returning("id")
    .execute();
  return inserted.length;
}

export type ClaimedDelivery = WebhookDeliveryRow & Pick<WebhookEndpointRow, "url" | "secret" | "previous_secret" | "previous_secret_until">;

/**
 * Claims due deliveries for one worker: their due time is pushed a lease ahead and the attempt counted,
 * in one statement; rows another worker is claiming are skipped (SKIP LOCKED).
 */
export async function claimDueDeliveries(db: DbOrTx, now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const due = db
    .selectFrom("webhook_deliveries")
    .select("id")
    .where("status", "=", "pending")
    .where("not_before", "<=", now)
    .orderBy("not_before")
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .skipLocked();
  const claimed = await db
    .updateTable("webhook_deliveries")
    .set((eb) => ({ not_before: new Date(now.getTime() + leaseMs), attempts: eb("attempts", "+", 1) }))
    .where("id", "in", due)
    .returningAll()
    .execute();
  if (claimed.length === 0) return [];
  const endpoints = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "secret", "previous_secret", "previous_secret_until"])
    .where(
      "id",
      "in",
      claimed.map((c) => c.endpoint_id),
    )
    .execute();
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  return claimed.flatMap((c) => {
    const e = byId.get(c.endpoint_id);
    return e ? [{ ...c, url: e.url, secret: e.secret, previous_secret: e.previous_secret, previous_secret_until: e.previous_secret_until }] : [];
  });
}

/** Records an attempt's outcome, only while the claim is still current (not re-claimed after its lease). */
export async function recordAttempt(
  db: DbOrTx,
  claim: { id: number; attempts: number },
  change: { status: DeliveryStatus; notBefore: Date; statusCode: number | null; error: string | null; durationMs: number; at: Date },
): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set({
      status: change.status,
      not_before: change.notBefore,
      last_status_code: change.statusCode,
      last_error: change.error,
      last_duration_ms: change.durationMs,
      last_attempt_at: change.at,
      ...(change.status === "delivered" ? { delivered_at: change.at } : {}),
    })
    .where("id", "=", claim.id)
    .where("status", "=", "pending")
    .where("attempts", "=", claim.attempts)
    .execute();
}

export async function listDeliveries(db: DbOrTx, endpointId: string, limit: number) {
  return db
    .selectFrom("webhook_deliveries")
    .select(["id", "event_id", "event_type", "status", "attempts", "last_status_code", "last_error", "last_duration_ms", "last_attempt_at", "delivered_at", "not_before", "created_at"])
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Deletes delivered and failed deliveries created before the date; pending ones are kept. */
export async function purgeFinishedDeliveries(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.deleteFrom("webhook_deliveries").where("status", "<>", "pending").where("created_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
