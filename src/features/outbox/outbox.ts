// Outbox rules: a message is written in the same transaction as the change that causes it,
// then delivered by a worker, retried with exponential backoff, and never sent twice.
import type { OutboxAttachment, OutboxChannel } from "./outbox.table.ts";

export interface OutgoingMessage {
  idempotencyKey: string;
  channel: OutboxChannel;
  recipient: string;
  subject?: string;
  text: string;
  html?: string;
  attachments?: OutboxAttachment[];
  /** Not sent before this time; also the message's creation time (from the caller's clock). */
  notBefore: Date;
}

export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min … capped at 1 h: a provider outage of a day still delivers. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type DeliveryOutcome =
  | { kind: "sent"; providerId: string | null }
  | { kind: "stored" }
  | { kind: "failed"; error: string; permanent: boolean };

export function nextStateAfterFailure(attempts: number, permanent: boolean, now: Date): { status: "pending" | "failed"; notBefore: Date } {
  if (permanent || attempts >= MAX_ATTEMPTS) return { status: "failed", notBefore: now };
  return { status: "pending", notBefore: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/**
 * The text as stored for its channel: an SMS gets plain spaces for the non-breaking ones of « 14 h 30 »
 * (they are outside the GSM alphabet and would double the cost of the message); e-mails keep them.
 */
export function storedText(channel: OutboxChannel, text: string): string {
  return channel === "sms" ? text.replace(/[\u00a0\u202f]/g, " ") : text;
}
