// The workshop form of the back office (one-off workshop or weekly series): reading the posted fields and
// checking them. Pure: the choices allowed (places, advisors) and the minimum capacity come from the caller.

import { THEMES } from "../../activities/taxonomy.ts";
import type { WorkshopLevel } from "../../booking/booking.table.ts";
import { isCalendarDate } from "../../calendar/calendar-date.ts";
import { parisToInstant } from "../../calendar/paris-time.ts";
import { LEVELS } from "../workshops.ts";

export type FormKind = "workshop" | "series";

export interface WorkshopFormValues {
  structure_id: string;
  advisor_id: string;
  title: string;
  themes: string[];
  level: string;
  description: string;
  mode: string; // "place" | "remote"
  place_id: string;
  video_url: string;
  date: string;
  weekday: string;
  every_weeks: string;
  valid_from: string;
  valid_to: string;
  start_time: string;
  end_time: string;
  capacity: string;
  visibility: string; // "public" | "reserved"
}

export interface FormChoices {
  placeIds: readonly string[];
  advisorIds: readonly string[];
  /** Seats already held: the capacity cannot go below. */
  minCapacity: number;
  /** A dated workshop of a series keeps its date and times (the series would create it again otherwise). */
  fixedSchedule?: { date: string; start_time: string; end_time: string };
}

export interface WorkshopCommonValues {
  structure_id: string;
  advisor_id: string | null;
  title: string;
  themes: string[];
  level: WorkshopLevel;
  description: string | null;
  place_id: string | null;
  is_remote: boolean;
  video_url: string | null;
  capacity: number;
  is_public: boolean;
}

export type ValidWorkshop =
  | { kind: "workshop"; common: WorkshopCommonValues; startsAt: Date; endsAt: Date }
  | { kind: "series"; common: WorkshopCommonValues; weekday: number; startTime: string; endTime: string; everyWeeks: number; validFrom: string; validTo: string | null };

export const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;

type RawForm = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

function all(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter((v) => v !== "");
}

const FIELDS = ["structure_id", "advisor_id", "title", "level", "description", "mode", "place_id", "video_url", "date", "weekday", "every_weeks", "valid_from", "valid_to", "start_time", "end_time", "capacity", "visibility"] as const;

export function readWorkshopForm(body: RawForm): WorkshopFormValues {
  const values = Object.fromEntries(FIELDS.map((f) => [f, first(body[f])])) as Omit<WorkshopFormValues, "themes">;
  return { ...values, themes: all(body.themes) };
}

export function blankWorkshopForm(structureId = ""): WorkshopFormValues {
  return {
    structure_id: structureId,
    advisor_id: "",
    title: "",
    themes: [],
    level: "debutant",
    description: "",
    mode: "place",
    place_id: "",
    video_url: "",
    date: "",
    weekday: "",
    every_weeks: "1",
    valid_from: "",
    valid_to: "",
    start_time: "",
    end_time: "",
    capacity: "10",
    visibility: "public",
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const THEME_CODES = new Set<string>(THEMES.map((t) => t.code));


function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

export function validateWorkshopForm(kind: FormKind, v: WorkshopFormValues, choices: FormChoices): { value: ValidWorkshop | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (v.structure_id === "") errors.structure_id = "Choisissez la structure qui organise l'atelier.";
  if (v.advisor_id !== "" && !choices.advisorIds.includes(v.advisor_id)) errors.advisor_id = "Choisissez un animateur de cette structure.";
  if (v.title === "") errors.title = "Indiquez le titre de l'atelier.";
  else if (v.title.length > 120) errors.title = "Le titre ne doit pas dépasser 120 caractères.";
  if (v.themes.length === 0 || v.themes.some((t) => !THEME_CODES.has(t))) errors.themes = "Choisissez au moins un thème.";
  if (!Object.hasOwn(LEVELS, v.level)) errors.level = "Choisissez le niveau.";
  if (v.description.length > 2000) errors.description = "La description ne doit pas dépasser 2 000 caractères.";
  const remote = v.mode === "remote";
  if (v.mode !== "place" && !remote) errors.mode = "Indiquez si l'atelier a lieu dans un lieu ou à distance.";
  if (v.mode === "place" && !choices.placeIds.includes(v.place_id)) errors.place_id = "Choisissez un lieu de la structure.";
  if (remote && !isHttpsUrl(v.video_url)) errors.video_url = "Indiquez l'adresse de la visioconférence, qui commence par https://.";
  if (kind === "workshop") {
    if (!isCalendarDate(v.date)) errors.date = "Indiquez la date au format jj/mm/aaaa.";
  } else {
    if (!/^[1-7]$/.test(v.weekday)) errors.weekday = "Choisissez le jour de la semaine.";
    if (!/^[1-9]$/.test(v.every_weeks)) errors.every_weeks = "Indiquez un nombre de semaines entre 1 et 9.";
    if (!isCalendarDate(v.valid_from)) errors.valid_from = "Indiquez la date de début au format jj/mm/aaaa.";
    if (v.valid_to !== "" && !isCalendarDate(v.valid_to)) errors.valid_to = "Indiquez la date de fin au format jj/mm/aaaa.";
    else if (v.valid_to !== "" && isCalendarDate(v.valid_from) && v.valid_to < v.valid_from) errors.valid_to = "La date de fin doit suivre la date de début.";
  }
  if (!TIME.test(v.start_time)) errors.start_time = "Indiquez l'heure de début, par exemple 14:00.";
  if (!TIME.test(v.end_time)) errors.end_time = "Indiquez l'heure de fin, par exemple 16:00.";
  else if (TIME.test(v.start_time) && v.end_time <= v.start_time) errors.end_time = "L'heure de fin doit suivre l'heure de début.";
  const fixed = choices.fixedSchedule;
  if (fixed && (v.date !== fixed.date || v.start_time !== fixed.start_time || v.end_time !== fixed.end_time)) {
    errors.date ??= "Cet atelier fait partie d'un atelier régulier : sa date et ses heures ne peuvent pas changer. Annulez-le et créez un atelier ponctuel.";
  }
  const capacity = /^\d{1,3}$/.test(v.capacity) ? Number(v.capacity) : Number.NaN;
  if (!(capacity >= 1 && capacity <= 500)) errors.capacity = "Indiquez un nombre de places entre 1 et 500.";
  else if (capacity < choices.minCapacity) errors.capacity = `${choices.minCapacity} personnes sont déjà inscrites : le nombre de places ne peut pas être plus petit.`;
  if (v.visibility !== "public" && v.visibility !== "reserved") errors.visibility = "Indiquez si l'atelier est ouvert au public.";
  if (Object.keys(errors).length > 0) return { value: null, errors };
  const common: WorkshopCommonValues = {
    structure_id: v.structure_id,
    advisor_id: v.advisor_id === "" ? null : v.advisor_id,
    title: v.title,
    themes: v.themes,
    level: v.level as WorkshopLevel,
    description: v.description === "" ? null : v.description,
    place_id: remote ? null : v.place_id,
    is_remote: remote,
    video_url: remote ? v.video_url : null,
    capacity,
    is_public: v.visibility === "public",
  };
  if (kind === "workshop") {
    return { value: { kind, common, startsAt: parisToInstant(v.date, v.start_time), endsAt: parisToInstant(v.date, v.end_time) }, errors };
  }
  const series = { weekday: Number(v.weekday), startTime: v.start_time, endTime: v.end_time, everyWeeks: Number(v.every_weeks), validFrom: v.valid_from, validTo: v.valid_to === "" ? null : v.valid_to };
  return { value: { kind, common, ...series }, errors };
}
