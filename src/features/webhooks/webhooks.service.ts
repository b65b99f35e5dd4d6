// Use cases of the webhooks back office: checking and creating a subscriber (its secret returned once),
// rotating its secret, sending it a test event, removing it. Each change is audited in its transaction.
import type { Db } from "../../db/schema.ts";
import type { FieldError } from "../../web/errors.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { deleteEndpoint, insertDeliveries, insertEndpoint, rotateEndpointSecret } from "./webhooks.repository.ts";
import { checkEndpointUrl, eventBody, isWebhookEvent, newEventId, newWebhookSecret, TEST_EVENT, type WebhookEventType } from "./webhooks.ts";

export const MAX_NAME_LENGTH = 100;
export const MAX_URL_LENGTH = 500;

export interface EndpointRequest {
  name: string;
  url: string;
  events: WebhookEventType[];
}

export interface ActionContext {
  actorUserId: string;
  now: Date;
}

export function checkEndpointRequest(
  values: { name: string; url: string; events: string[] },
  allowLocalHttp: boolean,
): { request: EndpointRequest | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = values.name.trim();
  const url = values.url.trim();
  if (name === "") errors.push({ field: "name", message: "Donnez un nom à l'abonné : le partenaire et son logiciel." });
  else if (name.length > MAX_NAME_LENGTH) errors.push({ field: "name", message: `Le nom ne doit pas dépasser ${MAX_NAME_LENGTH} caractères.` });
  if (url === "") errors.push({ field: "url", message: "Saisissez l'adresse qui recevra les événements, par exemple https://partenaire.example/webhooks." });
  else if (url.length > MAX_URL_LENGTH) errors.push({ field: "url", message: `L'adresse ne doit pas dépasser ${MAX_URL_LENGTH} caractères.` });
  else {
    const problem = checkEndpointUrl(url, allowLocalHttp);
    if (problem) errors.push({ field: "url", message: problem });
  }
  const unknown = values.events.filter((e) => !isWebhookEvent(e));
  const events = [...new Set(values.events.filter(isWebhookEvent))];
  if (unknown.length > 0) errors.push({ field: "events", message: `Événement inconnu : ${unknown.join(", ")}.` });
  else if (events.length === 0) errors.push({ field: "events", message: "Cochez au moins un événement à envoyer." });
  return errors.length > 0 ? { request: null, errors } : { request: { name, url, events }, errors: [] };
}

export async function createEndpoint(db: Db, request: EndpointRequest, context: ActionContext): Promise<{ id: string; name: string; secret: string }> {
  const secret = newWebhookSecret();
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertEndpoint(trx, { ...request, secret, createdByUserId: context.actorUserId, now: context.now });
    await recordAudit(trx, {
      at: context.now,
      actorUserId: context.actorUserId,
      action: "webhook.created",
      subjectType: "webhook_endpoint",
      subjectId: inserted.id,
      details: { name: request.name, url: request.url, events: request.events },
    });
    return inserted;
  });
  return { id: row.id, name: row.name, secret };
}

/** A new secret, returned once; the old one keeps signing beside it for the grace period. */
export async function rotateSecret(db: Db, endpointId: string, graceHours: number, context: ActionContext): Promise<string> {
  const secret = newWebhookSecret();
  const graceUntil = new Date(context.now.getTime() + graceHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await rotateEndpointSecret(trx, endpointId, secret, graceUntil, context.now);
    await recordAudit(trx, {
      at: context.now,
      actorUserId: context.actorUserId,
      action: "webhook.secret_rotated",
      subjectType: "webhook_endpoint",
      subjectId: endpointId,
      details: { previousSecretUntil: graceUntil.toISOString() },
    });
  });
  return secret;
}

/** Queues a « webhook.test » event for this subscriber only. */
export async function sendTestEvent(db: Db, endpointId: string, now: Date): Promise<string> {
  const id = newEventId();
  await insertDeliveries(db, { id, type: TEST_EVENT, body: eventBody(TEST_EVENT, { endpoint_id: endpointId }, now), at: now }, { endpointId });
  return id;
}

export async function removeEndpoint(db: Db, endpoint: { id: string; name: string; url: string }, context: ActionContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteEndpoint(trx, endpoint.id);
    await recordAudit(trx, {
      at: context.now,
      actorUserId: context.actorUserId,
      action: "webhook.deleted",
      subjectType: "webhook_endpoint",
      subjectId: endpoint.id,
      details: { name: endpoint.name, url: endpoint.url },
    });
  });
}
