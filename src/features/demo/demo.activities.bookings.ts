// Reports of the booking demo's past: each attended appointment of the last four weeks gets its report
// (same advisor, day, duration, themes and place), except today's, a good part of last week's and a few
// older ones, left for « Compléter le compte rendu »; each past workshop with attendance gets its
// collective report, with as many anonymous participants as people came. Pure and deterministic.
import type { ActivityPlace, IndividualActivityReport } from "../activities/activity.ts";
import { ADMINISTRATIVE_HELP_THEME, ageBandFromBirthYear, type CollectiveLevel, isCodeOf, THEMES, type Theme } from "../activities/taxonomy.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { BOOKING_WINDOW_DAYS } from "./demo.activities.calendar.ts";
import type { DemoReportDraft } from "./demo.activities.ts";
import * as W from "./demo.activities.weights.ts";
import { anonymousParticipants } from "./demo.activities.workshops.ts";
import { hashString, mulberry32 } from "./demo.data.ts";

/** A past appointment of the booking demo, as read back from the database. */
export interface AppointmentFact {
  id: string;
  advisor: string; // e-mail
  place: string; // slug
  location: "place" | "phone" | "video" | "home";
  start: Date;
  end: Date;
  status: string;
  themes: string[];
  birthYear: number | null;
  communeCode: string | null;
}

/** A past workshop of the booking demo and how many people came. */
export interface WorkshopFact {
  id: string;
  advisor: string;
  place: string | null;
  title: string;
  themes: string[];
  level: CollectiveLevel | null;
  start: Date;
  end: Date;
  attended: number;
}

export interface BookingFacts {
  appointments: readonly AppointmentFact[];
  workshops: readonly WorkshopFact[];
}

function themesOf(codes: readonly string[]): Theme[] {
  const themes = codes.filter((c): c is Theme => isCodeOf(THEMES, c));
  return themes.length > 0 ? themes : ["aide-demarches"];
}

/** Reports of the booking demo's attended appointments and past workshops; recent appointments partly left to complete. */
export function bookingReports(
  input: BookingFacts & { now: Date },
  placeCommune: ReadonlyMap<string, string>,
): { reports: DemoReportDraft[]; toComplete: string[] } {
  const today = toParis(input.now).date;
  const reports: DemoReportDraft[] = [];
  const toComplete: string[] = [];
  const lastWeek = addDays(today, -7);
  for (const a of input.appointments) {
    const date = toParis(a.start).date;
    if (a.status !== "attended" || a.start.getTime() >= input.now.getTime() || date < addDays(today, -BOOKING_WINDOW_DAYS)) continue;
    const rng = mulberry32(hashString(`appointment-report:${a.advisor}:${a.start.toISOString()}`));
    // Today's and a good part of last week's are still to write: « Compléter le compte rendu ».
    if (date >= today || rng() < (date >= lastWeek ? 0.4 : 0.05)) {
      toComplete.push(a.id);
      continue;
    }
    const choice: W.PlaceChoice = a.location === "place" ? "lieu-activite" : a.location === "home" ? "domicile" : "a-distance";
    const home = placeCommune.get(a.place) as string;
    const place: ActivityPlace =
      choice === "lieu-activite" ? { type: choice, placeId: a.place } : choice === "domicile" ? { type: choice, communeCode: a.communeCode ?? home } : { type: choice };
    const profile = W.anonymousProfile(rng);
    const ageBand = a.birthYear === null ? profile.ageBand : ageBandFromBirthYear(a.birthYear, a.start);
    const themes = themesOf(a.themes);
    const report: IndividualActivityReport = {
      type: "individuel",
      date,
      place,
      durationMinutes: Math.round((a.end.getTime() - a.start.getTime()) / 60_000),
      equipment: W.equipment(choice, rng),
      themes,
      procedureAreas: themes.includes(ADMINISTRATIVE_HELP_THEME) ? W.procedureAreas(date, rng) : [],
      notes: null,
      autonomy: W.autonomy(rng),
      orientation: W.orientation(themes, rng),
      beneficiary: {
        kind: "anonymous",
        gender: profile.gender,
        ageBand,
        socialStatus: ageBand === profile.ageBand ? profile.socialStatus : W.socialStatus(ageBand, rng),
        residenceCommuneCode: a.communeCode,
      },
    };
    const end = new Date(a.end.getTime() + (10 + Math.floor(rng() * 120)) * 60_000);
    reports.push({
      advisor: a.advisor,
      report,
      placeCommune: choice === "lieu-activite" ? home : null,
      appointmentId: a.id,
      workshopId: null,
      createdAt: end.getTime() < input.now.getTime() ? end : new Date(input.now.getTime() - 60_000),
    });
  }
  for (const w of input.workshops) {
    const date = toParis(w.start).date;
    if (w.attended < 1 || date >= today) continue;
    const rng = mulberry32(hashString(`workshop-report:${w.advisor}:${w.start.toISOString()}`));
    const themes = themesOf(w.themes);
    const anonymous = anonymousParticipants(w.attended, rng);
    const place: ActivityPlace = w.place === null ? { type: "a-distance" } : { type: "lieu-activite", placeId: w.place };
    reports.push({
      advisor: w.advisor,
      report: {
        type: "collectif",
        date,
        place,
        durationMinutes: Math.round((w.end.getTime() - w.start.getTime()) / 60_000),
        equipment: W.equipment(place.type, rng),
        themes,
        procedureAreas: themes.includes(ADMINISTRATIVE_HELP_THEME) ? ["social-sante"] : [],
        notes: null,
        title: w.title,
        level: w.level,
        participants: { beneficiaryIds: [], anonymous, total: anonymous.total },
      },
      placeCommune: w.place === null ? null : (placeCommune.get(w.place) ?? null),
      appointmentId: null,
      workshopId: w.id,
      createdAt: new Date(Math.min(w.end.getTime() + 3_600_000, input.now.getTime() - 60_000)),
    });
  }
  return { reports, toComplete };
}
