// The coordinators' own work log over the demo year (the national coordination model): a network meeting
// every month, events (digital week, the launch of « Les Jeudis de l'inclusion », the cybersecurity month…),
// partnerships (CAF, France Travail, CPAM…) and training for the advisors. Pure and deterministic.
import { holidaySet } from "../calendar/french-holidays.ts";
import { addDays, isoWeekday } from "../calendar/paris-time.ts";
import type { CoordinationEventsTable } from "../network/network.table.ts";
import { hashString, mulberry32 } from "./demo.data.ts";

export interface DemoCoordinationEvent {
  kind: CoordinationEventsTable["kind"];
  date: string;
  title: string;
  durationMinutes: number | null;
  participantsCount: number | null;
  partners: string | null;
  /** A commune of the network, or null (remote, network-wide). */
  communeCode: string | null;
  notes: string | null;
}

interface Template {
  kind: DemoCoordinationEvent["kind"];
  /** Month (1–12) and day the event falls near. */
  month: number;
  day: number;
  title: string;
  durationMinutes: number;
  participants: [number, number];
  partners: string | null;
  notes: string | null;
  /** Where: the chef-lieu, the second town, or nowhere (remote). */
  at: "main" | "second" | "remote";
}

const TEMPLATES: Template[] = [
  { kind: "evenement", month: 3, day: 16, title: "Semaine du numérique : portes ouvertes dans les lieux du réseau", durationMinutes: 420, participants: [120, 260], partners: "Médiathèques, France Services", notes: "Un programme commun imprimé et diffusé par les mairies.", at: "main" },
  { kind: "evenement", month: 6, day: 4, title: "Forum de l'inclusion numérique", durationMinutes: 360, participants: [80, 160], partners: "Préfecture, CAF, France Travail", notes: "Stands des partenaires et ateliers découverte.", at: "second" },
  { kind: "evenement", month: 10, day: 8, title: "Mois de la cybersécurité : conférence grand public", durationMinutes: 120, participants: [40, 90], partners: "Gendarmerie nationale", notes: "Arnaques par SMS et faux conseillers bancaires.", at: "main" },
  { kind: "evenement", month: 12, day: 3, title: "Rencontre Numérique en communs départementale", durationMinutes: 360, participants: [60, 110], partners: "Région, Hubs territoriaux", notes: null, at: "second" },
  { kind: "evenement", month: 4, day: 9, title: "Campagne déclaration de revenus : permanences renforcées", durationMinutes: 180, participants: [20, 38], partners: "DGFiP", notes: "Planning commun des permanences « impôts » d'avril à juin.", at: "main" },
  { kind: "partenariat", month: 1, day: 20, title: "Convention avec la CAF : orientation des allocataires", durationMinutes: 120, participants: [6, 10], partners: "CAF", notes: "Fiche de liaison et référents dans chaque structure.", at: "main" },
  { kind: "partenariat", month: 2, day: 10, title: "Comité avec France Travail : ateliers emploi", durationMinutes: 90, participants: [5, 9], partners: "France Travail", notes: null, at: "main" },
  { kind: "partenariat", month: 3, day: 24, title: "Mon espace santé : partenariat avec la CPAM", durationMinutes: 90, participants: [5, 8], partners: "CPAM", notes: "Sessions d'information pour les conseillers.", at: "main" },
  { kind: "partenariat", month: 5, day: 19, title: "MSA : accompagnement des exploitants agricoles", durationMinutes: 90, participants: [4, 8], partners: "MSA", notes: null, at: "second" },
  { kind: "partenariat", month: 7, day: 7, title: "Bilan semestriel avec la Préfecture", durationMinutes: 120, participants: [6, 12], partners: "Préfecture", notes: "Chiffres du semestre et carte des permanences.", at: "main" },
  { kind: "partenariat", month: 9, day: 22, title: "Rentrée scolaire : relais avec l'Éducation nationale", durationMinutes: 90, participants: [5, 10], partners: "Éducation nationale, CAF", notes: "Espaces parents, bourses et cantine en ligne.", at: "main" },
  { kind: "partenariat", month: 11, day: 18, title: "Reconditionnement : dons de matériel avec une ressourcerie", durationMinutes: 60, participants: [4, 7], partners: "Ressourcerie locale", notes: null, at: "second" },
  { kind: "formation", month: 1, day: 27, title: "Formation Aidants Connect", durationMinutes: 210, participants: [10, 18], partners: null, notes: "Habilitation des nouveaux conseillers.", at: "remote" },
  { kind: "formation", month: 4, day: 2, title: "Formation : accompagner la déclaration de revenus", durationMinutes: 180, participants: [18, 30], partners: "DGFiP", notes: null, at: "main" },
  { kind: "formation", month: 6, day: 23, title: "Formation : l'intelligence artificielle pour les conseillers", durationMinutes: 360, participants: [14, 24], partners: null, notes: null, at: "main" },
  { kind: "formation", month: 10, day: 14, title: "Formation : accueillir les personnes sourdes ou malentendantes", durationMinutes: 180, participants: [10, 16], partners: "Association locale de personnes sourdes", notes: null, at: "second" },
  { kind: "formation", month: 11, day: 25, title: "Formation PIX : évaluer les compétences numériques", durationMinutes: 180, participants: [12, 20], partners: null, notes: null, at: "remote" },
];

/** The first working day on or after `date` (not a weekend, not a public holiday). */
function workingDayFrom(date: string, holidays: Set<string>): string {
  let d = date;
  while (isoWeekday(d) >= 6 || holidays.has(d)) d = addDays(d, 1);
  return d;
}

/** Events dated within [from, to]: a monthly network meeting (first Tuesday) and the year's other work. */
export function demoCoordinationEvents(options: {
  from: string;
  to: string;
  departement: string;
  advisors: number;
  mainCommune: string | null;
  secondCommune: string | null;
  /** First session of the remote workshop series, when the demo has one. */
  seriesStart: string | null;
}): DemoCoordinationEvent[] {
  const { from, to } = options;
  const holidays = holidaySet(from, addDays(to, 10), options.departement);
  const rng = mulberry32(hashString(`coordination:${options.departement}`));
  const out: DemoCoordinationEvent[] = [];
  const firstYear = Number(from.slice(0, 4));
  for (let year = firstYear; year <= Number(to.slice(0, 4)); year++) {
    for (let month = 1; month <= 12; month++) {
      const first = `${year}-${String(month).padStart(2, "0")}-01`;
      const tuesday = workingDayFrom(addDays(first, (2 - isoWeekday(first) + 7) % 7), holidays);
      if (tuesday >= from && tuesday <= to && month !== 8) {
        const present = Math.max(5, Math.round(options.advisors * (0.55 + 0.3 * rng())));
        out.push({
          kind: "reunion-reseau",
          date: tuesday,
          title: month === 9 ? "Réunion de rentrée du réseau" : month === 1 ? "Réunion du réseau : bilan de l'année et vœux" : "Réunion mensuelle du réseau",
          durationMinutes: 150,
          participantsCount: present,
          partners: null,
          communeCode: month % 3 === 0 ? null : options.mainCommune,
          notes: month % 3 === 0 ? "En visio." : null,
        });
      }
      for (const t of TEMPLATES.filter((t) => t.month === month)) {
        const date = workingDayFrom(`${year}-${String(month).padStart(2, "0")}-${String(t.day).padStart(2, "0")}`, holidays);
        if (date < from || date > to) continue;
        out.push({
          kind: t.kind,
          date,
          title: t.title,
          durationMinutes: t.durationMinutes,
          participantsCount: t.participants[0] + Math.floor(rng() * (t.participants[1] - t.participants[0] + 1)),
          partners: t.partners,
          communeCode: t.at === "remote" ? null : t.at === "main" ? options.mainCommune : (options.secondCommune ?? options.mainCommune),
          notes: t.notes,
        });
      }
    }
  }
  if (options.seriesStart !== null && options.seriesStart >= from && options.seriesStart <= to) {
    out.push({
      kind: "evenement",
      date: options.seriesStart,
      title: "Lancement des Jeudis de l'inclusion",
      durationMinutes: 90,
      participantsCount: 25 + Math.floor(rng() * 20),
      partners: null,
      communeCode: null,
      notes: "Première séance en visio ; relais par les conseillers dans leurs lieux.",
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.title < b.title ? -1 : 1));
}
