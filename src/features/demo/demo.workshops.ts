// Workshops in the demo network, as plain data: the weekly remote series « Les Jeudis de l'inclusion » with
// its next 8 sessions, and 8 one-off workshops in libraries and France Services offices over the past and
// coming three weeks, held during one of the leading advisor's permanences there. Registrations: the past
// ones attended or missed; some coming ones full with a waiting list, one with a freed seat on offer.
// Pure and deterministic; keys (structure key, advisor e-mail, place slug) instead of ids.

import { absenceIntervals } from "../booking/absences.ts";
import type { RegistrationStatus, WorkshopLevel } from "../booking/booking.table.ts";
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, isoWeekday, parisToInstant, toParis } from "../calendar/paris-time.ts";
import { occurrences } from "../permanences/permanence.ts";
import type { DemoAbsence } from "./demo.booking.ts";
import { type DemoNetwork, hashString, mulberry32 } from "./demo.data.ts";
import { placeKind } from "./demo.hours.ts";
import { DEMO_PEOPLE_COUNT } from "./demo.people.ts";
import type { DemoSchedule } from "./demo.permanences.ts";

export interface DemoRegistration {
  person: number; // index in demoPeople()
  status: RegistrationStatus;
  at: Date;
  offerExpiresAt: Date | null;
}

export interface DemoWorkshop {
  structure: string;
  advisor: string;
  title: string;
  themes: string[];
  level: WorkshopLevel;
  description: string;
  place: string | null;
  videoUrl: string | null;
  start: Date;
  end: Date;
  capacity: number;
  registrations: DemoRegistration[];
}

export interface DemoSeries {
  structure: string;
  advisor: string;
  title: string;
  themes: string[];
  level: WorkshopLevel;
  description: string;
  videoUrl: string;
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string;
  capacity: number;
}

export interface DemoWorkshopPlan {
  series: DemoSeries | null;
  /** The series' next sessions, in order. */
  sessions: DemoWorkshop[];
  oneOffs: DemoWorkshop[];
}

const SESSION_TOPICS = [
  "Repérer les arnaques par SMS et par courriel",
  "Découvrir l'intelligence artificielle sans se faire piéger",
  "Créer et retenir de bons mots de passe",
  "Prendre rendez-vous chez le médecin en ligne",
  "Ranger et sauvegarder ses photos",
  "Parler en visio avec ses proches",
  "Faire ses achats en ligne en sécurité",
  "Comprendre son espace France Travail",
];

const ONE_OFF: Array<{ title: string; themes: string[]; level: WorkshopLevel; description: string }> = [
  { title: "Créer son adresse e-mail", themes: ["e-mail"], level: "debutant", description: "Créer une adresse, écrire et lire ses messages." },
  { title: "Sécuriser ses mots de passe", themes: ["securite-numerique"], level: "debutant", description: "Des mots de passe solides et faciles à retenir." },
  { title: "Ameli, Doctolib : la santé en ligne", themes: ["sante"], level: "intermediaire", description: "Son compte Ameli et la prise de rendez-vous." },
  { title: "Ranger ses photos sur son téléphone", themes: ["contenus-numeriques", "prise-en-main-materiel"], level: "debutant", description: "Trier, sauvegarder et partager ses photos." },
  { title: "Acheter en ligne sans risque", themes: ["banque-achats", "securite-numerique"], level: "intermediaire", description: "Reconnaître un site sûr et payer en sécurité." },
  { title: "L'intelligence artificielle au quotidien", themes: ["intelligence-artificielle"], level: "avance", description: "Ce que l'IA sait faire, et ce qu'il faut vérifier." },
  { title: "Mes démarches CAF en ligne", themes: ["aide-demarches"], level: "debutant", description: "Déclarer ses ressources et suivre son dossier." },
  { title: "Chercher un emploi sur internet", themes: ["insertion-professionnelle"], level: "intermediaire", description: "Son CV en ligne et les offres près de chez soi." },
];

const WORKSHOP_PLACES = new Set(["mediatheque", "mediatheque-departementale", "france-services"]);

export function demoWorkshops(network: DemoNetwork, schedule: DemoSchedule, absences: DemoAbsence[], now: Date, departement: string): DemoWorkshopPlan {
  const today = toParis(now).date;
  const holidays = holidaySet(addDays(today, -30), addDays(today, 80), departement);
  const onLeave = (advisor: string, start: Date, end: Date) =>
    absenceIntervals(
      absences.filter((a) => a.advisorId === advisor),
      addDays(toParis(start).date, -1),
      addDays(toParis(start).date, 1),
    ).some((i) => i.start < end.getTime() && start.getTime() < i.end);
  return { ...seriesPlan(network, schedule, absences, now, holidays), oneOffs: oneOffPlan(network, schedule, now, onLeave) };
}

function seriesPlan(network: DemoNetwork, schedule: DemoSchedule, absences: DemoAbsence[], now: Date, holidays: Set<string>) {
  const structure = network.structures.find((s) => s.key === "departement");
  const staff = network.accounts.filter((a) => a.advisor?.structure === "departement").map((a) => a.email);
  // Led by an advisor who does not train on Thursdays and takes no leave.
  const advisor = staff.find((e) => schedule.trainingDay.get(e) !== 4 && !absences.some((a) => a.advisorId === e && a.kind === "leave"));
  if (!structure || !advisor) return { series: null, sessions: [] };
  const today = toParis(now).date;
  const series: DemoSeries = {
    structure: structure.key,
    advisor,
    title: "Les Jeudis de l'inclusion",
    themes: ["culture-numerique", "securite-numerique", "intelligence-artificielle"],
    level: "debutant",
    description: "Chaque jeudi, une heure et demie en visio pour découvrir un sujet du numérique et poser ses questions.",
    videoUrl: "https://visio.example/jeudis-inclusion",
    weekday: 4,
    startTime: "14:00",
    endTime: "15:30",
    validFrom: addDays(today, -8 * 7 - ((isoWeekday(today) + 3) % 7)),
    capacity: 20,
  };
  const sessions: DemoWorkshop[] = [];
  for (let date = today; sessions.length < 8; date = addDays(date, 1)) {
    const start = parisToInstant(date, series.startTime);
    if (isoWeekday(date) !== 4 || holidays.has(date) || start.getTime() <= now.getTime()) continue;
    const n = sessions.length;
    sessions.push({
      ...series,
      place: null,
      description: `Cette semaine : ${(SESSION_TOPICS[n] as string).toLowerCase()}.`,
      start,
      end: parisToInstant(date, series.endTime),
      registrations: registrations(`series:${n}`, Math.max(1, 14 - 2 * n), 0, now, start, false),
    });
  }
  return { series, sessions };
}

function oneOffPlan(network: DemoNetwork, schedule: DemoSchedule, now: Date, onLeave: (advisor: string, start: Date, end: Date) => boolean): DemoWorkshop[] {
  const today = toParis(now).date;
  const rng = mulberry32(hashString(`workshops:${today}`));
  const placeBySlug = new Map(network.places.map((p) => [p.slug, p]));
  const preferred = schedule.permanences.filter((p) => WORKSHOP_PLACES.has(placeKind(placeBySlug.get(p.place) ?? { name: "", typologie: [] })));
  const rules = preferred.length >= 4 ? preferred : schedule.permanences;
  const holidays = holidaySet(addDays(today, -21), addDays(today, 21), network.departement);
  const options = rules
    .flatMap((rule) => occurrences(rule, addDays(today, -21), addDays(today, 21), holidays).map((o) => ({ rule, o })))
    .filter(({ rule, o }) => o.end.getTime() - o.start.getTime() >= 2 * 3_600_000 && !onLeave(rule.advisor, o.start, o.end))
    .filter(({ o }) => Math.abs(o.start.getTime() - now.getTime()) > 86_400_000)
    .map((x) => ({ ...x, r: rng() }))
    .sort((a, b) => a.r - b.r);
  // Four in the past three weeks, four in the coming three, in different places when there are enough.
  const picked: typeof options = [];
  const usedPlaces = new Set<string>();
  for (const future of [false, true]) {
    const side = options.filter(({ o }) => o.start.getTime() > now.getTime() === future);
    const before = picked.length;
    for (const pass of [0, 1]) {
      for (const option of side) {
        if (picked.length - before >= ONE_OFF.length / 2) break;
        if ((pass === 0 && usedPlaces.has(option.rule.place)) || picked.includes(option)) continue;
        usedPlaces.add(option.rule.place);
        picked.push(option);
      }
    }
  }
  picked.sort((a, b) => a.o.start.getTime() - b.o.start.getTime());
  const structureOf = new Map(network.places.map((p) => [p.slug, p.structure]));
  return picked.map(({ rule, o }, i) => {
    const topic = ONE_OFF[i] as (typeof ONE_OFF)[number];
    const capacity = [8, 10, 12, 6][i % 4] as number;
    const past = o.start.getTime() < now.getTime();
    // Coming workshops: every other one full with people waiting; in one of them a seat was just freed.
    const coming = picked.filter((p) => p.o.start.getTime() >= now.getTime()).findIndex((p) => p.o === o);
    const full = !past && coming % 2 === 1;
    const seats = past || full ? capacity - (full ? 0 : Math.floor(rng() * 3)) : 1 + Math.floor(rng() * (capacity - 1));
    return {
      structure: structureOf.get(rule.place) as string,
      advisor: rule.advisor,
      ...topic,
      place: rule.place,
      videoUrl: null,
      start: o.start,
      end: new Date(o.start.getTime() + 2 * 3_600_000),
      capacity,
      registrations: registrations(`oneoff:${i}`, seats, full ? 2 + (i % 2) : 0, now, o.start, coming === 3),
    };
  });
}

/** `seats` people registered (attended or absent once past), then `waiting` in line; `offer`: a seat freed for the first in line. */
function registrations(key: string, seats: number, waiting: number, now: Date, start: Date, offer: boolean): DemoRegistration[] {
  const rng = mulberry32(hashString(`registrations:${key}`));
  const past = start.getTime() < now.getTime();
  const first = Math.floor(rng() * DEMO_PEOPLE_COUNT);
  const latest = Math.min(now.getTime(), start.getTime()) - 3_600_000;
  const out: DemoRegistration[] = [];
  for (let n = 0; n < seats + waiting; n++) {
    const at = new Date(latest - (seats + waiting - n) * 9 * 3_600_000);
    const status: RegistrationStatus = n >= seats ? "waiting" : past ? (rng() < 0.85 ? "attended" : "absent") : "registered";
    out.push({ person: (first + n * 7) % DEMO_PEOPLE_COUNT, status, at, offerExpiresAt: null });
  }
  const line = out.find((r) => r.status === "waiting");
  const leaving = out.find((r) => r.status === "registered");
  if (offer && line && leaving) {
    leaving.status = "cancelled";
    line.status = "offered";
    line.offerExpiresAt = new Date(now.getTime() + 18 * 3_600_000);
  }
  return out;
}
