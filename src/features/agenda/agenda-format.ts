// Plain-French wording shared by the agenda views.

import { clockRange } from "../../web/french-format.ts";
import { APPOINTMENT_STATUSES } from "../booking/booking.ts";
import { parisToInstant } from "../calendar/paris-time.ts";
import { formatDay, formatHour } from "../places/availability.ts";
import type { AgendaEntry } from "./agenda.ts";

/** « 9 h – 10 h 30 ». */
export function timeRange(start: Date, end: Date): string {
  return clockRange(formatHour(start), formatHour(end));
}

/** « lundi 7 décembre » for a Paris date. */
export function dayTitle(date: string): string {
  const text = formatDay(parisToInstant(date, "12:00"));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function entryStatus(entry: AgendaEntry): string {
  if (entry.status === "workshop") return "Atelier";
  if (entry.status === "workshop_cancelled") return "Atelier annulé";
  return APPOINTMENT_STATUSES[entry.status];
}

/** Query string keeping the advisor when it is not the viewer's own agenda. */
export function withAdvisor(params: Record<string, string>, advisorId: string | null): string {
  const search = new URLSearchParams(params);
  if (advisorId) search.set("conseiller", advisorId);
  const text = search.toString();
  return text ? `?${text}` : "";
}
