// Workshops (collective reports) of the demo: the field's catalogue of topics, their length, and the
// anonymous participants broken down by gender, age band and status as advisors record them.
import type { AnonymousParticipants } from "../activities/activity.ts";
import { AGE_BANDS, type CollectiveLevel, GENDERS, SOCIAL_STATUSES, type Theme } from "../activities/taxonomy.ts";
import { anonymousProfile, draw, type Rng, type Table, table, type Weights } from "./demo.activities.weights.ts";

const COLLECTIVE_DURATIONS: Weights<string> = { "60": 20, "90": 35, "120": 40, autre: 5 };

export function collectiveDuration(rng: Rng): number {
  const code = draw(COLLECTIVE_DURATIONS, rng);
  return code === "autre" ? (rng() < 0.5 ? 150 : 180) : Number(code);
}

/** Anonymous workshop participants; some advisors break down only part of the group (the rest « non communiqué »). */
export function anonymousParticipants(total: number, rng: Rng): AnonymousParticipants {
  const zero = <T extends string>(codes: readonly { code: T }[]) => Object.fromEntries(codes.map((c) => [c.code, 0])) as Record<T, number>;
  const out: AnonymousParticipants = { total, genders: zero(GENDERS), ageBands: zero(AGE_BANDS), socialStatuses: zero(SOCIAL_STATUSES) };
  const described = rng() < 0.25 ? Math.floor(total * rng()) : total;
  for (let i = 0; i < total; i++) {
    if (i >= described) {
      out.genders["non-communique"]++;
      out.ageBands["non-communique"]++;
      out.socialStatuses["non-communique"]++;
      continue;
    }
    const p = anonymousProfile(rng);
    out.genders[p.gender]++;
    out.ageBands[p.ageBand]++;
    out.socialStatuses[p.socialStatus]++;
  }
  return out;
}

export interface WorkshopTopic {
  title: string;
  themes: Theme[];
  level: CollectiveLevel;
  weight: number;
}

/** The workshops advisors run, as the field lists them (security and handling devices first). */
export const WORKSHOP_TOPICS: WorkshopTopic[] = [
  { title: "Repérer les arnaques en ligne", themes: ["securite-numerique"], level: "debutant", weight: 10 },
  { title: "Bien utiliser son smartphone", themes: ["prise-en-main-materiel"], level: "debutant", weight: 10 },
  { title: "Débuter avec l'ordinateur", themes: ["prise-en-main-materiel", "navigation-internet"], level: "debutant", weight: 8 },
  { title: "Créer et gérer sa boîte e-mail", themes: ["e-mail"], level: "debutant", weight: 8 },
  { title: "Naviguer sur internet en confiance", themes: ["navigation-internet", "securite-numerique"], level: "debutant", weight: 6 },
  { title: "Ranger et sauvegarder ses photos", themes: ["contenus-numeriques"], level: "intermediaire", weight: 6 },
  { title: "L'intelligence artificielle au quotidien", themes: ["intelligence-artificielle", "culture-numerique"], level: "intermediaire", weight: 6 },
  { title: "Garder le contact en visio", themes: ["reseaux-sociaux"], level: "debutant", weight: 5 },
  { title: "Ameli et Mon espace santé", themes: ["sante"], level: "intermediaire", weight: 5 },
  { title: "Traitement de texte : écrire une lettre", themes: ["bureautique"], level: "intermediaire", weight: 4 },
  { title: "Les écrans et nos enfants", themes: ["parentalite"], level: "debutant", weight: 3 },
  { title: "Créer son CV en ligne", themes: ["insertion-professionnelle", "bureautique"], level: "intermediaire", weight: 3 },
  { title: "Retoucher ses photos, créer un album", themes: ["creer-avec-numerique"], level: "avance", weight: 2 },
  { title: "Comprendre le numérique d'aujourd'hui", themes: ["culture-numerique"], level: "debutant", weight: 3 },
  { title: "Acheter et payer en ligne sans risque", themes: ["banque-achats", "securite-numerique"], level: "intermediaire", weight: 4 },
];

const topicTables = new Map<boolean, Table<string>>();

export function workshopTopic(date: string, rng: Rng): WorkshopTopic {
  const october = date.slice(5, 7) === "10"; // the cybersecurity month
  let t = topicTables.get(october);
  if (t === undefined) {
    t = table(
      Object.fromEntries(WORKSHOP_TOPICS.map((topic, i) => [String(i), topic.weight * (october && topic.themes.includes("securite-numerique") ? 2 : 1)])),
    );
    topicTables.set(october, t);
  }
  return WORKSHOP_TOPICS[Number(draw(t, rng))] as WorkshopTopic;
}
