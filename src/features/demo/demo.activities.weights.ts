// How the demo's activity reports are shaped: volumes by season, themes and procedure areas as the
// field reports them, who comes (older people over-represented), places, durations and equipment.
// Plain weight tables and weighted draws; everything is driven by a seeded PRNG, so same seed, same draw.
import type {
  AgeBand,
  Autonomy,
  Equipment,
  Gender,
  ProcedureArea,
  ReferralStructure,
  SocialStatus,
  Theme,
} from "../activities/taxonomy.ts";

export type Rng = () => number;
export type Weights<T extends string> = Partial<Record<T, number>>;

/** Weights compiled once into cumulative sums: tens of thousands of draws stay cheap. */
export interface Table<T extends string> {
  codes: T[];
  cumulative: number[];
  total: number;
}

const compiled = new WeakMap<object, Table<string>>();

export function table<T extends string>(weights: Weights<T>): Table<T> {
  const known = compiled.get(weights);
  if (known) return known as Table<T>;
  const codes: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [code, w] of Object.entries(weights) as [T, number][]) {
    if (!(w > 0)) continue;
    total += w;
    codes.push(code);
    cumulative.push(total);
  }
  const out = { codes, cumulative, total };
  compiled.set(weights, out);
  return out;
}

/** A code drawn with probability proportional to its weight. */
export function draw<T extends string>(weights: Weights<T> | Table<T>, rng: Rng): T {
  const t = "cumulative" in weights && Array.isArray(weights.cumulative) ? (weights as Table<T>) : table(weights as Weights<T>);
  const r = rng() * t.total;
  for (let i = 0; i < t.codes.length; i++) if (r < (t.cumulative[i] as number)) return t.codes[i] as T;
  return t.codes[t.codes.length - 1] as T;
}

/** Volume by month (1–12): tax returns in April–May, back to school in September, August and Christmas off. */
const MONTH_VOLUME = [1.0, 1.0, 1.05, 1.35, 1.45, 1.05, 0.8, 0.5, 1.45, 1.1, 1.0, 0.85] as const;

export function seasonalVolume(date: string): number {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const christmas = (month === 12 && day >= 20) || (month === 1 && day <= 4);
  return (MONTH_VOLUME[month - 1] as number) * (christmas ? 0.5 : 1);
}

const INDIVIDUAL_THEMES: Weights<Theme> = {
  "aide-demarches": 24,
  "prise-en-main-materiel": 16,
  "e-mail": 12,
  "navigation-internet": 9,
  sante: 7,
  "insertion-professionnelle": 6,
  "securite-numerique": 5,
  "banque-achats": 5,
  "contenus-numeriques": 5,
  bureautique: 3,
  "reseaux-sociaux": 3,
  "diagnostic-numerique": 2,
  "maintenance-materiel": 2,
  scolarite: 1.5,
  "intelligence-artificielle": 1.5,
  parentalite: 1,
  "culture-numerique": 1,
  "creer-avec-numerique": 0.5,
  "accompagner-professionnel": 0.5,
};

const PROCEDURE_AREA_WEIGHTS: Weights<ProcedureArea> = {
  "social-sante": 22,
  "papiers-citoyennete": 18,
  "argent-impots": 14,
  "travail-formation": 12,
  logement: 8,
  "famille-scolarite": 8,
  "transports-mobilite": 7,
  "etrangers-europe": 4,
  justice: 2,
  "loisirs-culture": 2,
  associations: 1,
};

function month(date: string): number {
  return Number(date.slice(5, 7));
}

const themeTables = new Map<string, Table<Theme>>();

/** Themes of an individual report: 1 to 3, the season and the person's situation tilting the draw. */
export function individualThemes(date: string, profile: { ageBand: AgeBand; socialStatus: SocialStatus }, rng: Rng): Theme[] {
  const key = `${month(date)}|${profile.ageBand}|${profile.socialStatus}`;
  let t = themeTables.get(key);
  if (t === undefined) {
    t = table(themeWeights(month(date), profile));
    themeTables.set(key, t);
  }
  const count = 1 + (rng() < 0.35 ? 1 : 0) + (rng() < 0.08 ? 1 : 0);
  return distinctDraws(t, count, rng);
}

function themeWeights(m: number, profile: { ageBand: AgeBand; socialStatus: SocialStatus }): Weights<Theme> {
  const weights: Weights<Theme> = { ...INDIVIDUAL_THEMES };
  const scale = (theme: Theme, factor: number) => {
    weights[theme] = (weights[theme] ?? 0) * factor;
  };
  if (m === 4 || m === 5) scale("aide-demarches", 1.7);
  if (m === 9) {
    scale("scolarite", 6);
    scale("aide-demarches", 1.3);
  }
  if (m === 1) scale("prise-en-main-materiel", 1.4); // the phones and tablets given at Christmas
  if (m === 10) scale("securite-numerique", 1.6); // the cybersecurity month
  if (profile.socialStatus === "retraite") {
    scale("insertion-professionnelle", 0);
    scale("scolarite", 0.1);
    scale("sante", 1.5);
  }
  if (profile.socialStatus === "sans-emploi") scale("insertion-professionnelle", 3);
  if (profile.ageBand === "70-et-plus") scale("parentalite", 0);
  return weights;
}

/** `count` different codes; drawing again on a repeat is the same as drawing without replacement. */
function distinctDraws<T extends string>(t: Table<T>, count: number, rng: Rng): T[] {
  const out: T[] = [];
  for (let tries = 0; out.length < Math.min(count, t.codes.length) && tries < 50; tries++) {
    const code = draw(t, rng);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

const areaTables = new Map<number, Table<ProcedureArea>>();

/** 1 or 2 procedure areas: income tax in April–May, school grants and the CAF in September. */
export function procedureAreas(date: string, rng: Rng): ProcedureArea[] {
  const m = month(date);
  let t = areaTables.get(m);
  if (t === undefined) {
    const weights: Weights<ProcedureArea> = { ...PROCEDURE_AREA_WEIGHTS };
    if (m === 4 || m === 5) weights["argent-impots"] = 80;
    if (m === 6) weights["argent-impots"] = 30;
    if (m === 9) {
      weights["famille-scolarite"] = 45;
      weights["social-sante"] = 30; // CAF: the back-to-school allowance
    }
    t = table(weights);
    areaTables.set(m, t);
  }
  return distinctDraws(t, rng() < 0.2 ? 2 : 1, rng);
}

const AGE_WEIGHTS: Weights<AgeBand> = {
  "moins-de-12": 0.3,
  "12-17": 1,
  "18-24": 4,
  "25-39": 11,
  "40-59": 21,
  "60-69": 24,
  "70-et-plus": 33,
  "non-communique": 5.7,
};

const STATUS_BY_AGE: Record<AgeBand, Weights<SocialStatus>> = {
  "moins-de-12": { scolarise: 95, "non-communique": 5 },
  "12-17": { scolarise: 95, "non-communique": 5 },
  "18-24": { scolarise: 40, "sans-emploi": 30, "en-emploi": 22, "non-communique": 8 },
  "25-39": { "sans-emploi": 45, "en-emploi": 40, scolarise: 3, "non-communique": 12 },
  "40-59": { "sans-emploi": 45, "en-emploi": 40, retraite: 2, "non-communique": 13 },
  "60-69": { retraite: 65, "sans-emploi": 15, "en-emploi": 10, "non-communique": 10 },
  "70-et-plus": { retraite: 93, "non-communique": 7 },
  "non-communique": { "non-communique": 60, retraite: 20, "sans-emploi": 10, "en-emploi": 10 },
};

export interface Profile {
  gender: Gender;
  ageBand: AgeBand;
  socialStatus: SocialStatus;
}

const GENDER_WEIGHTS: Weights<Gender> = { feminin: 55, masculin: 40, "non-communique": 5 };

export function gender(rng: Rng): Gender {
  return draw(GENDER_WEIGHTS, rng);
}

export function ageBand(rng: Rng): AgeBand {
  return draw(AGE_WEIGHTS, rng);
}

export function socialStatus(band: AgeBand, rng: Rng): SocialStatus {
  return draw(STATUS_BY_AGE[band], rng);
}

export function anonymousProfile(rng: Rng): Profile {
  const band = ageBand(rng);
  return { gender: gender(rng), ageBand: band, socialStatus: socialStatus(band, rng) };
}

export type PlaceChoice = "lieu-activite" | "domicile" | "a-distance" | "autre-lieu";

const AT_PERMANENCE: Weights<PlaceChoice> = { "lieu-activite": 78, "a-distance": 10, domicile: 7, "autre-lieu": 5 };
const OUTSIDE_PERMANENCE: Weights<PlaceChoice> = { "lieu-activite": 45, "a-distance": 27, domicile: 15, "autre-lieu": 13 };

export function individualPlace(rng: Rng): PlaceChoice {
  return draw(AT_PERMANENCE, rng);
}

/** Around the permanences: calls back, home visits, help in a partner's premises, and the office. */
export function placeOutsidePermanence(rng: Rng): PlaceChoice {
  return draw(OUTSIDE_PERMANENCE, rng);
}

/** Minutes: mostly presets (30 min to 1 h), a few typed by hand. */
const INDIVIDUAL_DURATIONS: Weights<string> = { "15": 8, "30": 25, "45": 22, "60": 30, "90": 10, "120": 3, autre: 2 };

export function individualDuration(rng: Rng): number {
  const code = draw(INDIVIDUAL_DURATIONS, rng);
  if (code === "autre") return [20, 40, 50, 75][Math.floor(rng() * 4)] as number;
  return Number(code);
}


const REMOTE_EQUIPMENT: Weights<Equipment> = { telephone: 70, ordinateur: 20, aucun: 10 };
const EQUIPMENT_WEIGHTS: Weights<Equipment> = { ordinateur: 45, telephone: 35, tablette: 8, autre: 2, aucun: 10 };

export function equipment(place: PlaceChoice, rng: Rng): Equipment[] {
  if (place === "a-distance") return [draw(REMOTE_EQUIPMENT, rng)];
  const first = draw(EQUIPMENT_WEIGHTS, rng);
  if (first === "aucun" || rng() > 0.1) return [first];
  return first === "ordinateur" ? ["ordinateur", "telephone"] : [first, "ordinateur"];
}

const AUTONOMY_WEIGHTS: Weights<Autonomy> = { "entierement-accompagne": 40, "partiellement-autonome": 45, autonome: 15 };
const REFERRAL_FOR_JOBS: Weights<ReferralStructure> = { "insertion-professionnelle": 80, "aide-demarches": 20 };
const REFERRAL_WEIGHTS: Weights<ReferralStructure> = {
  "operateur-demarche": 35,
  "aide-demarches": 25,
  administration: 15,
  "aide-sociale": 12,
  "mediation-numerique": 8,
  autre: 5,
};

export function autonomy(rng: Rng): Autonomy | null {
  if (rng() < 0.15) return null;
  return draw(AUTONOMY_WEIGHTS, rng);
}

export type Orientation = { oriented: false } | { oriented: true; referralStructure: ReferralStructure | null } | null;

/** Oriented now and then, to the body that handles the procedure more often than not. */
export function orientation(themes: readonly Theme[], rng: Rng): Orientation {
  if (rng() < 0.2) return null;
  if (rng() >= (themes.includes("aide-demarches") ? 0.28 : 0.1)) return { oriented: false };
  if (rng() < 0.15) return { oriented: true, referralStructure: null };
  const referral = draw(themes.includes("insertion-professionnelle") ? REFERRAL_FOR_JOBS : REFERRAL_WEIGHTS, rng);
  return { oriented: true, referralStructure: referral };
}
