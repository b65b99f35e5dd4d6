// The national standard's enumerations (lieux de médiation numérique), each value with a plain-French
// label for people who read little. Values come from the national package, so they cannot drift.
import {
  DispositifProgrammeNational,
  FormationLabel,
  Frais,
  Itinerance,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
} from "@gouvfr-anct/lieux-de-mediation-numerique";

export interface EnumOption {
  /** Short, stable URL/API code. */
  code: string;
  /** The exact value of the national standard. */
  value: string;
  /** What a person reads. */
  label: string;
}

function options(values: Record<string, string>, labels: Record<string, string> = {}): EnumOption[] {
  return Object.entries(values).map(([key, value]) => ({
    code: key
      .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
      .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
      .toLowerCase(),
    value,
    label: labels[key] ?? value,
  }));
}

export const SERVICES = options(Service, {
  AideAuxDemarchesAdministratives: "Faire ses démarches en ligne (CAF, impôts, France Travail…)",
  MaitriseDesOutilsNumeriquesDuQuotidien: "Utiliser un téléphone, un ordinateur, ses courriels",
  InsertionProfessionnelleViaLeNumerique: "Chercher un emploi ou une formation en ligne",
  UtilisationSecuriseeDuNumerique: "Se protéger en ligne (arnaques, mots de passe)",
  ParentaliteEtEducationAvecLeNumerique: "Accompagner ses enfants avec le numérique",
  LoisirsEtCreationsNumeriques: "Loisirs et créations numériques",
  ComprehensionDuMondeNumerique: "Comprendre le numérique (fausses informations, écrans)",
  AccesInternetEtMaterielInformatique: "Accès à internet et à un ordinateur",
  MaterielInformatiqueAPrixSolidaire: "Acheter du matériel à prix solidaire",
});

export const PUBLICS = options(PublicSpecifiquementAdresse);

export const SPECIFIC_SUPPORT = options(PriseEnChargeSpecifique, {
  Surdite: "Personnes sourdes ou malentendantes",
  HandicapsMoteurs: "Handicap moteur",
  HandicapsMentaux: "Handicap mental",
  Illettrisme: "Difficultés à lire ou à écrire",
  LanguesEtrangeresAnglais: "Aide en anglais",
  LanguesEtrangeresAutre: "Aide dans d'autres langues",
  DeficienceVisuelle: "Personnes aveugles ou malvoyantes",
});

export const FEES = options(Frais, { Gratuit: "Gratuit", GratuitSousCondition: "Gratuit sous conditions", Payant: "Payant" });

export const ACCESS_MODES = options(ModaliteAcces, {
  SePresenter: "Venir sur place",
  Telephoner: "Téléphoner",
  ContacterParMail: "Écrire un courriel",
  PrescriptionParMail: "Sur orientation d'un professionnel (fiche par courriel)",
  PrendreRdvEnLigne: "Prendre rendez-vous en ligne",
  PasDePublic: "Ce lieu n'accueille pas de public",
});

export const SUPPORT_MODES = options(ModaliteAccompagnement, {
  EnAutonomie: "En autonomie (ordinateurs en accès libre)",
  AccompagnementIndividuel: "Aide individuelle",
  DansUnAtelier: "Ateliers en groupe",
  ADistance: "Aide à distance (téléphone, visio)",
});

export const NATIONAL_PROGRAMMES = options(DispositifProgrammeNational);
export const LABELS = options(FormationLabel);
export const MOBILITY = options(Itinerance);

/** Typologie codes we offer in forms; imports keep any code of the standard. */
export const TYPOLOGIES: EnumOption[] = [
  { code: "CD", value: "CD", label: "Département (centre médico-social…)" },
  { code: "BIB", value: "BIB", label: "Bibliothèque, médiathèque" },
  { code: "MUNI", value: "MUNI", label: "Mairie" },
  { code: "RFS", value: "RFS", label: "France Services" },
  { code: "CCAS", value: "CCAS", label: "Centre communal d'action sociale" },
  { code: "EPCI", value: "EPCI", label: "Intercommunalité" },
  { code: "EPN", value: "EPN", label: "Espace public numérique" },
  { code: "TIERS_LIEUX", value: "TIERS_LIEUX", label: "Tiers-lieu" },
  { code: "ASSO", value: "ASSO", label: "Association" },
  { code: "CS", value: "CS", label: "Centre social" },
  { code: "AUTRE", value: "Autre", label: "Autre" },
];

export function byCode(list: EnumOption[], code: string): EnumOption | undefined {
  return list.find((o) => o.code === code);
}

export function byValue(list: EnumOption[], value: string): EnumOption | undefined {
  return list.find((o) => o.value === value);
}

export function labelsOf(list: EnumOption[], values: string[]): string[] {
  return values.map((v) => byValue(list, v)?.label ?? v);
}
