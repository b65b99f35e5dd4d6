// Builds the network view: each advisor in the viewer's scope with places, weekly hours, training periods
// and activity, filtered and grouped as the URL asks.
import type { Db } from "../../db/schema.ts";
import { canSeeAdvisor } from "../agenda/agenda.policy.ts";
import { loadAgendaActor } from "../agenda/agenda.service.ts";
import type { Viewer } from "../auth/viewer.ts";
import { toParis } from "../calendar/paris-time.ts";
import type { NetworkScope } from "./network.policy.ts";
import { epciNames, lastActivities, listAdvisorRecords, listPermanenceRecords, listTrainingAbsences, type PermanenceRecord } from "./network.repository.ts";
import {
  advisorWeeklyMinutes,
  currentTrainingPhrases,
  isActive,
  isValidOn,
  latestDate,
  mainPlaceId,
  type PermanenceHours,
  type TrainingPeriod,
} from "./network.ts";
import { type AdvisorGroup, type AdvisorLine, applyFilter, groupAdvisors, type NetworkFilter, type Totals, totalsOf } from "./network-view.ts";

export interface NetworkModel {
  today: string;
  groups: AdvisorGroup[];
  totals: Totals;
  /** The EPCIs met in the viewer's scope, for the filter. */
  epcis: { code: string; name: string }[];
  hasAdvisorsWithoutEpci: boolean;
}

function hoursOf(p: PermanenceRecord): PermanenceHours {
  return {
    placeId: p.place_id,
    weekdays: p.weekdays,
    startTime: p.start_time,
    endTime: p.end_time,
    everyWeeks: p.every_weeks,
    validFrom: p.valid_from,
    validTo: p.valid_to,
  };
}

type AbsenceRecord = Awaited<ReturnType<typeof listTrainingAbsences>>[number];

function trainingOf(a: AbsenceRecord): TrainingPeriod {
  if (a.starts_at !== null && a.ends_at !== null) {
    // Dated absences end at an exclusive instant (midnight after the last day).
    return { type: "dated", from: toParis(a.starts_at).date, to: toParis(new Date(a.ends_at.getTime() - 1)).date };
  }
  return {
    type: "weekly",
    weekdays: a.weekdays ?? [],
    startTime: a.start_time,
    endTime: a.end_time,
    validFrom: a.valid_from ?? "1970-01-01",
    validTo: a.valid_to,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

/** Every advisor of the scope as a line of the table, before filters. */
export async function advisorLines(db: Db, viewer: Viewer, scope: NetworkScope, now: Date): Promise<{ today: string; lines: AdvisorLine[] }> {
  const today = toParis(now).date;
  const advisors = await listAdvisorRecords(db, scope.kind === "network" ? null : scope.structureIds);
  const ids = advisors.map((a) => a.id);
  const [permanences, absences, last, epcis, agendaActor] = await Promise.all([
    listPermanenceRecords(db, ids),
    listTrainingAbsences(db, ids),
    lastActivities(db, ids, today, now),
    epciNames(db),
    loadAgendaActor(db, viewer),
  ]);
  const permanencesOf = groupBy(permanences, (p) => p.advisor_id);
  const absencesOf = groupBy(absences, (a) => a.advisor_id);
  const lines = advisors.map((a): AdvisorLine => {
    const own = (permanencesOf.get(a.id) ?? []).filter((p) => isValidOn({ validFrom: p.valid_from, validTo: p.valid_to }, today));
    const hours = own.map(hoursOf);
    const main = mainPlaceId(hours, today);
    const epciCode = own.find((p) => p.place_id === main)?.epci_code ?? a.structure_epci;
    const places = [...new Map(own.map((p) => [p.place_id, { id: p.place_id, name: p.place_name, communeName: p.commune_name }])).values()];
    const appointment = last.appointments.get(a.id);
    const workshop = last.workshops.get(a.id);
    const lastActivity = latestDate([
      last.reports.get(a.id) ?? null,
      appointment ? toParis(appointment).date : null,
      workshop ? toParis(workshop).date : null,
    ]);
    return {
      id: a.id,
      firstName: a.first_name,
      lastName: a.last_name,
      structureId: a.structure_id,
      structureName: a.structure_name,
      structureKind: a.structure_kind,
      epciCode,
      epciName: epciCode ? (epcis.get(epciCode) ?? epciCode) : null,
      places,
      weeklyMinutes: advisorWeeklyMinutes(hours, today),
      training: currentTrainingPhrases((absencesOf.get(a.id) ?? []).map(trainingOf), today),
      lastActivity,
      active: isActive(lastActivity, today),
      agendaHref: canSeeAdvisor(agendaActor, { id: a.id, structureId: a.structure_id }) ? `/agenda?conseiller=${a.id}` : null,
    };
  });
  return { today, lines };
}

export async function networkModel(db: Db, viewer: Viewer, scope: NetworkScope, filter: NetworkFilter, now: Date): Promise<NetworkModel> {
  const { today, lines } = await advisorLines(db, viewer, scope, now);
  const kept = applyFilter(lines, filter);
  const epcis = new Map<string, string>();
  for (const a of lines) if (a.epciCode) epcis.set(a.epciCode, a.epciName ?? a.epciCode);
  return {
    today,
    groups: groupAdvisors(kept, filter.par),
    totals: totalsOf(kept),
    epcis: [...epcis].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, "fr")),
    hasAdvisorsWithoutEpci: lines.some((a) => a.epciCode === null),
  };
}
