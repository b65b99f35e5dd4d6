// The self-diagnostic (« Tester mes usages du numérique »): twelve plain-French questions, two for each
// national competence area, and what the answers say: what the person can already do, and for each area
// still to learn, the level to start at and the workshop themes that teach it. Pure, no I/O.
//
// The answers travel as a short code, one digit per question in order ("2" alone, "1" with help, "0" not
// yet): the form carries it from screen to screen, the result page reads it, nothing is stored.

export type Answer = 0 | 1 | 2;

export const ANSWERS: readonly { value: Answer; label: string }[] = [
  { value: 2, label: "Oui, je sais le faire seul ou seule" },
  { value: 1, label: "Oui, mais avec un peu d'aide" },
  { value: 0, label: "Non, pas encore" },
];

export type AreaCode = "appareil" | "courriel" | "fichiers" | "demarches" | "securite" | "information";

export interface Area {
  code: AreaCode;
  /** What the person learns, as a heading: « Utiliser son téléphone ou son ordinateur ». */
  label: string;
  /** Activity-report theme codes (taxonomy.ts THEMES) of the workshops that teach it, best first. */
  themes: readonly string[];
}

/** In the order people usually learn them: a device first, false news last. */
export const AREAS: readonly Area[] = [
  { code: "appareil", label: "Utiliser un téléphone, une tablette ou un ordinateur", themes: ["prise-en-main-materiel", "maintenance-materiel"] },
  { code: "courriel", label: "Envoyer et recevoir des courriels", themes: ["e-mail"] },
  { code: "fichiers", label: "Ranger ses photos et ses documents", themes: ["contenus-numeriques"] },
  { code: "demarches", label: "Faire ses démarches en ligne", themes: ["aide-demarches", "sante"] },
  { code: "securite", label: "Se protéger en ligne", themes: ["securite-numerique"] },
  { code: "information", label: "Trouver une information fiable et repérer les fausses nouvelles", themes: ["culture-numerique", "navigation-internet"] },
];

export interface Question {
  area: AreaCode;
  text: string;
  /** Said back on the result page when the answer is « seul ou seule ». */
  canDo: string;
}

export const QUESTIONS: readonly Question[] = [
  { area: "appareil", text: "Savez-vous allumer un téléphone ou un ordinateur et le connecter à internet (wifi) ?", canDo: "Allumer un appareil et le connecter à internet" },
  { area: "appareil", text: "Savez-vous installer une application sur un téléphone ou une tablette ?", canDo: "Installer une application" },
  { area: "courriel", text: "Savez-vous lire un courriel (un e-mail) et y répondre ?", canDo: "Lire un courriel et y répondre" },
  { area: "courriel", text: "Savez-vous envoyer un courriel avec une pièce jointe, par exemple une photo ?", canDo: "Envoyer une pièce jointe" },
  { area: "fichiers", text: "Savez-vous prendre en photo un document avec votre téléphone pour l'envoyer ?", canDo: "Photographier un document pour l'envoyer" },
  { area: "fichiers", text: "Savez-vous retrouver un document que vous avez téléchargé ?", canDo: "Retrouver un document téléchargé" },
  { area: "demarches", text: "Savez-vous vous connecter à votre compte CAF, ameli ou impots.gouv ?", canDo: "Vous connecter à vos comptes en ligne" },
  { area: "demarches", text: "Savez-vous remplir un formulaire en ligne et y joindre un justificatif ?", canDo: "Remplir un formulaire en ligne avec un justificatif" },
  { area: "securite", text: "Savez-vous choisir un mot de passe solide et le garder pour vous ?", canDo: "Choisir un mot de passe solide" },
  { area: "securite", text: "Savez-vous reconnaître un faux message (SMS ou courriel) qui demande vos codes ?", canDo: "Reconnaître un faux message" },
  { area: "information", text: "Savez-vous chercher une information sur internet et trouver un site sérieux ?", canDo: "Trouver une information sur un site sérieux" },
  { area: "information", text: "Savez-vous vérifier si une nouvelle lue sur les réseaux sociaux est vraie ?", canDo: "Vérifier une nouvelle avant de la croire" },
];

export const QUESTION_COUNT = QUESTIONS.length;

/** The answers given so far, or null when the code is not one (a wrong digit, too many). */
export function parseAnswers(code: string): Answer[] | null {
  if (!/^[012]*$/.test(code) || code.length > QUESTION_COUNT) return null;
  return [...code].map((c) => Number(c) as Answer);
}

export function answersCode(answers: readonly Answer[]): string {
  return answers.join("");
}

export function isComplete(answers: readonly Answer[]): boolean {
  return answers.length === QUESTION_COUNT;
}

export type Level = "debutant" | "intermediaire";

export interface Need {
  area: Area;
  /** 0 to 4: the sum of the area's two answers. */
  score: number;
  level: Level;
}

export interface Diagnosis {
  /** What the person said they do alone, in question order. */
  canDo: string[];
  /** The areas acquired (both answers « seul ou seule »). */
  acquired: Area[];
  /** The areas to learn, the weakest first (ties in the order of AREAS). */
  needs: Need[];
}

/** An area scoring 0 or 1 starts at the beginners' level, 2 or 3 at the intermediate one, 4 is acquired. */
export function levelFor(score: number): Level | null {
  if (score >= 4) return null;
  return score <= 1 ? "debutant" : "intermediaire";
}

export function diagnose(answers: readonly Answer[]): Diagnosis {
  if (!isComplete(answers)) throw new Error("diagnose needs every answer");
  const canDo = QUESTIONS.filter((_, i) => answers[i] === 2).map((q) => q.canDo);
  const scored = AREAS.map((area, order) => {
    const score = QUESTIONS.reduce((sum, q, i) => (q.area === area.code ? sum + (answers[i] ?? 0) : sum), 0);
    return { area, score, order, level: levelFor(score) };
  });
  const needs = scored
    .filter((s): s is typeof s & { level: Level } => s.level !== null)
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .map(({ area, score, level }) => ({ area, score, level }));
  return { canDo, acquired: scored.filter((s) => s.level === null).map((s) => s.area), needs };
}

/** The themes to note on an activity report: the diagnostic itself, then the themes of the areas to learn. */
export function reportThemes(diagnosis: Diagnosis): string[] {
  const themes = ["diagnostic-numerique", ...diagnosis.needs.flatMap((n) => n.area.themes.slice(0, 1))];
  return [...new Set(themes)];
}

export const LEVEL_LABELS: Record<Level, string> = { debutant: "débutant", intermediaire: "intermédiaire" };

/** One line for the activity report's notes: what to work on, and what is acquired. */
export function reportSummary(diagnosis: Diagnosis): string {
  const toLearn = diagnosis.needs.map((n) => `${n.area.label} (${LEVEL_LABELS[n.level]})`).join(" ; ");
  const acquired = diagnosis.acquired.map((a) => a.label).join(" ; ");
  return [
    "Autodiagnostic « Tester mes usages du numérique ».",
    toLearn ? `À travailler : ${toLearn}.` : "Tous les domaines sont acquis.",
    acquired ? `Acquis : ${acquired}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** What a complete answers code brings to a new activity report, or null for anything else. */
export function reportPrefill(code: string): { themes: string[]; notes: string } | null {
  const answers = parseAnswers(code);
  if (!answers || !isComplete(answers)) return null;
  const diagnosis = diagnose(answers);
  return { themes: reportThemes(diagnosis), notes: reportSummary(diagnosis) };
}
