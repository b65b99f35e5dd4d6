// Deletes what is no longer needed: throttle records, dead sign-in links, expired sessions.
// Idempotent, so every instance may run it.
import type { Db } from "../db/schema.ts";

export const THROTTLE_RECORDS_KEPT_MS = 24 * 3_600_000;
export const DEAD_LINKS_KEPT_MS = 24 * 3_600_000;

export interface HousekeepingReport {
  signInRequests: number;
  signInTokens: number;
  sessions: number;
  /** Public bookings whose client-address hash was dropped (kept only for the hourly limit). */
  bookingAddresses: number;
}

export async function runHousekeeping(db: Db, now: Date): Promise<HousekeepingReport> {
  const requests = await db
    .deleteFrom("sign_in_requests")
    .where("created_at", "<", new Date(now.getTime() - THROTTLE_RECORDS_KEPT_MS))
    .executeTakeFirst();
  const tokens = await db
    .deleteFrom("sign_in_tokens")
    .where("expires_at", "<", new Date(now.getTime() - DEAD_LINKS_KEPT_MS))
    .executeTakeFirst();
  const sessions = await db.deleteFrom("sessions").where("expires_at", "<", now).executeTakeFirst();
  const addresses = await db
    .updateTable("appointments")
    .set({ booked_ip_hash: null })
    .where("booked_ip_hash", "is not", null)
    .where("created_at", "<", new Date(now.getTime() - THROTTLE_RECORDS_KEPT_MS))
    .executeTakeFirst();
  return {
    bookingAddresses: Number(addresses.numUpdatedRows),
    signInRequests: Number(requests.numDeletedRows),
    signInTokens: Number(tokens.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
  };
}

/** Runs a job now and then every intervalMs, without keeping the process alive. */
export function every(intervalMs: number, job: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  const run = () => void job().catch(onError);
  const first = setTimeout(run, 1000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
