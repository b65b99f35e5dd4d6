// A slot id says everything needed to book it back: base64url of
// `advisorId|placeId|startISO|durationMinutes|kindId`. It is not a secret and needs no signature: the
// booking API parses it, then recomputes the slots of that day and accepts it only if still offered.
import { DURATION_MAX_MINUTES, DURATION_MIN_MINUTES } from "./booking.ts";

export interface SlotKey {
  advisorId: string;
  placeId: string;
  start: Date;
  durationMinutes: number;
  kindId: string;
}

export function encodeSlotId(key: SlotKey): string {
  const raw = [key.advisorId, key.placeId, key.start.toISOString(), String(key.durationMinutes), key.kindId].join("|");
  return Buffer.from(raw, "utf8").toString("base64url");
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID_PART = /^[^|\s]{1,100}$/;

/** The key of a slot id, or null when it is not one this code could have produced. */
export function parseSlotId(id: string): SlotKey | null {
  if (id.length === 0 || id.length > 600 || !BASE64URL.test(id)) return null;
  const parts = Buffer.from(id, "base64url").toString("utf8").split("|");
  if (parts.length !== 5) return null;
  const [advisorId, placeId, startIso, duration, kindId] = parts as [string, string, string, string, string];
  if (!ID_PART.test(advisorId) || !ID_PART.test(placeId) || !ID_PART.test(kindId)) return null;
  if (!ISO_INSTANT.test(startIso)) return null;
  const start = new Date(startIso);
  if (Number.isNaN(start.getTime()) || start.toISOString() !== startIso) return null;
  if (!/^\d{2,3}$/.test(duration)) return null;
  const durationMinutes = Number(duration);
  if (durationMinutes < DURATION_MIN_MINUTES || durationMinutes > DURATION_MAX_MINUTES) return null;
  const key = { advisorId, placeId, start, durationMinutes, kindId };
  // Only the canonical spelling is accepted, so one slot has exactly one id.
  return encodeSlotId(key) === id ? key : null;
}
