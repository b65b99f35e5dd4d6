// The answer to a request in words: what was set up, where, and the next dates, for the request page and
// the commune's e-mail. Pure.

import { clockRange } from "../../web/french-format.ts";
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { PERMANENCE_MODES, upcomingOccurrences } from "../permanences/permanence.ts";
import { describeRule } from "../places/admin/permanence.views.tsx";
import { formatDay, formatHour } from "../places/availability.ts";
import type { PermanenceOutcome, WorkshopOutcome } from "./request-outcomes.repository.ts";

export interface OutcomeView {
  /** « Permanence à la Mairie de Nérac (Nérac) avec Laure Dupuy ». */
  title: string;
  /** The rule in a sentence, for a permanence. */
  rule: string | null;
  /** « mardi 6 avril, 9 h – 12 h », the next ones first. */
  dates: string[];
  /** The public page of the place, when the place is public. */
  placeSlug: string | null;
}

const LOOK_AHEAD_DAYS = 180;
export const DATES_SHOWN = 4;

export function permanenceOutcome(p: PermanenceOutcome, now: Date, departement: string): OutcomeView {
  const today = toParis(now).date;
  const rule = { weekdays: p.weekdays, startTime: p.start_time, endTime: p.end_time, everyWeeks: p.every_weeks, validFrom: p.valid_from, validTo: p.valid_to, cancelledDates: p.cancelled_dates };
  const holidays = holidaySet(today, addDays(today, LOOK_AHEAD_DAYS), departement);
  const next = upcomingOccurrences(rule, now, today, holidays, { limit: DATES_SHOWN, horizonDays: LOOK_AHEAD_DAYS });
  return {
    title: `Permanence à « ${p.place_name} » (${p.commune_name}) avec ${p.advisor_first_name} ${p.advisor_last_name}`,
    rule: `${describeRule(p)}. ${PERMANENCE_MODES[p.mode]}.`,
    dates: next.map((o) => `${formatDay(o.start)}, ${clockRange(formatHour(o.start), formatHour(o.end))}`),
    placeSlug: p.place_is_public ? p.place_slug : null,
  };
}

export function workshopOutcome(workshops: readonly WorkshopOutcome[], now: Date, seriesTitle: string | null): OutcomeView {
  const title = seriesTitle ?? workshops[0]?.title ?? "Atelier";
  const coming = workshops.filter((w) => w.cancelled_at === null && w.ends_at.getTime() > now.getTime());
  const where = (w: WorkshopOutcome) => (w.is_remote ? "à distance" : w.place_name ? `à « ${w.place_name} »` : "");
  return {
    title: `${seriesTitle ? "Ateliers réguliers" : "Atelier"} « ${title} »`,
    rule: null,
    dates: coming.slice(0, DATES_SHOWN).map((w) => `${formatDay(w.starts_at)}, ${clockRange(formatHour(w.starts_at), formatHour(w.ends_at))} ${where(w)}`.trim()),
    placeSlug: null,
  };
}

/** The outcome in one paragraph, for the timeline and the e-mail. */
export function outcomeText(view: OutcomeView): string {
  const lines = [view.title + (view.rule ? ` : ${view.rule}` : ".")];
  if (view.dates.length > 0) lines.push(`Prochaines dates : ${view.dates.join(" ; ")}.`);
  return lines.join("\n");
}
