// Booking in the demo network, as plain data: each employer's appointment kinds (motifs), the advisors'
// weekly Afpa training day and some leave, and appointments over the past 4 weeks and the coming 3.
// Appointments are placed only on slots that computeSlots offers, one advisor at a time, never overlapping
// one another nor the workshops the advisor leads: the database's exclusion constraint always holds.
// Pure and deterministic: same network, schedule and `now`, same plan. Keys, not ids: structure keys,
// advisor e-mails and place slugs; the loader turns them into row ids.

import type { AppointmentLocation, AppointmentStatus, BookableBy } from "../booking/booking.ts";
import { type AdvisorAbsence, type AdvisorPermanence, computeSlots, type ExistingAppointment, type Slot } from "../booking/slots.ts";
import { addDays, mondayOf, parisToInstant, toParis } from "../calendar/paris-time.ts";
import { type DemoNetwork, hashString, mulberry32 } from "./demo.data.ts";
import { DEMO_PEOPLE_COUNT } from "./demo.people.ts";
import type { DemoSchedule } from "./demo.permanences.ts";

export interface DemoKind {
  key: string; // `${structure}:${n}`
  structure: string;
  name: string;
  durationMinutes: number;
  location: AppointmentLocation;
  bookableBy: BookableBy;
  themes: string[];
}

export type DemoAbsence = AdvisorAbsence & { label: string };

export interface DemoAppointment {
  advisor: string;
  place: string;
  kind: string;
  start: Date;
  end: Date;
  status: AppointmentStatus;
  person: number; // index in demoPeople()
  themes: string[];
  accompanied: boolean;
  needs: string | null;
  notes: string | null;
  bookedVia: "public" | "staff";
  bookedAt: Date;
  cancelledAt: Date | null;
}

const KINDS: Omit<DemoKind, "key" | "structure">[] = [
  { name: "Aide aux démarches en ligne", durationMinutes: 60, location: "place", bookableBy: "public", themes: ["aide-demarches"] },
  { name: "Prise en main du téléphone", durationMinutes: 45, location: "place", bookableBy: "public", themes: ["prise-en-main-materiel"] },
  { name: "Rendez-vous téléphonique", durationMinutes: 30, location: "phone", bookableBy: "public", themes: ["sante", "banque-achats"] },
  { name: "Accompagnement approfondi", durationMinutes: 90, location: "place", bookableBy: "staff", themes: ["insertion-professionnelle"] },
];

/** 2 to 4 motifs for every employer of advisors: the first and the phone one always, the others by structure. */
export function demoKinds(network: DemoNetwork): DemoKind[] {
  const employers = new Set(network.accounts.flatMap((a) => (a.advisor ? [a.advisor.structure] : [])));
  return network.structures
    .filter((s) => employers.has(s.key))
    .flatMap((s) => {
      const h = hashString(`kinds:${s.key}`);
      const chosen = KINDS.filter((_, i) => i === 0 || i === 2 || (i === 1 && h % 3 !== 0) || (i === 3 && h % 2 === 0));
      return chosen.map((k) => ({ ...k, key: `${s.key}:${KINDS.indexOf(k)}`, structure: s.key }));
    });
}

export const TRAINING_LABEL = "Formation (Afpa)";

/** The Afpa training day of every advisor, every week, and a week of leave for about one advisor in four. */
export function demoAbsences(schedule: DemoSchedule, today: string): DemoAbsence[] {
  const out: DemoAbsence[] = [];
  for (const [advisor, weekday] of schedule.trainingDay) {
    out.push({
      advisorId: advisor,
      type: "weekly",
      kind: "training",
      label: TRAINING_LABEL,
      weekdays: [weekday],
      startTime: null,
      endTime: null,
      validFrom: addDays(mondayOf(today), -26 * 7),
      validTo: null,
    });
    const h = hashString(`leave:${advisor}`);
    if (h % 4 !== 0) continue;
    const monday = addDays(mondayOf(today), 7 * ((h >>> 4) % 2 === 0 ? -3 : 2));
    out.push({
      advisorId: advisor,
      type: "once",
      kind: "leave",
      label: "Congés",
      start: parisToInstant(monday, "00:00"),
      end: parisToInstant(addDays(monday, 5), "00:00"),
    });
  }
  return out;
}

const NEEDS = ["Vient avec sa fille", "Malvoyant : prévoir de gros caractères", "Apporter le courrier de la CAF", "Parle peu le français"];
const NOTES = ["Compte Ameli créé, à revoir pour la carte Vitale", "Dossier de retraite déposé", "Mot de passe de messagerie changé"];

/** How full an advisor's bookable time is: a busy past, the coming weeks filling up. */
function fillRate(start: Date, now: Date): number {
  const days = (start.getTime() - now.getTime()) / 86_400_000;
  if (days < 0) return 0.55;
  return days < 7 ? 0.6 : days < 14 ? 0.35 : 0.15;
}

function pastStatus(r: number): AppointmentStatus {
  return r < 0.7 ? "attended" : r < 0.82 ? "no_show" : r < 0.9 ? "excused" : "cancelled";
}

export interface AppointmentPlanInput {
  network: DemoNetwork;
  schedule: DemoSchedule;
  kinds: DemoKind[];
  absences: DemoAbsence[];
  /** Time already taken (the workshops an advisor leads), by advisor e-mail. */
  busy: ExistingAppointment[];
  now: Date;
  departement: string;
}

export function demoAppointments(input: AppointmentPlanInput): DemoAppointment[] {
  const { network, schedule, now } = input;
  const today = toParis(now).date;
  const from = addDays(today, -28);
  const to = addDays(today, 21);
  // Slots are computed as if booked the day before the first one, so past weeks get slots too.
  const planNow = parisToInstant(addDays(from, -1), "00:00");
  const out: DemoAppointment[] = [];
  for (const account of network.accounts) {
    if (!account.advisor) continue;
    const advisor = account.email;
    const permanences: AdvisorPermanence[] = schedule.permanences
      .filter((p) => p.advisor === advisor)
      .map((p) => ({ ...p, advisorId: advisor, placeId: p.place }));
    const kinds = input.kinds.filter((k) => k.structure === account.advisor?.structure);
    const absences = input.absences.filter((a) => a.advisorId === advisor);
    const busy = input.busy.filter((b) => b.advisorId === advisor);
    const candidates: Array<{ slot: Slot; kind: DemoKind }> = kinds.flatMap((kind) =>
      computeSlots({
        permanences,
        absences,
        appointments: busy,
        kind: { id: kind.key, durationMinutes: kind.durationMinutes, earliestMinutes: 0, latestMonths: 3 },
        now: planNow,
        from,
        to,
        departement: input.departement,
      }).map((slot) => ({ slot, kind })),
    );
    out.push(...pickAppointments(advisor, candidates, now));
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || (a.advisor < b.advisor ? -1 : 1));
}

/** Free slots taken at random, none overlapping another, until each week is as full as fillRate says. */
function pickAppointments(advisor: string, candidates: Array<{ slot: Slot; kind: DemoKind }>, now: Date): DemoAppointment[] {
  const rng = mulberry32(hashString(`appointments:${advisor}`));
  const offered = new Map<string, number>(); // week → bookable minutes (from the shortest kind's grid)
  const shortest = Math.min(...candidates.map((c) => c.kind.durationMinutes));
  const weekOf = (d: Date) => mondayOf(toParis(d).date);
  for (const c of candidates) {
    if (c.kind.durationMinutes === shortest) offered.set(weekOf(c.slot.start), (offered.get(weekOf(c.slot.start)) ?? 0) + shortest);
  }
  const order = candidates.map((c) => ({ c, r: rng() })).sort((a, b) => a.r - b.r);
  const taken = new Map<string, number>();
  const chosen: DemoAppointment[] = [];
  for (const { c } of order) {
    const { slot, kind } = c;
    const week = weekOf(slot.start);
    const minutes = taken.get(week) ?? 0;
    if (minutes + kind.durationMinutes > (offered.get(week) ?? 0) * fillRate(slot.start, now)) continue;
    if (chosen.some((a) => a.start < slot.end && slot.start < a.end)) continue;
    if (kind.bookableBy === "staff" && rng() < 0.6) continue; // the long staff-only motif is rarer
    taken.set(week, minutes + kind.durationMinutes);
    chosen.push(describe(slot, kind, now, rng));
  }
  return chosen;
}

function describe(slot: Slot, kind: DemoKind, now: Date, rng: () => number): DemoAppointment {
  const past = slot.start.getTime() < now.getTime();
  const status: AppointmentStatus = past ? pastStatus(rng()) : "planned";
  const leadDays = 1 + Math.floor(rng() * 14);
  const bookedAt = new Date(Math.min(slot.start.getTime() - leadDays * 86_400_000, now.getTime() - (1 + Math.floor(rng() * 72)) * 3_600_000));
  const cancelledAt = status === "cancelled" ? new Date(Math.max(bookedAt.getTime() + 3_600_000, slot.start.getTime() - 86_400_000)) : null;
  const staff = kind.bookableBy === "staff" || rng() < 0.35;
  const theme = kind.themes[Math.floor(rng() * kind.themes.length)] as string;
  return {
    advisor: slot.advisorId,
    place: slot.placeId,
    kind: kind.key,
    start: slot.start,
    end: slot.end,
    status,
    person: Math.floor(rng() * DEMO_PEOPLE_COUNT),
    themes: rng() < 0.3 ? [theme, "e-mail"] : [theme],
    accompanied: rng() < 0.15,
    needs: rng() < 0.12 ? (NEEDS[Math.floor(rng() * NEEDS.length)] as string) : null,
    notes: status === "attended" && rng() < 0.3 ? (NOTES[Math.floor(rng() * NOTES.length)] as string) : null,
    bookedVia: staff ? "staff" : "public",
    bookedAt,
    cancelledAt,
  };
}
