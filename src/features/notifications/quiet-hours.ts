// No SMS at night: between 20:00 and 08:00 Paris time a text message waits until 08:00 the next morning.
import { addDays, parisToInstant, toParis } from "../calendar/paris-time.ts";

export const QUIET_FROM = "20:00";
export const QUIET_UNTIL = "08:00";

/** The earliest instant at or after `at` when an SMS may be sent (unchanged outside quiet hours). */
export function outsideQuietHours(at: Date): Date {
  const { date, time } = toParis(at);
  if (time >= QUIET_UNTIL && time < QUIET_FROM) return at;
  const morning = time < QUIET_UNTIL ? date : addDays(date, 1);
  return parisToInstant(morning, QUIET_UNTIL);
}

export function isQuietHour(at: Date): boolean {
  return outsideQuietHours(at).getTime() !== at.getTime();
}
