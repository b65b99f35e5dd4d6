// Webhooks, pure rules: the events a subscriber can choose and their payloads, the Standard Webhooks
// signature (https://www.standardwebhooks.com), secrets, retries and subscriber URLs.

import { createHmac, randomBytes } from "node:crypto";
import { isPublicAddress, literalAddress } from "./endpoint-address.ts";

/** Event types, with the French label shown to admins. One table, reused by the form and the docs. */
export const WEBHOOK_EVENTS = {
  "appointment.created": "Rendez-vous pris",
  "appointment.cancelled": "Rendez-vous annulé",
  "appointment.honoured": "Rendez-vous honoré",
  "referral.status_changed": "Orientation : changement d'état",
  "commune_request.status_changed": "Demande de commune : changement d'état",
  "workshop_registration.created": "Inscription à un atelier",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_CODES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
/** Sent by « Envoyer un test » to one subscriber, whatever it chose. */
export const TEST_EVENT = "webhook.test";

export function isWebhookEvent(value: string): value is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENTS, value);
}

// Payloads carry ids, states and dates only: never a name, a phone number or an e-mail address.
export interface AppointmentEventData {
  appointment_id: string;
  advisor_id: string;
  place_id: string | null;
  starts_at: string;
  ends_at: string;
  status: string;
}
export interface ReferralStatusChangedData {
  referral_id: string;
  from_status: string;
  to_status: string;
  changed_at: string;
}
export interface CommuneRequestStatusChangedData {
  request_id: string;
  number: number;
  kind: string;
  from_status: string;
  to_status: string;
  changed_at: string;
}
export interface WorkshopRegistrationData {
  registration_id: string;
  workshop_id: string;
  status: "registered" | "waiting";
}
export interface TestEventData {
  endpoint_id: string;
}

export interface WebhookPayloads {
  "appointment.created": AppointmentEventData;
  "appointment.cancelled": AppointmentEventData;
  "appointment.honoured": AppointmentEventData;
  "referral.status_changed": ReferralStatusChangedData;
  "commune_request.status_changed": CommuneRequestStatusChangedData;
  "workshop_registration.created": WorkshopRegistrationData;
  "webhook.test": TestEventData;
}

/** The body of every delivery: the envelope the Standard Webhooks spec recommends. */
export function eventBody<T extends keyof WebhookPayloads>(type: T, data: WebhookPayloads[T], at: Date): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}

export function newEventId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** v1,<base64 HMAC-SHA256 of "id.timestamp.body">, keyed with the base64 part of the whsec_ secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The webhook-signature header: the current secret's signature, and the previous one's during the grace period. */
export function signatureHeader(
  endpoint: { secret: string; previous_secret: string | null; previous_secret_until: Date | null },
  id: string,
  timestamp: number,
  body: string,
  now: Date,
): string {
  const signatures = [signature(endpoint.secret, id, timestamp, body)];
  if (endpoint.previous_secret && endpoint.previous_secret_until && endpoint.previous_secret_until > now) {
    signatures.push(signature(endpoint.previous_secret, id, timestamp, body));
  }
  return signatures.join(" ");
}

/** 10 s, 20 s, 40 s … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type AttemptResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

export function nextStateAfterAttempt(
  result: AttemptResult,
  attempts: number,
  maxAttempts: number,
  now: Date,
): { status: "delivered" | "pending" | "failed"; notBefore: Date } {
  if (result.ok) return { status: "delivered", notBefore: now };
  if (attempts >= maxAttempts) return { status: "failed", notBefore: now };
  return { status: "pending", notBefore: new Date(now.getTime() + retryDelayMs(attempts)) };
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

export const DELIVERY_STATUSES: Record<DeliveryStatus, string> = {
  pending: "En attente",
  delivered: "Livré",
  failed: "Échec",
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * null when the URL is acceptable: https to a public host, or also http / internal addresses to this machine when
 * allowed (development, tests). The worker checks again the address it connects to (endpoint-address.ts).
 */
export function checkEndpointUrl(value: string, allowLocalHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Saisissez une adresse complète, qui commence par https://";
  }
  if (url.username || url.password) return "L'adresse ne doit pas contenir d'identifiant ni de mot de passe.";
  const literal = literalAddress(url.hostname);
  const internal = url.hostname === "localhost" || url.hostname.endsWith(".localhost") || (literal !== null && !isPublicAddress(literal));
  if (internal && !allowLocalHttp) return "Cette adresse désigne une machine du réseau interne : indiquez l'adresse publique du service.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return null;
  return "L'adresse doit commencer par https:// (le secret et les données ne circulent que chiffrés).";
}
