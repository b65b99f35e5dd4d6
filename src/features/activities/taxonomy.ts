// The national activity-report taxonomy (comptes rendus d'activité), each enumeration once.
// Every option has a stable URL/API `code` (what we store and accept), a plain-French `label` (what a
// person reads in our forms) and `national`: the exact value the national tool of the profession
// (La Coop de la médiation numérique) writes in its exports. National values were taken from that
// tool's published source; check them against a real export before relying on them for reconciliation.
import { toParis } from "../calendar/paris-time.ts";

export interface TaxonomyOption {
  /** Stable, URL/API-safe code; this is what the database stores. */
  readonly code: string;
  /** Plain French, shown in forms. */
  readonly label: string;
  /** The value the national tool uses in its exports. */
  readonly national: string;
}

export type CodeOf<T extends readonly TaxonomyOption[]> = T[number]["code"];

export const ACTIVITY_TYPES = [
  { code: "individuel", label: "Accompagnement individuel", national: "Accompagnement individuel" },
  { code: "collectif", label: "Atelier collectif", national: "Atelier collectif" },
] as const satisfies readonly TaxonomyOption[];
export type ActivityType = CodeOf<typeof ACTIVITY_TYPES>;

export const PLACE_TYPES = [
  { code: "lieu-activite", label: "Dans un de mes lieux d'activité", national: "Lieu d’activité" },
  { code: "domicile", label: "Au domicile de la personne", national: "À domicile" },
  { code: "a-distance", label: "À distance (téléphone, visio)", national: "À distance" },
  { code: "autre-lieu", label: "Dans un autre lieu", national: "Autre lieu" },
] as const satisfies readonly TaxonomyOption[];
export type PlaceType = CodeOf<typeof PLACE_TYPES>;

/** The national export writes the duration as a number of minutes (column « Durée (min) »). */
export const DURATION_PRESETS = [
  { code: "15", label: "15 min", national: "15", minutes: 15 },
  { code: "30", label: "30 min", national: "30", minutes: 30 },
  { code: "45", label: "45 min", national: "45", minutes: 45 },
  { code: "60", label: "1 h", national: "60", minutes: 60 },
  { code: "90", label: "1 h 30", national: "90", minutes: 90 },
  { code: "120", label: "2 h", national: "120", minutes: 120 },
] as const satisfies readonly (TaxonomyOption & { minutes: number })[];
export type DurationPreset = CodeOf<typeof DURATION_PRESETS>;
/** The form choice meaning "another duration, typed in minutes". */
export const CUSTOM_DURATION = { code: "autre", label: "Autre durée (en minutes)" } as const;
export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 1440;

export const EQUIPMENT = [
  { code: "ordinateur", label: "Ordinateur", national: "Ordinateur" },
  { code: "telephone", label: "Téléphone", national: "Téléphone" },
  { code: "tablette", label: "Tablette", national: "Tablette" },
  { code: "autre", label: "Autre matériel", national: "Autre" },
  { code: "aucun", label: "Pas de matériel", national: "Pas de matériel" },
] as const satisfies readonly TaxonomyOption[];
export type Equipment = CodeOf<typeof EQUIPMENT>;

export const THEMES = [
  { code: "diagnostic-numerique", label: "Diagnostic numérique", national: "Diagnostic numérique" },
  { code: "prise-en-main-materiel", label: "Prendre en main du matériel", national: "Prendre en main du matériel" },
  { code: "maintenance-materiel", label: "Entretenir son matériel", national: "Maintenance de matériel" },
  { code: "contenus-numeriques", label: "Gérer ses fichiers et contenus", national: "Gérer ses contenus numériques" },
  { code: "navigation-internet", label: "Naviguer sur internet", national: "Navigation sur internet" },
  { code: "e-mail", label: "Courriel (e-mail)", national: "E-mail" },
  { code: "bureautique", label: "Bureautique (texte, tableur)", national: "Bureautique" },
  { code: "reseaux-sociaux", label: "Réseaux sociaux et communication", national: "Réseaux sociaux communication" },
  { code: "sante", label: "Santé (Ameli, prise de rendez-vous…)", national: "Santé" },
  { code: "banque-achats", label: "Banque et achats en ligne", national: "Banque et achats en ligne" },
  {
    code: "accompagner-professionnel",
    label: "Accompagner un professionnel (entreprise)",
    national: "Accompagner un professionnel",
  },
  { code: "insertion-professionnelle", label: "Emploi et formation", national: "Insertion professionnelle" },
  { code: "securite-numerique", label: "Se protéger en ligne", national: "Prévention en sécurité numérique" },
  { code: "parentalite", label: "Parentalité", national: "Parentalité" },
  { code: "scolarite", label: "Scolarité et numérique", national: "Scolarité et numérique" },
  { code: "creer-avec-numerique", label: "Créer avec le numérique", national: "Créer avec le numérique" },
  { code: "culture-numerique", label: "Culture numérique", national: "Culture numérique" },
  { code: "intelligence-artificielle", label: "Intelligence artificielle (IA)", national: "Intelligence artificielle (IA)" },
  { code: "aide-demarches", label: "Aide aux démarches administratives", national: "Aide aux démarches administratives" },
] as const satisfies readonly TaxonomyOption[];
export type Theme = CodeOf<typeof THEMES>;
/** The theme that opens the procedure areas. */
export const ADMINISTRATIVE_HELP_THEME: Theme = "aide-demarches";

/** Procedure areas; the national tool lists them in the same export column as the themes. */
export const PROCEDURE_AREAS = [
  {
    code: "papiers-citoyennete",
    label: "Papiers, élections, citoyenneté",
    national: "Papiers - Élections Citoyenneté",
  },
  { code: "famille-scolarite", label: "Famille, scolarité", national: "Famille - Scolarité" },
  { code: "social-sante", label: "Social, santé", national: "Social - Santé" },
  { code: "travail-formation", label: "Travail, formation, entreprise", national: "Travail - Formation" },
  { code: "logement", label: "Logement", national: "Logement" },
  { code: "transports-mobilite", label: "Transports, mobilité", national: "Transports - Mobilité" },
  { code: "argent-impots", label: "Argent, impôts", national: "Argent - Impôts" },
  { code: "justice", label: "Justice", national: "Justice" },
  { code: "etrangers-europe", label: "Étrangers, Europe", national: "Étrangers - Europe" },
  { code: "loisirs-culture", label: "Loisirs, sports, culture", national: "Loisirs - Sports Culture" },
  // Not in the version of the national source we could read: check this value against a real export.
  { code: "associations", label: "Associations", national: "Associations" },
] as const satisfies readonly TaxonomyOption[];
export type ProcedureArea = CodeOf<typeof PROCEDURE_AREAS>;

/** The national export shows autonomy as stars out of three (« 1/3 »). */
export const AUTONOMY_LEVELS = [
  { code: "entierement-accompagne", label: "Entièrement accompagnée", national: "1/3" },
  { code: "partiellement-autonome", label: "Partiellement autonome", national: "2/3" },
  { code: "autonome", label: "Autonome", national: "3/3" },
] as const satisfies readonly TaxonomyOption[];
export type Autonomy = CodeOf<typeof AUTONOMY_LEVELS>;

export const ORIENTATION_ANSWERS = [
  { code: "oui", label: "Oui", national: "Oui" },
  { code: "non", label: "Non", national: "Non" },
] as const satisfies readonly TaxonomyOption[];
export type OrientationAnswer = CodeOf<typeof ORIENTATION_ANSWERS>;

export const REFERRAL_STRUCTURES = [
  { code: "administration", label: "Une administration (mairie, préfecture…)", national: "Administration (mairie, préfecture…)" },
  {
    code: "mediation-numerique",
    label: "Une autre structure de médiation numérique",
    national: "Autre structure de médiation numérique",
  },
  {
    code: "operateur-demarche",
    label: "L'organisme qui gère la démarche (CAF, impôts…)",
    national: "Opérateur ou organisme en charge de la démarche administrative",
  },
  {
    code: "aide-sociale",
    label: "Une structure d'aide sociale (centre social…)",
    national: "Structure d’aide sociale (maison des solidarités, centre social…)",
  },
  {
    code: "insertion-professionnelle",
    label: "Une structure pour l'emploi (France Travail, mission locale…)",
    national: "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)",
  },
  {
    code: "aide-demarches",
    label: "Un guichet d'aide aux démarches (France Services…)",
    national: "Structure d’aide aux démarches administratives (France Services…)",
  },
  { code: "autre", label: "Autre", national: "Autre" },
] as const satisfies readonly TaxonomyOption[];
export type ReferralStructure = CodeOf<typeof REFERRAL_STRUCTURES>;

/** The national export shows a workshop's level as stars out of three, in the autonomy column. */
export const COLLECTIVE_LEVELS = [
  { code: "debutant", label: "Débutant", national: "1/3" },
  { code: "intermediaire", label: "Intermédiaire", national: "2/3" },
  { code: "avance", label: "Avancé", national: "3/3" },
] as const satisfies readonly TaxonomyOption[];
export type CollectiveLevel = CodeOf<typeof COLLECTIVE_LEVELS>;

export const GENDERS = [
  { code: "masculin", label: "Homme", national: "Masculin" },
  { code: "feminin", label: "Femme", national: "Féminin" },
  { code: "non-communique", label: "Non communiqué", national: "Non communiqué" },
] as const satisfies readonly TaxonomyOption[];
export type Gender = CodeOf<typeof GENDERS>;

/** Age bands; `minAge`/`maxAge` are whole years (age = reference year − birth year, as the national tool does). */
export const AGE_BANDS = [
  { code: "moins-de-12", label: "Moins de 12 ans", national: "Moins de 12 ans", minAge: 0, maxAge: 11 },
  { code: "12-17", label: "12 à 17 ans", national: "12 - 17 ans", minAge: 12, maxAge: 17 },
  { code: "18-24", label: "18 à 24 ans", national: "18 - 24 ans", minAge: 18, maxAge: 24 },
  { code: "25-39", label: "25 à 39 ans", national: "25 - 39 ans", minAge: 25, maxAge: 39 },
  { code: "40-59", label: "40 à 59 ans", national: "40 - 59 ans", minAge: 40, maxAge: 59 },
  { code: "60-69", label: "60 à 69 ans", national: "60 - 69 ans", minAge: 60, maxAge: 69 },
  { code: "70-et-plus", label: "70 ans et plus", national: "70 ans et plus", minAge: 70, maxAge: null },
  { code: "non-communique", label: "Non communiqué", national: "Non communiqué", minAge: null, maxAge: null },
] as const satisfies readonly (TaxonomyOption & { minAge: number | null; maxAge: number | null })[];
export type AgeBand = CodeOf<typeof AGE_BANDS>;

export const SOCIAL_STATUSES = [
  { code: "scolarise", label: "Élève ou étudiant", national: "Scolarisé" },
  { code: "sans-emploi", label: "Sans emploi", national: "Sans emploi" },
  { code: "en-emploi", label: "En emploi", national: "En emploi" },
  { code: "retraite", label: "Retraité", national: "Retraité" },
  { code: "non-communique", label: "Non communiqué", national: "Non communiqué ou hétérogène" },
] as const satisfies readonly TaxonomyOption[];
export type SocialStatus = CodeOf<typeof SOCIAL_STATUSES>;

/** Every table, by name: for tests, statistics and API documentation. */
export const TAXONOMY = {
  activityTypes: ACTIVITY_TYPES,
  placeTypes: PLACE_TYPES,
  durationPresets: DURATION_PRESETS,
  equipment: EQUIPMENT,
  themes: THEMES,
  procedureAreas: PROCEDURE_AREAS,
  autonomyLevels: AUTONOMY_LEVELS,
  orientationAnswers: ORIENTATION_ANSWERS,
  referralStructures: REFERRAL_STRUCTURES,
  collectiveLevels: COLLECTIVE_LEVELS,
  genders: GENDERS,
  ageBands: AGE_BANDS,
  socialStatuses: SOCIAL_STATUSES,
} as const;

export function isCodeOf<T extends readonly TaxonomyOption[]>(table: T, value: unknown): value is CodeOf<T> {
  return typeof value === "string" && table.some((option) => option.code === value);
}

export function optionOf<T extends readonly TaxonomyOption[]>(table: T, code: CodeOf<T>): T[number] {
  const option = table.find((candidate) => candidate.code === code);
  if (option === undefined) throw new Error(`Unknown code ${code}`);
  return option;
}

export function labelOf<T extends readonly TaxonomyOption[]>(table: T, code: CodeOf<T>): string {
  return optionOf(table, code).label;
}

export function nationalOf<T extends readonly TaxonomyOption[]>(table: T, code: CodeOf<T>): string {
  return optionOf(table, code).national;
}

/** The preset matching a duration, or null when the duration was typed by hand. */
export function durationPresetOf(minutes: number): DurationPreset | null {
  return DURATION_PRESETS.find((preset) => preset.minutes === minutes)?.code ?? null;
}

const OLDEST_BIRTH_YEAR = 1900;

/**
 * The age band of someone born in `birthYear`, on `referenceDate` (the activity date, in Paris).
 * Like the national tool, age is the difference of calendar years. Unknown, non-integer, too old or
 * future years give « non communiqué ».
 */
export function ageBandFromBirthYear(birthYear: number | null | undefined, referenceDate: Date): AgeBand {
  const referenceYear = Number(toParis(referenceDate).date.slice(0, 4));
  if (birthYear == null || !Number.isInteger(birthYear)) return "non-communique";
  if (birthYear < OLDEST_BIRTH_YEAR || birthYear > referenceYear) return "non-communique";
  const age = referenceYear - birthYear;
  const band = AGE_BANDS.find((b) => b.minAge !== null && age >= b.minAge && (b.maxAge === null || age <= b.maxAge));
  return band?.code ?? "non-communique";
}

/**
 * Column headers of the national tool's activity export, for the fields this taxonomy covers, in its
 * order. Taken from the national tool's published source (one row per person helped; multiple values
 * in a cell separated by line breaks; themes and procedure areas share one column). They must be
 * checked against a current export of the national tool before coordinators reconcile on them.
 */
export const NATIONAL_EXPORT_COLUMNS = [
  { field: "date", column: "Date" },
  { field: "type", column: "Type" },
  { field: "participants", column: "Participants" },
  { field: "placeType", column: "Canaux d’accompagnement" },
  { field: "placeName", column: "Nom du lieu" },
  { field: "placeAddress", column: "Adresse" },
  { field: "placeCommune", column: "Commune" },
  { field: "placePostcode", column: "Code postal" },
  { field: "placeInseeCode", column: "Code Insee" },
  { field: "durationMinutes", column: "Durée (min)" },
  { field: "title", column: "Nom de l’atelier" },
  { field: "equipment", column: "Matériel numérique utilisé" },
  { field: "themesAndProcedureAreas", column: "Thématique(s) d’accompagnement" },
  { field: "autonomyOrLevel", column: "Niveau d’autonomie (ou de l’atelier)" },
  { field: "oriented", column: "Bénéficiaire réorienté" },
  { field: "referralStructure", column: "Structure de redirection" },
  { field: "beneficiaryCommune", column: "Commune du bénéficiaire" },
  { field: "beneficiaryPostcode", column: "Code postal du bénéficiaire" },
  { field: "beneficiaryInseeCode", column: "Code Insee du bénéficiaire" },
  { field: "gender", column: "Genre du bénéficiaire" },
  { field: "ageBand", column: "Tranche d’âge du bénéficiaire" },
  { field: "socialStatus", column: "Statut du bénéficiaire" },
  { field: "id", column: "ID CRA" },
] as const satisfies readonly { field: string; column: string }[];
export type NationalExportField = (typeof NATIONAL_EXPORT_COLUMNS)[number]["field"];
