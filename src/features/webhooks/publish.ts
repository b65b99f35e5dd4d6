// Publishing an event: called inside the transaction of the change that causes it, so the deliveries
// exist if and only if the change commits. The worker sends them afterwards.
import type { DbOrTx } from "../../db/schema.ts";
import { insertDeliveries } from "./webhooks.repository.ts";
import { eventBody, newEventId, type WebhookEventType, type WebhookPayloads } from "./webhooks.ts";

/** Queues the event for every subscriber of its type; returns its id (one id for all subscribers). */
export async function publishEvent<T extends WebhookEventType>(trx: DbOrTx, type: T, data: WebhookPayloads[T], at: Date): Promise<string> {
  const id = newEventId();
  await insertDeliveries(trx, { id, type, body: eventBody(type, data, at), at }, { eventType: type });
  return id;
}
