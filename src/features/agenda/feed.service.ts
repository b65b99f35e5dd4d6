// Creating, revoking and reading an advisor's private calendar feed. The token is shown once and only its
// keyed hash is stored: a database leak does not give the feeds away.
import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "../../db/schema.ts";
import { addDays, parisToInstant, toParis } from "../calendar/paris-time.ts";
import { findAdvisor, listAppointments, listWorkshops } from "./agenda.repository.ts";
import { findFeedAdvisor, insertFeed, revokeFeeds } from "./feed.repository.ts";
import { FEED_FUTURE_DAYS, FEED_PAST_DAYS, feedCalendar } from "./feed.ts";

export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function hashToken(secret: string, token: string): string {
  return createHmac("sha256", secret).update(`calendar-feed:${token}`).digest("hex");
}

/** A new feed token for the advisor; any previous one stops working. */
export async function createFeed(db: Db, secret: string, advisorId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await revokeFeeds(trx, advisorId, now);
    await insertFeed(trx, advisorId, hashToken(secret, token), now);
  });
  return token;
}

export async function revokeFeed(db: Db, advisorId: string, now: Date): Promise<void> {
  await revokeFeeds(db, advisorId, now);
}

/** The iCalendar text, or null for an unknown or revoked token. */
export async function feedText(db: Db, secret: string, token: string, ctx: { now: Date; brandName: string; publicUrl: string }): Promise<string | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const advisorId = await findFeedAdvisor(db, hashToken(secret, token));
  if (!advisorId) return null;
  const advisor = await findAdvisor(db, advisorId);
  if (!advisor) return null;
  const today = toParis(ctx.now).date;
  const from = parisToInstant(addDays(today, -FEED_PAST_DAYS), "00:00");
  const to = parisToInstant(addDays(today, FEED_FUTURE_DAYS + 1), "00:00");
  const [appointments, workshops] = await Promise.all([listAppointments(db, advisorId, from, to), listWorkshops(db, advisorId, from, to)]);
  return feedCalendar({
    brandName: ctx.brandName,
    host: new URL(ctx.publicUrl).hostname,
    advisorName: `${advisor.firstName} ${advisor.lastName}`,
    appointments,
    workshops,
    stamp: ctx.now,
  });
}
