// The coordinators' work log (national coordination model), pure part: kinds, the form's check with
// French errors, the period filter and the totals by kind.

import { isCalendarDate } from "../calendar/calendar-date.ts";
import { addDays } from "../calendar/paris-time.ts";
import type { CoordinationEventsTable } from "./network.table.ts";

export type CoordinationKind = CoordinationEventsTable["kind"];

export const COORDINATION_KINDS: Record<CoordinationKind, string> = {
  "reunion-reseau": "Réunion de réseau",
  evenement: "Événement",
  partenariat: "Partenariat",
  formation: "Formation",
  autre: "Autre",
};

export const KIND_CODES = Object.keys(COORDINATION_KINDS) as CoordinationKind[];

export function isCoordinationKind(value: string): value is CoordinationKind {
  return Object.hasOwn(COORDINATION_KINDS, value);
}

/** The form as typed: strings, kept as they are to re-render the form with its errors. */
export interface CoordinationForm {
  date: string;
  kind: string;
  title: string;
  duration_minutes: string;
  participants_count: string;
  partners: string;
  commune_code: string;
  notes: string;
}

export interface CoordinationInput {
  date: string;
  kind: CoordinationKind;
  title: string;
  durationMinutes: number | null;
  participantsCount: number | null;
  partners: string | null;
  communeCode: string | null;
  notes: string | null;
}

export const LIMITS = { title: 200, partners: 1000, notes: 5000, durationMinutes: 10_000, participants: 100_000, daysAhead: 365 } as const;
const EARLIEST = "2000-01-01";

export function blankCoordinationForm(today: string): CoordinationForm {
  return { date: today, kind: "", title: "", duration_minutes: "", participants_count: "", partners: "", commune_code: "", notes: "" };
}

export function readCoordinationForm(body: Record<string, string | string[] | undefined>): CoordinationForm {
  const field = (name: keyof CoordinationForm) => {
    const value = body[name];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  return {
    date: field("date").trim(),
    kind: field("kind").trim(),
    title: field("title").trim(),
    duration_minutes: field("duration_minutes").trim(),
    participants_count: field("participants_count").trim(),
    partners: field("partners").trim(),
    commune_code: field("commune_code").trim().toUpperCase(),
    notes: field("notes").replace(/\r\n/g, "\n").trim(),
  };
}


/** An optional whole number within [min, max]: null when empty, NaN when wrong. */
function optionalInteger(text: string, min: number, max: number): number | null {
  if (text === "") return null;
  if (!/^\d{1,7}$/.test(text.replace(/\s/g, ""))) return Number.NaN;
  const n = Number(text.replace(/\s/g, ""));
  return n >= min && n <= max ? n : Number.NaN;
}

/** Checks the form; returns the clean input, or French errors by field (the form keeps what was typed). */
export function checkCoordinationEvent(
  form: CoordinationForm,
  options: { today: string },
): { input: CoordinationInput; errors: null } | { input: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (form.date === "") errors.date = "Indiquez la date.";
  else if (!isCalendarDate(form.date)) errors.date = "Indiquez une date valide, par exemple 2027-03-15.";
  else if (form.date < EARLIEST) errors.date = "La date doit être après le 1er janvier 2000.";
  else if (form.date > addDays(options.today, LIMITS.daysAhead)) errors.date = "La date doit être dans l'année qui vient au plus tard.";
  if (!isCoordinationKind(form.kind)) errors.kind = "Choisissez le type d'action.";
  if (form.title === "") errors.title = "Indiquez un titre.";
  else if (form.title.length > LIMITS.title) errors.title = `Le titre ne doit pas dépasser ${LIMITS.title} caractères.`;
  const duration = optionalInteger(form.duration_minutes, 1, LIMITS.durationMinutes);
  if (Number.isNaN(duration)) errors.duration_minutes = `Indiquez la durée en minutes, un nombre entier de 1 à ${LIMITS.durationMinutes}.`;
  const participants = optionalInteger(form.participants_count, 0, LIMITS.participants);
  if (Number.isNaN(participants)) errors.participants_count = "Indiquez le nombre de participants, un nombre entier (0 ou plus).";
  if (form.partners.length > LIMITS.partners) errors.partners = `La liste des partenaires ne doit pas dépasser ${LIMITS.partners} caractères.`;
  if (form.commune_code !== "" && !/^(\d{5}|2[AB]\d{3})$/.test(form.commune_code)) {
    errors.commune_code = "Le code INSEE de la commune a 5 caractères, par exemple 47001 pour Agen.";
  }
  if (form.notes.length > LIMITS.notes) errors.notes = `Les notes ne doivent pas dépasser ${LIMITS.notes} caractères.`;
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      date: form.date,
      kind: form.kind as CoordinationKind,
      title: form.title,
      durationMinutes: duration,
      participantsCount: participants,
      partners: form.partners || null,
      communeCode: form.commune_code || null,
      notes: form.notes || null,
    },
    errors: null,
  };
}

/** The stored columns of an entry, as the table names them. */
export interface CoordinationColumns {
  date: string;
  kind: CoordinationKind;
  title: string;
  duration_minutes: number | null;
  participants_count: number | null;
  partners: string | null;
  commune_code: string | null;
  notes: string | null;
}

export function columnsOf(input: CoordinationInput): CoordinationColumns {
  return {
    date: input.date,
    kind: input.kind,
    title: input.title,
    duration_minutes: input.durationMinutes,
    participants_count: input.participantsCount,
    partners: input.partners,
    commune_code: input.communeCode,
    notes: input.notes,
  };
}

export function formOf(row: CoordinationColumns): CoordinationForm {
  return {
    date: row.date,
    kind: row.kind,
    title: row.title,
    duration_minutes: row.duration_minutes === null ? "" : String(row.duration_minutes),
    participants_count: row.participants_count === null ? "" : String(row.participants_count),
    partners: row.partners ?? "",
    commune_code: row.commune_code ?? "",
    notes: row.notes ?? "",
  };
}

/** The list's filter: a period (both ends optional, inclusive) and a kind. */
export interface JournalFilter {
  from: string;
  to: string;
  kind: CoordinationKind | "";
  page: number;
}

/**
 * Without any parameter the list shows the current calendar year; a submitted form with empty dates
 * means « all dates ». Wrong dates are ignored rather than refused, so a shared link never breaks.
 */
export function readJournalFilter(query: Record<string, string | undefined>, today: string): JournalFilter {
  const submitted = "du" in query || "au" in query || "type" in query;
  const date = (value: string | undefined) => (value && isCalendarDate(value) ? value : "");
  const page = Number(query.page);
  return {
    from: submitted ? date(query.du) : `${today.slice(0, 4)}-01-01`,
    to: submitted ? date(query.au) : `${today.slice(0, 4)}-12-31`,
    kind: query.type && isCoordinationKind(query.type) ? query.type : "",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export interface KindTotal {
  kind: CoordinationKind;
  events: number;
  minutes: number;
  participants: number;
}

/** Totals for every kind, in the order of the kinds, zeros included, and the overall total. */
export function totalsByKind(rows: readonly { kind: string; events: number; minutes: number; participants: number }[]): {
  byKind: KindTotal[];
  all: Omit<KindTotal, "kind">;
} {
  const byKind = KIND_CODES.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, events: row?.events ?? 0, minutes: row?.minutes ?? 0, participants: row?.participants ?? 0 };
  });
  const all = byKind.reduce((s, k) => ({ events: s.events + k.events, minutes: s.minutes + k.minutes, participants: s.participants + k.participants }), {
    events: 0,
    minutes: 0,
    participants: 0,
  });
  return { byKind, all };
}
