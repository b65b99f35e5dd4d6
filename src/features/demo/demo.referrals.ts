// The demo's referrals, planned as plain data: CAF, France Travail and a CCAS refer people to the network
// in every status (the booked, honoured and missed ones on the booking demo's own appointments, the
// « accompagnement réalisé » ones on appointments that have their report), and advisors refer people
// to those partners from their « orienté » reports. Dates spread over the last five months. Pure and
// deterministic: the same inputs give the same plan.
import type { ConsentMode, ContactPreference, ReferralSource, ReferralStatus } from "../referrals/referrals.ts";
import { hashString, mulberry32 } from "./demo.data.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DemoPartner {
  key: "caf" | "france-travail" | "ccas";
  structureId: string;
  agentUserId: string;
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
}

export interface DemoReferralAppointment {
  id: string;
  status: "planned" | "attended" | "no_show";
  hasReport: boolean;
  start: Date;
  bookedAt: Date;
  placeId: string;
  structureId: string;
  advisorUserId: string | null;
  person: DemoPerson;
  themes: string[];
}

export interface DemoReferralPlace {
  id: string;
  structureId: string;
  receiverUserId: string | null;
}

export interface DemoOrientedReport {
  id: string;
  structureId: string;
  advisorUserId: string | null;
  /** Paris day of the report. */
  at: Date;
  themes: string[];
  person: DemoPerson | null;
  communeCode: string | null;
}

export interface DemoReferralInputs {
  now: Date;
  partners: DemoPartner[];
  appointments: DemoReferralAppointment[];
  places: DemoReferralPlace[];
  reports: DemoOrientedReport[];
}

export interface DemoReferralEvent {
  from: ReferralStatus | null;
  to: ReferralStatus;
  at: Date;
  reason: string | null;
  actorUserId: string | null;
}

export interface DemoReferralPlan {
  source: ReferralSource;
  fromStructureId: string;
  createdByUserId: string | null;
  targetStructureId: string;
  targetPlaceId: string | null;
  activityReportId: string | null;
  appointmentId: string | null;
  status: ReferralStatus;
  themes: string[];
  needs: string | null;
  urgency: "normal" | "urgent";
  person: DemoPerson;
  contactPreference: ContactPreference;
  consentMode: ConsentMode;
  createdAt: Date;
  remindedAt: Date | null;
  events: DemoReferralEvent[];
}

/** Every status a partner's referral to the network takes. */
export const PARTNER_STATUSES: ReferralStatus[] = ["received", "accepted", "contacted", "booked", "attended", "done", "no_show", "redirected", "declined", "expired"];
/** Every status an advisor's referral to a partner takes (a partner has no agenda here: no booking). */
export const ADVISOR_STATUSES: ReferralStatus[] = ["received", "accepted", "contacted", "done", "redirected", "declined", "expired"];

const PARTNER_THEMES: Record<DemoPartner["key"], string[][]> = {
  caf: [["aide-demarches"], ["aide-demarches", "e-mail"], ["navigation-internet", "aide-demarches"]],
  "france-travail": [["insertion-professionnelle"], ["insertion-professionnelle", "bureautique"], ["e-mail", "insertion-professionnelle"]],
  ccas: [["aide-demarches", "sante"], ["prise-en-main-materiel"], ["banque-achats", "securite-numerique"]],
};

const NEEDS: Record<DemoPartner["key"], string[]> = {
  caf: ["Déclaration trimestrielle RSA à faire en ligne, n'a pas d'ordinateur.", "Doit créer son espace Mon compte CAF et déposer des justificatifs.", "Demande d'aide au logement à compléter en ligne."],
  "france-travail": ["Actualisation mensuelle et dépôt de CV sur son espace.", "Doit répondre aux offres par courriel : n'a pas encore d'adresse.", "Inscription à une formation en ligne, besoin d'aide pour le dossier."],
  ccas: ["Vient d'avoir un téléphone : ne sait pas encore l'utiliser.", "Prise de rendez-vous médicaux en ligne, personne seule.", "Reçoit des SMS suspects de sa banque, inquiète."],
};

const DECLINE_REASONS = [
  "La personne a déjà été accompagnée pour cette démarche le mois dernier.",
  "Nous ne faisons pas cette démarche : elle relève directement de l'organisme.",
  "Plus de créneau avant l'échéance indiquée : la personne a été prévenue.",
];

const REDIRECT_REASONS = [
  "Un lieu plus proche de chez elle convient mieux : la permanence de sa commune.",
  "La démarche relève d'un travailleur social : orientée vers le centre médico-social.",
  "La personne souhaite un atelier collectif : orientée vers l'atelier du mardi.",
];

const PEOPLE: [string, string][] = [
  ["Josiane", "Lafargue"],
  ["Bernard", "Castaing"],
  ["Nadia", "Benali"],
  ["Yvette", "Duprat"],
  ["Kévin", "Roussel"],
  ["Monique", "Sabathé"],
  ["Ahmed", "Ouali"],
  ["Régine", "Laborde"],
  ["Thierry", "Mauvezin"],
  ["Colette", "Bourdil"],
  ["Sandrine", "Pujol"],
  ["Gérard", "Lannes"],
];

function invented(index: number): DemoPerson {
  const [firstName, lastName] = PEOPLE[index % PEOPLE.length] as [string, string];
  const digits = String(10_000_000 + ((index * 7_919_333) % 89_999_999)).padStart(8, "0");
  return { firstName, lastName, phone: `+336${digits}`, email: null };
}

function contactOf(p: DemoPerson): ContactPreference {
  return p.phone !== null && p.email !== null ? "any" : p.phone !== null ? "phone" : "email";
}

/** The steps that lead to a status, from the referral's first day; the last one is the status itself. */
function steps(source: ReferralSource, status: ReferralStatus): ReferralStatus[] {
  const byPartner: Record<ReferralStatus, ReferralStatus[]> = {
    received: ["received"],
    accepted: ["received", "accepted"],
    contacted: ["received", "accepted", "contacted"],
    booked: ["received", "accepted", "booked"],
    attended: ["received", "booked", "attended"],
    done: source === "advisor" ? ["received", "accepted", "contacted", "done"] : ["received", "booked", "done"],
    no_show: ["received", "booked", "no_show"],
    redirected: ["received", "accepted", "redirected"],
    declined: ["received", "declined"],
    expired: ["received", "expired"],
  };
  return byPartner[status];
}

interface Timing {
  createdAt: Date;
  /** When each step after « reçue » happened, in order. */
  stepTimes: Date[];
}

function timeline(source: ReferralSource, status: ReferralStatus, timing: Timing, reason: string | null, actors: { referrer: string | null; receiver: string | null }): DemoReferralEvent[] {
  const path = steps(source, status);
  return path.map((to, i) => ({
    from: i === 0 ? null : (path[i - 1] as ReferralStatus),
    to,
    at: i === 0 ? timing.createdAt : (timing.stepTimes[i - 1] as Date),
    reason: to === status && (to === "declined" || to === "redirected") ? reason : null,
    actorUserId: i === 0 ? actors.referrer : to === "expired" ? null : actors.receiver,
  }));
}

/** Step times spaced over a few days after the referral, never after now. */
function spaced(createdAt: Date, count: number, now: Date, rng: () => number): Date[] {
  const times: Date[] = [];
  let t = createdAt.getTime();
  for (let i = 0; i < count; i++) {
    t += (1 + Math.floor(rng() * 3)) * DAY + Math.floor(rng() * 6) * HOUR;
    times.push(new Date(Math.min(t, now.getTime() - HOUR)));
  }
  return times;
}

function partnerReferrals(input: DemoReferralInputs): DemoReferralPlan[] {
  const { now } = input;
  const plans: DemoReferralPlan[] = [];
  const used = new Set<string>();
  const pick = (want: (a: DemoReferralAppointment) => boolean) => {
    const found = input.appointments.find((a) => !used.has(a.id) && want(a));
    if (found) used.add(found.id);
    return found;
  };
  const places = input.places.filter((p) => p.receiverUserId !== null);
  input.partners.forEach((partner, pi) => {
    PARTNER_STATUSES.forEach((status, si) => {
      const rng = mulberry32(hashString(`referral:${partner.key}:${status}`));
      const n = pi * PARTNER_STATUSES.length + si;
      const themes = PARTNER_THEMES[partner.key][n % 3] as string[];
      const needs = NEEDS[partner.key][(n + pi) % 3] ?? null;
      const reason = status === "declined" ? (DECLINE_REASONS[pi % 3] as string) : status === "redirected" ? (REDIRECT_REASONS[pi % 3] as string) : null;
      const withAppointment = status === "booked" || status === "attended" || status === "done" || status === "no_show";
      if (withAppointment) {
        const a = pick((x) =>
          status === "booked" ? x.status === "planned" && x.start > now : status === "no_show" ? x.status === "no_show" : x.status === "attended" && x.hasReport === (status === "done"),
        );
        if (!a) return;
        const createdAt = new Date(a.bookedAt.getTime() - (2 + Math.floor(rng() * 4)) * DAY);
        const after = (t: Date) => new Date(Math.min(t.getTime(), now.getTime() - HOUR));
        const stepTimes = status === "booked" ? [new Date(createdAt.getTime() + DAY), a.bookedAt] : [a.bookedAt, after(new Date(a.start.getTime() + (status === "done" ? 3 : 1) * HOUR))];
        plans.push({
          source: "partner",
          fromStructureId: partner.structureId,
          createdByUserId: partner.agentUserId,
          targetStructureId: a.structureId,
          targetPlaceId: a.placeId,
          activityReportId: null,
          appointmentId: a.id,
          status,
          themes: a.themes.length > 0 ? a.themes : themes,
          needs,
          urgency: n % 4 === 0 ? "urgent" : "normal",
          person: a.person,
          contactPreference: contactOf(a.person),
          consentMode: n % 3 === 0 ? "written" : "oral",
          createdAt,
          remindedAt: null,
          events: timeline("partner", status, { createdAt, stepTimes }, reason, { referrer: partner.agentUserId, receiver: a.advisorUserId }),
        });
        return;
      }
      const place = places[(n * 5 + pi) % Math.max(places.length, 1)];
      if (!place) return;
      // Waiting ones are recent (one of them reminded); expired ones older than 30 days; others anywhere in five months.
      const daysAgo = status === "received" ? 2 + pi * 5 : status === "expired" ? 45 + pi * 30 : 8 + ((n * 37) % 140);
      const createdAt = new Date(now.getTime() - daysAgo * DAY - Math.floor(rng() * 8) * HOUR);
      const count = steps("partner", status).length - 1;
      const stepTimes = status === "expired" ? [new Date(createdAt.getTime() + 30 * DAY)] : spaced(createdAt, count, now, rng);
      const person = invented(n);
      plans.push({
        source: "partner",
        fromStructureId: partner.structureId,
        createdByUserId: partner.agentUserId,
        targetStructureId: place.structureId,
        targetPlaceId: place.id,
        activityReportId: null,
        appointmentId: null,
        status,
        themes,
        needs,
        urgency: n % 4 === 0 ? "urgent" : "normal",
        person,
        contactPreference: contactOf(person),
        consentMode: n % 3 === 0 ? "written" : "oral",
        createdAt,
        remindedAt: status === "received" && daysAgo >= 10 ? new Date(createdAt.getTime() + 10 * DAY) : status === "expired" ? new Date(createdAt.getTime() + 10 * DAY) : null,
        events: timeline("partner", status, { createdAt, stepTimes }, reason, { referrer: partner.agentUserId, receiver: place.receiverUserId }),
      });
    });
  });
  return plans;
}

function advisorReferrals(input: DemoReferralInputs): DemoReferralPlan[] {
  const { now } = input;
  const plans: DemoReferralPlan[] = [];
  const used = new Set<string>();
  const age = (r: DemoOrientedReport) => (now.getTime() - r.at.getTime()) / DAY;
  input.partners.forEach((partner, pi) => {
    ADVISOR_STATUSES.forEach((status, si) => {
      // Waiting ones come from reports of the last weeks (left to them), the others from older reports; expired ones older than 30 days.
      const fits = (r: DemoOrientedReport) => (status === "received" ? age(r) >= 1 && age(r) < 25 : status === "expired" ? age(r) > 35 : age(r) >= 25 && age(r) < 150);
      const report = input.reports.find((r) => !used.has(r.id) && fits(r));
      if (!report) return;
      used.add(report.id);
      const rng = mulberry32(hashString(`advisor-referral:${partner.key}:${status}`));
      const n = 100 + pi * ADVISOR_STATUSES.length + si;
      const person = report.person && (report.person.phone !== null || report.person.email !== null) ? report.person : invented(n);
      const createdAt = new Date(report.at.getTime() + 17 * HOUR);
      const count = steps("advisor", status).length - 1;
      const stepTimes = status === "expired" ? [new Date(createdAt.getTime() + 30 * DAY)] : spaced(createdAt, count, now, rng);
      const reason = status === "declined" ? (DECLINE_REASONS[(pi + 1) % 3] as string) : status === "redirected" ? "La demande relève d'un autre service : transmise à l'accueil de la mairie." : null;
      plans.push({
        source: "advisor",
        fromStructureId: report.structureId,
        createdByUserId: report.advisorUserId,
        targetStructureId: partner.structureId,
        targetPlaceId: null,
        activityReportId: report.id,
        appointmentId: null,
        status,
        themes: report.themes,
        needs: null,
        urgency: "normal",
        person,
        contactPreference: contactOf(person),
        consentMode: "oral",
        createdAt,
        remindedAt: status === "expired" || (status === "received" && age(report) >= 10) ? new Date(createdAt.getTime() + 10 * DAY) : null,
        events: timeline("advisor", status, { createdAt, stepTimes }, reason, { referrer: report.advisorUserId, receiver: partner.agentUserId }),
      });
    });
  });
  return plans;
}

export function planDemoReferrals(input: DemoReferralInputs): DemoReferralPlan[] {
  return [...partnerReferrals(input), ...advisorReferrals(input)];
}
