// The opening_hours library reads dates in the process's local time zone. Every place we serve follows
// Paris clocks (metropolitan France), so the process runs in Europe/Paris whatever the server's setting.
import { PARIS } from "./paris-time.ts";

export function useParisTimeZone(): void {
  if (process.env.TZ !== PARIS) process.env.TZ = PARIS;
}
