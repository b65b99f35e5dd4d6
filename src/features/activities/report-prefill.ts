// « Compléter le compte rendu »: the form filled from an appointment or a workshop, so nothing is typed twice.
// Appointment themes are the booking's « besoins », which booking already stores as taxonomy theme
// codes (booking-details.ts pickThemes reads THEMES): the mapping is the identity, unknown codes dropped.
import { toParis } from "../calendar/paris-time.ts";
import { durationFields, type ReportFormValues } from "./report-form.ts";
import { ageBandFromBirthYear, COLLECTIVE_LEVELS, isCodeOf, THEMES } from "./taxonomy.ts";

export interface AppointmentSource {
  placeId: string | null;
  startsAt: Date;
  endsAt: Date;
  birthYear: number | null;
  communeCode: string | null;
  themes: string[];
  location: "place" | "phone" | "video" | "home";
}

export interface WorkshopSource {
  title: string;
  level: string;
  themes: string[];
  placeId: string | null;
  isRemote: boolean;
  startsAt: Date;
  endsAt: Date;
  attendedCount: number;
}

function minutesBetween(start: Date, end: Date): number {
  return Math.max(1, Math.round((end.getTime() - start.getTime()) / 60_000));
}

/** Theme codes in the taxonomy's order; anything else is dropped. */
export function themeCodes(values: readonly string[]): string[] {
  return THEMES.map((t) => t.code).filter((code) => values.includes(code));
}

export function fromAppointment(base: ReportFormValues, a: AppointmentSource, communeText: (code: string | null) => string): ReportFormValues {
  const place: Partial<ReportFormValues> =
    a.location === "phone" || a.location === "video"
      ? { placeType: "a-distance", placeId: "", communeCode: "" }
      : a.location === "home"
        ? { placeType: "domicile", placeId: "", communeCode: communeText(a.communeCode) }
        : a.placeId
          ? { placeType: "lieu-activite", placeId: a.placeId, communeCode: "" }
          : {};
  const ageBand = ageBandFromBirthYear(a.birthYear, a.startsAt);
  return {
    ...base,
    type: "individuel",
    date: toParis(a.startsAt).date,
    ...place,
    ...durationFields(minutesBetween(a.startsAt, a.endsAt)),
    themes: themeCodes(a.themes),
    ageBand: ageBand === "non-communique" ? "" : ageBand,
    residenceCommuneCode: communeText(a.communeCode),
  };
}

export function fromWorkshop(base: ReportFormValues, w: WorkshopSource): ReportFormValues {
  return {
    ...base,
    type: "collectif",
    title: w.title,
    level: isCodeOf(COLLECTIVE_LEVELS, w.level) ? w.level : "",
    themes: themeCodes(w.themes),
    ...(w.isRemote ? { placeType: "a-distance", placeId: "", communeCode: "" } : w.placeId ? { placeType: "lieu-activite", placeId: w.placeId, communeCode: "" } : {}),
    date: toParis(w.startsAt).date,
    ...durationFields(minutesBetween(w.startsAt, w.endsAt)),
    anonymousTotal: w.attendedCount > 0 ? String(w.attendedCount) : "",
  };
}
