// The data·inclusion vocabularies a partner profile uses, each code with its plain-French label: structure
// typology (the national list, from @gouvfr-anct/lieux-de-mediation-numerique), thématiques, publics
// (data·inclusion « profils ») and reception modes (« modes_accueil »).
import { Typologie } from "@gouvfr-anct/lieux-de-mediation-numerique";

export interface Term {
  code: string;
  label: string;
}

/** The typologies partners of the network have, offered first in forms; any national code is accepted. */
export const PARTNER_TYPOLOGIES: Term[] = [
  { code: Typologie.CAF, label: "CAF (caisse d'allocations familiales)" },
  { code: Typologie.CPAM, label: "CPAM (assurance maladie)" },
  { code: Typologie.FT, label: "France Travail" },
  { code: Typologie.MSA, label: "MSA (mutualité sociale agricole)" },
  { code: Typologie.CCAS, label: "CCAS (centre communal d'action sociale)" },
  { code: Typologie.CIAS, label: "CIAS (centre intercommunal d'action sociale)" },
  { code: Typologie.ML, label: "Mission locale" },
  { code: Typologie.CAP_EMPLOI, label: "Cap Emploi" },
  { code: Typologie.RFS, label: "France Services" },
  { code: Typologie.CMS, label: "Centre médico-social" },
  { code: Typologie.MDPH, label: "MDPH (maison départementale des personnes handicapées)" },
  { code: Typologie.LA_POSTE, label: "La Poste" },
  { code: Typologie.ASSO, label: "Association" },
  { code: Typologie.AUTRE, label: "Autre" },
];

const NATIONAL_TYPOLOGIES = new Set<string>(Object.values(Typologie));

export function isTypology(code: string): boolean {
  return NATIONAL_TYPOLOGIES.has(code);
}

export function typologyLabel(code: string): string {
  return PARTNER_TYPOLOGIES.find((t) => t.code === code)?.label ?? code;
}

/** data·inclusion's first-level thématiques; a sub-thématique (« numerique--… ») belongs to its first level. */
export const THEMATIQUES: Term[] = [
  { code: "acces-aux-droits-et-citoyennete", label: "Accès aux droits et citoyenneté" },
  { code: "accompagnement-social-et-professionnel-personnalise", label: "Accompagnement social et professionnel" },
  { code: "apprendre-francais", label: "Apprendre le français" },
  { code: "choisir-un-metier", label: "Choisir un métier" },
  { code: "creation-activite", label: "Créer son activité" },
  { code: "equipement-et-alimentation", label: "Équipement et alimentation" },
  { code: "famille", label: "Famille" },
  { code: "gestion-financiere", label: "Gestion financière" },
  { code: "handicap", label: "Handicap" },
  { code: "illettrisme", label: "Illettrisme" },
  { code: "logement-hebergement", label: "Logement et hébergement" },
  { code: "mobilite", label: "Mobilité" },
  { code: "numerique", label: "Numérique" },
  { code: "preparer-sa-candidature", label: "Préparer sa candidature" },
  { code: "remobilisation", label: "Remobilisation" },
  { code: "sante", label: "Santé" },
  { code: "se-former", label: "Se former" },
  { code: "trouver-un-emploi", label: "Trouver un emploi" },
];

const THEMATIQUE_CODES = new Set(THEMATIQUES.map((t) => t.code));

export function thematiqueFamily(code: string): string {
  return code.split("--")[0] ?? code;
}

export function isThematique(code: string): boolean {
  return THEMATIQUE_CODES.has(thematiqueFamily(code)) && /^[a-z0-9-]+$/.test(code);
}

export function thematiqueLabel(code: string): string {
  return THEMATIQUES.find((t) => t.code === thematiqueFamily(code))?.label ?? code;
}

/** data·inclusion « profils » the network's partners serve. */
export const PUBLICS: Term[] = [
  { code: "tous-publics", label: "Tous publics" },
  { code: "adultes", label: "Adultes" },
  { code: "jeunes-16-26", label: "Jeunes de 16 à 26 ans" },
  { code: "etudiants", label: "Étudiants" },
  { code: "familles-enfants", label: "Familles et enfants" },
  { code: "femmes", label: "Femmes" },
  { code: "seniors-65", label: "Personnes de plus de 65 ans" },
  { code: "retraites", label: "Retraités" },
  { code: "demandeurs-emploi", label: "Demandeurs d'emploi" },
  { code: "salaries", label: "Salariés" },
  { code: "beneficiaires-rsa", label: "Bénéficiaires du RSA" },
  { code: "personnes-handicapees", label: "Personnes en situation de handicap" },
  { code: "personnes-de-nationalite-etrangere", label: "Personnes de nationalité étrangère" },
  { code: "personnes-en-situation-illettrisme", label: "Personnes en situation d'illettrisme" },
  { code: "deficience-visuelle", label: "Déficience visuelle" },
  { code: "surdite", label: "Surdité" },
  { code: "agriculteurs", label: "Agriculteurs" },
];

export const RECEPTION_MODES: Term[] = [
  { code: "en-presentiel", label: "Sur place" },
  { code: "a-distance", label: "À distance (téléphone, visio)" },
];

export function isCode(terms: Term[], code: string): boolean {
  return terms.some((t) => t.code === code);
}

export function labelOf(terms: Term[], code: string): string {
  return terms.find((t) => t.code === code)?.label ?? code;
}
