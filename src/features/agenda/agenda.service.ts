// Use cases of the agenda: who is asking, whose agenda they see, and the days of that agenda.

import type { Selectable } from "kysely";
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import type { Viewer } from "../auth/viewer.ts";
import { type Absence, absenceIntervals } from "../booking/absences.ts";
import type { AbsencesTable } from "../booking/booking.table.ts";
import { ABSENCE_KINDS, type AbsenceKind } from "../booking/booking.ts";
import { frenchHolidays } from "../calendar/french-holidays.ts";
import { occurrences, PERMANENCE_MODES, type PermanenceMode } from "../permanences/permanence.ts";
import { type AgendaActor, canSeeAdvisor, canUseAgenda, isNetworkWide, managedStructureIds, seesFullNames } from "./agenda.policy.ts";
import {
  type AdvisorSummary,
  findAdvisor,
  findAdvisorIdsOfUser,
  listAbsences,
  listAdvisors,
  listAppointments,
  listPermanences,
  listWorkshops,
} from "./agenda.repository.ts";
import {
  type AbsenceSpan,
  type AgendaDay,
  type AgendaEntry,
  type AgendaRange,
  buildDays,
  type ContextSpan,
  personLabel,
  rangeDates,
  rangeInstants,
} from "./agenda.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string | undefined): text is string {
  return text !== undefined && UUID.test(text);
}

export async function loadAgendaActor(db: Db, viewer: Viewer): Promise<AgendaActor> {
  const isAdvisor = viewer.roles.some((r) => r.role === "advisor");
  return { userId: viewer.userId, roles: viewer.roles, advisorIds: isAdvisor ? await findAdvisorIdsOfUser(db, viewer.userId) : [] };
}

/** The actor, or 403 when their account has no agenda to see. */
export async function requireAgendaActor(db: Db, viewer: Viewer): Promise<AgendaActor> {
  const actor = await loadAgendaActor(db, viewer);
  if (!canUseAgenda(actor)) throw new HttpError("forbidden");
  return actor;
}

export type AdvisorChoice = { kind: "advisor"; advisor: AdvisorSummary } | { kind: "pick"; advisors: AdvisorSummary[] };

/**
 * Whose agenda: `?conseiller=<id>` when the actor may see that advisor (404 otherwise: ids cannot be
 * probed), else the actor's own, else a list to pick from for managers and coordinators.
 */
export async function chooseAdvisor(db: Db, actor: AgendaActor, requested: string | undefined): Promise<AdvisorChoice> {
  if (requested !== undefined && requested !== "") {
    const advisor = isUuid(requested) ? await findAdvisor(db, requested) : undefined;
    if (!advisor || !canSeeAdvisor(actor, advisor)) throw new HttpError("not_found");
    return { kind: "advisor", advisor };
  }
  const own = actor.advisorIds[0];
  if (own !== undefined) {
    const advisor = await findAdvisor(db, own);
    if (advisor) return { kind: "advisor", advisor };
  }
  const advisors = await listAdvisors(db, isNetworkWide(actor) ? { all: true } : { all: false, structureIds: managedStructureIds(actor), advisorIds: [] });
  return { kind: "pick", advisors };
}

export function absenceOf(row: Selectable<AbsencesTable>): Absence {
  if (row.starts_at !== null && row.ends_at !== null) return { type: "once", kind: row.kind, start: row.starts_at, end: row.ends_at };
  return {
    type: "weekly",
    kind: row.kind,
    weekdays: row.weekdays ?? [],
    startTime: row.start_time,
    endTime: row.end_time,
    validFrom: row.valid_from ?? "1970-01-01",
    validTo: row.valid_to,
  };
}

export function absenceLabel(kind: AbsenceKind, label: string | null): string {
  return label ? `${ABSENCE_KINDS[kind]} : ${label}` : ABSENCE_KINDS[kind];
}

export interface AgendaModel {
  advisor: AdvisorSummary;
  range: AgendaRange;
  days: AgendaDay[];
  isOwn: boolean;
}

export async function agendaModel(db: Db, actor: AgendaActor, advisor: AdvisorSummary, range: AgendaRange, departement: string): Promise<AgendaModel> {
  const dates = rangeDates(range);
  const first = dates[0]!;
  const last = dates.at(-1)!;
  const { from, to } = rangeInstants(range);
  const full = seesFullNames(actor, advisor.id);
  const [appointments, workshops, permanences, absences] = await Promise.all([
    listAppointments(db, advisor.id, from, to),
    listWorkshops(db, advisor.id, from, to),
    listPermanences(db, advisor.id),
    listAbsences(db, advisor.id),
  ]);
  const holidays = new Map<string, string>();
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    for (const h of frenchHolidays(year, departement)) if (h.date >= first && h.date <= last) holidays.set(h.date, h.name);
  }
  const entries: AgendaEntry[] = [
    ...appointments.map(
      (a): AgendaEntry => ({
        type: "appointment",
        id: a.id,
        start: a.startsAt,
        end: a.endsAt,
        title: personLabel(a.firstName, a.lastName, full),
        detail: a.kindName,
        place: a.placeName,
        status: a.status,
      }),
    ),
    ...workshops.map(
      (w): AgendaEntry => ({
        type: "workshop",
        id: w.id,
        start: w.startsAt,
        end: w.endsAt,
        title: w.title,
        detail: `${w.registered} inscrit${w.registered > 1 ? "s" : ""} sur ${w.capacity} places`,
        place: w.isRemote ? "À distance" : w.placeName,
        status: w.cancelledAt ? "workshop_cancelled" : "workshop",
      }),
    ),
  ];
  const holidaySet = new Set(holidays.keys());
  const permanenceSpans: ContextSpan[] = permanences.flatMap((p) =>
    occurrences(
      {
        weekdays: p.weekdays,
        startTime: p.start_time,
        endTime: p.end_time,
        everyWeeks: p.every_weeks,
        validFrom: p.valid_from,
        validTo: p.valid_to,
        cancelledDates: p.cancelled_dates,
      },
      first,
      last,
      holidaySet,
    ).map((o) => ({ start: o.start, end: o.end, label: `${p.placeName} (${PERMANENCE_MODES[p.mode as PermanenceMode].toLowerCase()})` })),
  );
  const absenceSpans: AbsenceSpan[] = absences.flatMap((row) =>
    absenceIntervals([absenceOf(row)], first, last).map((i) => ({
      start: new Date(i.start),
      end: new Date(i.end),
      kind: row.kind,
      label: absenceLabel(row.kind, row.label),
    })),
  );
  const days = buildDays(dates, { entries, permanences: permanenceSpans, absences: absenceSpans, holidays });
  return { advisor, range, days, isOwn: actor.advisorIds.includes(advisor.id) };
}
