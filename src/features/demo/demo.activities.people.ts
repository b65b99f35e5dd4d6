// Identified people (bénéficiaires) of the demo: about ten per advisor, each met first on a day of the
// advisor's activity (when they gave their consent) and followed over several reports, sometimes by a
// colleague when the record is shared with the structure; some also came to workshops. A few were entered
// twice with and without accents, as happens in real life, so the duplicate finder has something to show.
// Pure and deterministic; turns some anonymous individual drafts into reports about a known person.
import type { IndividualActivityReport } from "../activities/activity.ts";
import { AGE_BANDS, type AgeBand, ageBandFromBirthYear, type Gender, type SocialStatus } from "../activities/taxonomy.ts";
import { searchNameOf } from "../beneficiaries/beneficiary.ts";
import { addDays, parisToInstant, toParis } from "../calendar/paris-time.ts";
import type { DemoReportDraft } from "./demo.activities.ts";
import { draw, ageBand as drawAgeBand, socialStatus as drawSocialStatus, type Rng } from "./demo.activities.weights.ts";
import { type DemoNetwork, emailLocalPart, generateNames, hashString, mulberry32, type PersonName } from "./demo.data.ts";

export type ConsentMethod = "oral" | "ecrit" | "en-ligne";

export interface DemoBeneficiary {
  key: string;
  advisor: string; // e-mail of the owner
  structure: string; // structure key
  shared: boolean;
  firstName: string;
  lastName: string;
  /** Lower-case, accent-free "first last", as the beneficiaries' search computes it. */
  searchName: string;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  notes: string | null;
  residenceCommuneCode: string | null;
  gender: Gender;
  ageBand: AgeBand;
  socialStatus: SocialStatus;
  consentAt: Date;
  consentMethod: ConsentMethod;
  /** The record this one probably duplicates (same person entered twice), for tests and documentation. */
  likelyDuplicateOf: string | null;
  lastSeen: string;
}

export interface BeneficiaryPlanInput {
  network: DemoNetwork;
  /** Sorted by date; known people are written into them. */
  reports: DemoReportDraft[];
  near(code: string, rng: Rng): string;
  now: Date;
}

const MASCULINE = new Set([
  "Julien", "Thomas", "Nicolas", "Mathieu", "Sébastien", "Guillaume", "Romain", "Maxime", "Kévin", "Jérôme", "Hugo", "Antoine",
  "Yannick", "Karim", "Mehdi", "Youssef", "Joël", "Bernard", "Pierre-Yves", "Jean-Marc", "Lucas", "Baptiste", "Florian", "Rémi",
  "Thierry", "Benoît", "Damien", "Cédric", "Loïc", "Stéphane", "Alain", "Patrick", "Christophe", "Adrien",
]);

const NOTES = [
  "Prépare sa demande de retraite : revoir les pièces justificatives.",
  "Souhaite prendre ses rendez-vous médicaux seule.",
  "Vient avec sa fille le mardi.",
  "Déclaration de revenus faite ensemble en mai.",
  "Nouveau téléphone reçu à Noël, tout est à paramétrer.",
  "Cherche un emploi de cariste : suivi de l'espace France Travail.",
];

/** Names for the demo's people, distinct once accents and case are ignored. */
function namePool(count: number): PersonName[] {
  const seen = new Set<string>();
  const out: PersonName[] = [];
  for (let round = 0; out.length < count; round++) {
    for (const name of generateNames(80, hashString(`demo:beneficiaries:${round}`))) {
      const key = searchNameOf(name.firstName, name.lastName) ?? "";
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(name);
    }
  }
  return out.slice(0, count);
}

function plainName(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "");
}

export function demoBeneficiaries(input: BeneficiaryPlanInput): DemoBeneficiary[] {
  const { network, reports, now } = input;
  const advisors = network.accounts.flatMap((a) => (a.advisor ? [{ email: a.email, structure: a.advisor.structure }] : []));
  const individual = new Map<string, number[]>(advisors.map((a) => [a.email, []]));
  const collective = new Map<string, number[]>(advisors.map((a) => [a.email, []]));
  reports.forEach((r, i) => {
    if (r.appointmentId !== null || r.workshopId !== null) return;
    (r.report.type === "individuel" ? individual : collective).get(r.advisor)?.push(i);
  });
  const used = new Set<number>();
  const names = namePool(advisors.length * 11);
  const out: DemoBeneficiary[] = [];
  const colleaguesOf = (a: { email: string; structure: string }) => advisors.filter((b) => b.structure === a.structure && b.email !== a.email);

  /** The first unused individual report of `advisor` on or after `date`. */
  const nextReport = (advisor: string, date: string): number | null => {
    for (const i of individual.get(advisor) ?? []) if (!used.has(i) && (reports[i] as DemoReportDraft).report.date >= date) return i;
    return null;
  };
  const follow = (b: DemoBeneficiary, i: number, first: IndividualActivityReport | null, rng: Rng) => {
    used.add(i);
    const draft = reports[i] as DemoReportDraft;
    const report = draft.report as IndividualActivityReport;
    const same = first !== null && rng() < 0.6;
    draft.report = {
      ...report,
      themes: same ? [...first.themes] : report.themes,
      procedureAreas: same ? [...first.procedureAreas] : report.procedureAreas,
      beneficiary: { kind: "known", beneficiaryId: b.key },
    };
    if (report.date > b.lastSeen) b.lastSeen = report.date;
  };

  for (const advisor of advisors) {
    const rng = mulberry32(hashString(`beneficiaries:${advisor.email}`));
    const pool = individual.get(advisor.email) ?? [];
    const colleagues = colleaguesOf(advisor);
    const count = Math.min(10 + (rng() < 0.5 ? 1 : 0), Math.floor(pool.length / 6));
    for (let n = 0; n < count; n++) {
      let start: number | null = null;
      for (let attempt = 0; attempt < 30 && start === null; attempt++) {
        const candidate = pool[Math.floor(rng() * pool.length * 0.85)] as number;
        if (!used.has(candidate)) start = candidate;
      }
      if (start === null) continue;
      const firstDraft = reports[start] as DemoReportDraft;
      const first = firstDraft.report as IndividualActivityReport;
      const b = person(`b${out.length}`, names[out.length] as PersonName, advisor, firstDraft, input, rng);
      out.push(b);
      follow(b, start, null, rng);
      let date = first.date;
      const followUps = Number(draw({ "1": 15, "2": 25, "3": 25, "4": 15, "5": 10, "7": 10 }, rng));
      for (let f = 0; f < followUps; f++) {
        const by = b.shared && colleagues.length > 0 && rng() < 0.25 ? (colleagues[Math.floor(rng() * colleagues.length)] as { email: string }).email : advisor.email;
        const next = nextReport(by, addDays(date, 7 + Math.floor(rng() * 28)));
        if (next === null) break;
        follow(b, next, first, rng);
        date = (reports[next] as DemoReportDraft).report.date;
      }
      // Some came to a workshop of their advisor too.
      if (rng() < 0.3) {
        const workshops = (collective.get(advisor.email) ?? []).filter((i) => (reports[i] as DemoReportDraft).report.date > first.date);
        for (let k = 0; k < 1 + Math.floor(rng() * 2) && workshops.length > 0; k++) {
          const draft = reports[workshops[Math.floor(rng() * workshops.length)] as number] as DemoReportDraft;
          if (draft.report.type !== "collectif" || draft.report.participants.beneficiaryIds.includes(b.key)) continue;
          const p = draft.report.participants;
          draft.report = { ...draft.report, participants: { ...p, beneficiaryIds: [...p.beneficiaryIds, b.key], total: p.total + 1 } };
          if (draft.report.date > b.lastSeen) b.lastSeen = draft.report.date;
        }
      }
    }
  }
  out.push(...likelyDuplicates(out, advisors, input, nextReport, follow));
  for (const b of out) if (b.lastSeen > toParis(now).date) b.lastSeen = toParis(now).date;
  return out;
}

function person(key: string, name: PersonName, advisor: { email: string; structure: string }, first: DemoReportDraft, input: BeneficiaryPlanInput, rng: Rng): DemoBeneficiary {
  const report = first.report as IndividualActivityReport;
  const year = Number(toParis(input.now).date.slice(0, 4));
  let band = drawAgeBand(rng);
  while (band === "moins-de-12" || band === "12-17" || band === "non-communique") band = drawAgeBand(rng);
  const limits = AGE_BANDS.find((b) => b.code === band) as { minAge: number | null; maxAge: number | null };
  const age = (limits.minAge as number) + Math.floor(rng() * ((limits.maxAge ?? 92) - (limits.minAge as number) + 1));
  const birthYear = rng() < 0.07 ? null : year - age;
  const ageBand = ageBandFromBirthYear(birthYear, input.now);
  const index = Number(key.slice(1));
  const residence = report.beneficiary.kind === "anonymous" ? report.beneficiary.residenceCommuneCode : null;
  const home = first.placeCommune ?? residence;
  const phone = rng() < 0.65 ? `06 98 76 ${String(Math.floor(index / 100)).padStart(2, "0")} ${String(index % 100).padStart(2, "0")}` : null;
  const consentAt = parisToInstant(report.date, `${9 + Math.floor(rng() * 3)}:${String(Math.floor(rng() * 60)).padStart(2, "0")}`);
  return {
    key,
    advisor: advisor.email,
    structure: advisor.structure,
    shared: rng() < 0.3,
    firstName: name.firstName,
    lastName: name.lastName,
    searchName: searchNameOf(name.firstName, name.lastName) ?? "",
    phone,
    email: rng() < 0.45 ? `${emailLocalPart(name)}@example.org` : null,
    birthYear,
    notes: rng() < 0.2 ? (NOTES[Math.floor(rng() * NOTES.length)] as string) : null,
    residenceCommuneCode: residence ?? (home === null ? null : input.near(home, rng)),
    gender: rng() < 0.04 ? "non-communique" : MASCULINE.has(name.firstName) ? "masculin" : "feminin",
    ageBand,
    socialStatus: drawSocialStatus(ageBand === "non-communique" ? band : ageBand, rng),
    consentAt,
    consentMethod: draw<ConsentMethod>({ oral: 55, ecrit: 35, "en-ligne": 10 }, rng),
    likelyDuplicateOf: null,
    lastSeen: report.date,
  };
}

/** About one record in sixty written again later without its accents (or hyphen), often by a colleague. */
function likelyDuplicates(
  people: DemoBeneficiary[],
  advisors: { email: string; structure: string }[],
  input: BeneficiaryPlanInput,
  nextReport: (advisor: string, date: string) => number | null,
  follow: (b: DemoBeneficiary, i: number, first: IndividualActivityReport | null, rng: Rng) => void,
): DemoBeneficiary[] {
  const rng = mulberry32(hashString("beneficiaries:duplicates"));
  const candidates = people.filter((b) => plainName(`${b.firstName} ${b.lastName}`).replace("-", " ") !== `${b.firstName} ${b.lastName}`);
  const wanted = Math.max(1, Math.round(people.length / 60));
  const step = Math.max(1, Math.floor(candidates.length / wanted));
  const out: DemoBeneficiary[] = [];
  for (let i = 0; i < candidates.length && out.length < wanted; i += step) {
    const original = candidates[i] as DemoBeneficiary;
    const colleagues = advisors.filter((a) => a.structure === original.structure && a.email !== original.advisor);
    const owner = colleagues.length > 0 ? (colleagues[Math.floor(rng() * colleagues.length)] as { email: string }) : { email: original.advisor };
    const at = nextReport(owner.email, addDays(toParis(original.consentAt).date, 20 + Math.floor(rng() * 60)));
    if (at === null) continue;
    const date = (input.reports[at] as DemoReportDraft).report.date;
    const firstName = plainName(original.firstName).replace("-", " ");
    const lastName = plainName(original.lastName);
    const copy: DemoBeneficiary = {
      ...original,
      key: `b${people.length + out.length}`,
      advisor: owner.email,
      shared: false,
      firstName,
      lastName,
      searchName: searchNameOf(firstName, lastName) ?? "",
      phone: null,
      email: original.email === null ? null : original.email,
      notes: null,
      consentAt: parisToInstant(date, "10:15"),
      consentMethod: "oral",
      likelyDuplicateOf: original.key,
      lastSeen: date,
    };
    out.push(copy);
    follow(copy, at, null, rng);
    const again = nextReport(owner.email, addDays(date, 14));
    if (again !== null && rng() < 0.5) follow(copy, again, null, rng);
  }
  return out;
}
