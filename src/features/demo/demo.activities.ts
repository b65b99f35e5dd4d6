// Twelve months of activity reports for the demo advisors, as plain data. Every report is a domain
// ActivityReport (the same shape the form produces) whose place ids are place slugs and whose known
// people are beneficiary keys; the loader swaps them for row ids. Appointments attended in the booking
// demo and its past workshops get their report (a few recent appointments are left to complete);
// the other days are drawn from the season, the field's themes and the advisor's own pace.
// Pure and deterministic: each advisor's day has its own seed, so the same day always gives the same reports.
import type { ActivityPlace, ActivityReport, CollectiveActivityReport, IndividualActivityReport } from "../activities/activity.ts";
import { ADMINISTRATIVE_HELP_THEME, EQUIPMENT, PROCEDURE_AREAS, THEMES } from "../activities/taxonomy.ts";
import { parisOffsetMinutes, parisToInstant, toParis } from "../calendar/paris-time.ts";
import { type BookingFacts, bookingReports } from "./demo.activities.bookings.ts";
import { activityPeriod, workingDays } from "./demo.activities.calendar.ts";
import { type NearbyCommunes, nearbyCommunes, type PlanCommune } from "./demo.activities.communes.ts";
import { type DemoBeneficiary, demoBeneficiaries } from "./demo.activities.people.ts";
import * as W from "./demo.activities.weights.ts";
import { anonymousParticipants, collectiveDuration, workshopTopic } from "./demo.activities.workshops.ts";
import type { DemoAbsence } from "./demo.booking.ts";
import { type DemoNetwork, hashString, mulberry32 } from "./demo.data.ts";
import type { DemoSchedule } from "./demo.permanences.ts";

export type { AppointmentFact, WorkshopFact } from "./demo.activities.bookings.ts";
export type { PlanCommune } from "./demo.activities.communes.ts";

export interface ActivityPlanInput extends BookingFacts {
  network: DemoNetwork;
  schedule: DemoSchedule;
  absences: readonly DemoAbsence[];
  now: Date;
  communes: readonly PlanCommune[];
}

export interface DemoReportDraft {
  advisor: string;
  /** Places are slugs; known people are beneficiary keys. */
  report: ActivityReport;
  placeCommune: string | null;
  appointmentId: string | null;
  workshopId: string | null;
  createdAt: Date;
}

export interface DemoActivityPlan {
  reports: DemoReportDraft[];
  beneficiaries: DemoBeneficiary[];
  /** Attended appointments deliberately left without a report (« Compléter le compte rendu »). */
  appointmentsToComplete: string[];
}

/** Reports per half-day of permanence, and per other half-day worked, before the season and the advisor's pace. */
const PER_PERMANENCE = 3.6;
const PER_OTHER_HALF_DAY = 2.4;
const COLLECTIVE_SHARE = 0.18;

const NOTES = [
  "Revoir la semaine prochaine pour finir le dossier.",
  "A besoin de ses identifiants FranceConnect la prochaine fois.",
  "Très à l'aise à la fin de la séance.",
  "Apporter le dernier avis d'imposition.",
  "Orientée vers la permanence France Services pour la suite.",
];

export function planDemoActivity(input: ActivityPlanInput): DemoActivityPlan {
  const { network, now } = input;
  const today = toParis(now).date;
  const period = activityPeriod(today);
  const days = workingDays(input.schedule, input.absences, { ...period, today, departement: network.departement });
  const placeCommune = new Map(network.places.map((p) => [p.slug, p.communeCode]));
  const near = nearbyCommunes(input.communes, [...new Set(network.places.map((p) => p.communeCode))]);
  const ctx: DayContext = { placeCommune, near, now };

  const fixed = bookingReports(input, placeCommune);
  const reports: DemoReportDraft[] = [...fixed.reports];
  const fixedPerDay = new Map<string, number>();
  for (const r of fixed.reports) fixedPerDay.set(`${r.advisor}|${r.report.date}`, (fixedPerDay.get(`${r.advisor}|${r.report.date}`) ?? 0) + 1);

  for (const [advisor, advisorDays] of days) {
    const pace = 0.7 + 0.6 * mulberry32(hashString(`pace:${advisor}`))();
    for (const [date, day] of advisorDays) {
      const rng = mulberry32(hashString(`activity:${advisor}:${date}`));
      const atPlaces = PER_PERMANENCE * day.permanences;
      const elsewhere = PER_OTHER_HALF_DAY * Math.max(0, 2 - day.permanences);
      const expected = (atPlaces + elsewhere) * pace * W.seasonalVolume(date) * (0.75 + 0.5 * rng());
      const count = Math.floor(expected + rng()) - (fixedPerDay.get(`${advisor}|${date}`) ?? 0);
      let collectives = 0;
      for (let n = 0; n < count; n++) {
        const place = day.places[Math.floor(rng() * day.places.length)] as string;
        const collective = collectives < 2 && rng() < COLLECTIVE_SHARE;
        if (collective) collectives++;
        const inPermanence = rng() * (atPlaces + elsewhere) < atPlaces;
        const report = collective ? collectiveReport(date, place, ctx, rng) : individualReport(date, place, inPermanence, ctx, rng);
        reports.push({ advisor, ...report, appointmentId: null, workshopId: null, createdAt: writtenAt(date, now, rng) });
      }
    }
  }
  reports.sort(byDateThenAdvisor);
  for (const r of reports) r.report = inTaxonomyOrder(r.report);
  const beneficiaries = demoBeneficiaries({ network, reports, near: (code, rng) => near.pick(code, rng), now });
  return { reports, beneficiaries, appointmentsToComplete: fixed.toComplete };
}

/** Lists in the taxonomy's order, as the form's check returns them. */
function inTaxonomyOrder<R extends ActivityReport>(report: R): R {
  const order = <T extends string>(table: readonly { code: string }[], codes: readonly T[]) =>
    table.filter((o) => codes.includes(o.code as T)).map((o) => o.code as T);
  return {
    ...report,
    themes: order(THEMES, report.themes),
    procedureAreas: order(PROCEDURE_AREAS, report.procedureAreas),
    equipment: order(EQUIPMENT, report.equipment),
  };
}

function byDateThenAdvisor(a: DemoReportDraft, b: DemoReportDraft): number {
  if (a.report.date !== b.report.date) return a.report.date < b.report.date ? -1 : 1;
  if (a.advisor !== b.advisor) return a.advisor < b.advisor ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

interface DayContext {
  placeCommune: Map<string, string>;
  near: NearbyCommunes;
  now: Date;
}

type Drawn = { report: ActivityReport; placeCommune: string | null };

const middayOffset = new Map<string, number>();

/** The instant of a Paris afternoon time on `date`, without a time-zone lookup for every report. */
function parisAfternoon(date: string, minutesAfterNoon: number): Date {
  let offset = middayOffset.get(date);
  if (offset === undefined) {
    offset = parisOffsetMinutes(parisToInstant(date, "12:00"));
    middayOffset.set(date, offset);
  }
  return new Date(Date.parse(`${date}T12:00:00Z`) + (minutesAfterNoon - offset) * 60_000);
}

/** Most reports are written the same afternoon, some a few days later; never after `now`. */
function writtenAt(date: string, now: Date, rng: W.Rng): Date {
  const r = rng();
  const delay = r < 0.7 ? 0 : r < 0.95 ? 1 + Math.floor(rng() * 3) : 4 + Math.floor(rng() * 7);
  const at = parisAfternoon(date, delay * 24 * 60 + Math.floor(rng() * 7 * 60));
  return at.getTime() < now.getTime() ? at : new Date(now.getTime() - 60_000);
}

function where(choice: W.PlaceChoice, slug: string, ctx: DayContext, rng: W.Rng): { place: ActivityPlace; commune: string | null } {
  const home = ctx.placeCommune.get(slug) as string;
  if (choice === "lieu-activite") return { place: { type: choice, placeId: slug }, commune: home };
  if (choice === "a-distance") return { place: { type: choice }, commune: null };
  const commune = ctx.near.pick(home, rng);
  return { place: { type: choice, communeCode: commune }, commune };
}

function individualReport(date: string, slug: string, inPermanence: boolean, ctx: DayContext, rng: W.Rng): Drawn {
  const profile = W.anonymousProfile(rng);
  const choice = inPermanence ? W.individualPlace(rng) : W.placeOutsidePermanence(rng);
  const { place, commune } = where(choice, slug, ctx, rng);
  const home = ctx.placeCommune.get(slug) as string;
  const residence = choice === "domicile" ? commune : rng() < 0.08 ? null : ctx.near.pick(home, rng);
  const themes = W.individualThemes(date, profile, rng);
  const report: IndividualActivityReport = {
    type: "individuel",
    date,
    place,
    durationMinutes: choice === "domicile" ? Math.max(45, W.individualDuration(rng)) : W.individualDuration(rng),
    equipment: W.equipment(choice, rng),
    themes,
    procedureAreas: themes.includes(ADMINISTRATIVE_HELP_THEME) ? W.procedureAreas(date, rng) : [],
    notes: rng() < 0.03 ? (NOTES[Math.floor(rng() * NOTES.length)] as string) : null,
    autonomy: W.autonomy(rng),
    orientation: W.orientation(themes, rng),
    beneficiary: { kind: "anonymous", ...profile, residenceCommuneCode: residence },
  };
  return { report, placeCommune: choice === "lieu-activite" ? home : null };
}

function collectiveReport(date: string, slug: string, ctx: DayContext, rng: W.Rng): Drawn {
  const topic = workshopTopic(date, rng);
  const r = rng();
  const { place } = where(r < 0.9 ? "lieu-activite" : r < 0.97 ? "autre-lieu" : "a-distance", slug, ctx, rng);
  const anonymous = anonymousParticipants(3 + Math.floor(rng() * 8), rng);
  const report: CollectiveActivityReport = {
    type: "collectif",
    date,
    place,
    durationMinutes: collectiveDuration(rng),
    equipment: W.equipment(place.type, rng),
    themes: [...topic.themes],
    procedureAreas: [],
    notes: null,
    title: topic.title,
    level: rng() < 0.1 ? null : topic.level,
    participants: { beneficiaryIds: [], anonymous, total: anonymous.total },
  };
  return { report, placeCommune: place.type === "lieu-activite" ? (ctx.placeCommune.get(slug) as string) : null };
}
