// The motif form: reading the posted fields and checking them with the booking rules (checkAppointmentKind).
import {
  APPOINTMENT_LOCATIONS,
  type AppointmentKind,
  type AppointmentLocation,
  BOOKABLE_BY,
  type BookableBy,
  checkAppointmentKind,
  DEFAULT_EARLIEST_MINUTES,
  DEFAULT_LATEST_MONTHS,
} from "../booking/booking.ts";
import type { KindValues } from "./kinds.repository.ts";

export interface KindFormValues {
  name: string;
  duration_minutes: string;
  location: string;
  bookable_by: string;
  earliest_minutes: string;
  latest_months: string;
  active: boolean;
}

const FIELDS: Record<keyof AppointmentKind, keyof KindFormValues> = {
  id: "name",
  name: "name",
  durationMinutes: "duration_minutes",
  location: "location",
  bookableBy: "bookable_by",
  earliestMinutes: "earliest_minutes",
  latestMonths: "latest_months",
};

type RawForm = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function readKindForm(body: RawForm): KindFormValues {
  return {
    name: first(body.name),
    duration_minutes: first(body.duration_minutes),
    location: first(body.location),
    bookable_by: first(body.bookable_by),
    earliest_minutes: first(body.earliest_minutes),
    latest_months: first(body.latest_months),
    active: first(body.active) === "1",
  };
}

function integer(text: string): number {
  return /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
}

export function validateKindForm(values: KindFormValues): { input: KindValues | null; errors: Record<string, string> } {
  const kind: AppointmentKind = {
    id: "",
    name: values.name,
    durationMinutes: integer(values.duration_minutes),
    location: values.location as AppointmentLocation,
    bookableBy: values.bookable_by as BookableBy,
    earliestMinutes: integer(values.earliest_minutes),
    latestMonths: integer(values.latest_months),
  };
  const errors: Record<string, string> = {};
  if (values.name.length > 120) errors.name = "Le nom du motif ne doit pas dépasser 120 caractères.";
  for (const problem of checkAppointmentKind(kind)) errors[FIELDS[problem.field]] ??= problem.message;
  if (!Object.hasOwn(APPOINTMENT_LOCATIONS, values.location)) errors.location ??= "Choisissez où a lieu le rendez-vous.";
  if (!Object.hasOwn(BOOKABLE_BY, values.bookable_by)) errors.bookable_by ??= "Choisissez qui peut réserver.";
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const { id: _id, ...rest } = kind;
  return { input: { ...rest, name: kind.name.trim(), active: values.active }, errors: {} };
}

export function blankKindForm(): KindFormValues {
  return {
    name: "",
    duration_minutes: "45",
    location: "place",
    bookable_by: "public",
    earliest_minutes: String(DEFAULT_EARLIEST_MINUTES),
    latest_months: String(DEFAULT_LATEST_MONTHS),
    active: true,
  };
}

export function kindToForm(k: {
  name: string;
  duration_minutes: number;
  location: string;
  bookable_by: string;
  earliest_minutes: number;
  latest_months: number;
  active: boolean;
}): KindFormValues {
  return {
    name: k.name,
    duration_minutes: String(k.duration_minutes),
    location: k.location,
    bookable_by: k.bookable_by,
    earliest_minutes: String(k.earliest_minutes),
    latest_months: String(k.latest_months),
    active: k.active,
  };
}
