// The national-standard fields of the demo places (services, publics, fees, access and support modes,
// programmes, summary, hours…), chosen from the kind of place and from the permanences it hosts.
// Pure and deterministic. Values are the exact national strings of place-standard.ts.
import { addDays } from "../calendar/paris-time.ts";
import { type DemoNetwork, type DemoPlace, hashString, mulberry32 } from "./demo.data.ts";
import { type PlaceKind, placeKind, toOpeningHours } from "./demo.hours.ts";
import type { DemoSchedule } from "./demo.permanences.ts";

export interface DemoPlaceDetails {
  openingHours: string | null;
  summary: string;
  pivot: string | null;
  emails: string[];
  services: string[];
  publics: string[];
  specificSupport: string[];
  fees: string[];
  nationalProgrammes: string[];
  accessModes: string[];
  supportModes: string[];
  mobility: string[];
  bookingUrl: string | null;
  accessibilityUrl: string | null;
  /** YYYY-MM-DD, before today. */
  updatedOn: string;
}

const S = {
  procedures: "Aide aux démarches administratives",
  everyday: "Maîtrise des outils numériques du quotidien",
  jobs: "Insertion professionnelle via le numérique",
  safety: "Utilisation sécurisée du numérique",
  parenting: "Parentalité et éducation avec le numérique",
  creative: "Loisirs et créations numériques",
  understanding: "Compréhension du monde numérique",
  access: "Accès internet et matériel informatique",
  equipment: "Acquisition de matériel informatique à prix solidaire",
} as const;

const SERVICES_BY_KIND: Record<PlaceKind, string[]> = {
  cms: [S.procedures, S.everyday, S.safety, S.parenting],
  antenne: [S.procedures, S.everyday],
  "mediatheque-departementale": [S.everyday, S.creative, S.understanding, S.access, S.safety],
  mediatheque: [S.everyday, S.creative, S.understanding, S.access],
  mairie: [S.procedures, S.everyday],
  "france-services": [S.procedures, S.everyday, S.jobs, S.access],
  epn: [S.access, S.everyday, S.jobs, S.creative, S.understanding],
  "centre-social": [S.procedures, S.everyday, S.parenting, S.jobs],
  association: [S.everyday, S.procedures, S.safety, S.jobs],
  "tiers-lieu": [S.creative, S.understanding, S.access, S.everyday],
};

const PUBLICS_BY_KIND: Partial<Record<PlaceKind, string[]>> = {
  cms: ["Familles et/ou enfants", "Seniors"],
  "mediatheque-departementale": ["Seniors", "Jeunes"],
  mediatheque: ["Jeunes", "Seniors", "Familles et/ou enfants"],
  epn: ["Jeunes", "Étudiants"],
  "centre-social": ["Familles et/ou enfants", "Femmes"],
  association: ["Seniors"],
};

const INTRO: Record<PlaceKind, (p: DemoPlace, commune: string) => string> = {
  cms: () => "Au centre médico-social, un conseiller numérique vous aide à faire vos démarches en ligne (CAF, santé, impôts) et à vous servir de votre téléphone.",
  antenne: () => "À l'antenne médico-sociale, un conseiller numérique vous aide pour vos démarches en ligne et votre téléphone.",
  "mediatheque-departementale": () =>
    "La médiathèque départementale propose des ordinateurs, des ateliers pour débuter et l'aide d'un conseiller numérique.",
  mediatheque: (_, commune) => `La médiathèque ${commune} prête des ordinateurs et propose des ateliers pour apprendre le numérique.`,
  mairie: (_, commune) => `À la mairie ${commune}, un conseiller numérique vous aide : démarches en ligne, courriels, téléphone.`,
  "france-services": () =>
    "France Services vous aide pour vos démarches (CAF, impôts, retraite, France Travail, carte grise). Un conseiller numérique vous apprend à les faire vous-même.",
  epn: () => "Ordinateurs et internet en accès libre, ateliers pour débuter, aide pour chercher un emploi en ligne.",
  "centre-social": () => "Le centre social vous aide pour vos démarches en ligne et propose des ateliers numériques pour les familles.",
  association: () => "L'association vous aide à utiliser votre ordinateur ou votre téléphone et à faire vos démarches en ligne.",
  "tiers-lieu": () => "Un lieu ouvert pour découvrir le numérique : ateliers, ordinateurs en accès libre, projets créatifs.",
};

/** Communes where many English-speaking people live (Haut-Agenais, Lot-et-Garonne). */
const ENGLISH_SPOKEN = new Set(["47175", "47057", "47142", "47324", "47048"]);

function modeSentence(modes: Set<string>): string {
  if (modes.size === 0) return "";
  if (modes.has("both") || (modes.has("drop_in") && modes.has("appointment"))) return " Avec ou sans rendez-vous.";
  return modes.has("drop_in") ? " Sans rendez-vous." : " Sur rendez-vous.";
}

export function demoPlaceDetails(network: DemoNetwork, schedule: DemoSchedule, today: string): Map<string, DemoPlaceDetails> {
  const structureOf = new Map(network.structures.map((s) => [s.key, s]));
  const firstFranceServices = network.places.find((p) => placeKind(p) === "france-services")?.slug;
  const firstOfStructure = new Set(network.structures.map((s) => network.places.find((p) => p.structure === s.key)?.slug));
  const details = new Map<string, DemoPlaceDetails>();
  for (const place of network.places) {
    const rng = mulberry32(hashString(`standard:${network.departement}:${place.slug}`));
    const kind = placeKind(place);
    const structure = structureOf.get(place.structure);
    const hosted = schedule.permanences.filter((p) => p.place === place.slug);
    const modes = new Set(hosted.map((p) => p.mode));
    const hasAdvisor = hosted.length > 0;
    const week = schedule.hours.get(place.slug) ?? null;
    const itinerant = schedule.itinerantPlaces.has(place.slug);
    // "Médiathèque de Nérac" → "de Nérac", "Mairie d'Agen" → "d'Agen".
    const commune = place.name.replace(/^(Médiathèque|Mairie) /, "");

    const isCompany = structure?.kind === "company";
    const services = [...(hasAdvisor ? SERVICES_BY_KIND[kind] : [S.procedures])];
    if (isCompany) services.push(S.equipment);

    const specificSupport: string[] = [];
    if (place.slug === firstFranceServices) specificSupport.push("Surdité");
    if (kind === "centre-social" || (["cms", "france-services"].includes(kind) && rng() < 0.4)) specificSupport.push("Illettrisme");
    if (ENGLISH_SPOKEN.has(place.communeCode) || kind === "mediatheque-departementale") specificSupport.push("Langues étrangères (anglais)");
    if (kind === "mediatheque" && rng() < 0.3) specificSupport.push("Déficience visuelle");
    if (["cms", "france-services"].includes(kind) && rng() < 0.3) specificSupport.push("Handicaps moteurs");

    const emails = rng() < 0.75 || kind === "france-services" ? [`${place.slug}@${network.domain}`] : [];
    const bookingUrl =
      (modes.has("appointment") || modes.has("both")) && (kind === "france-services" || kind === "cms" || rng() < 0.3)
        ? `https://rdv.example/lieu/${place.slug}`
        : null;
    const accessibilityUrl =
      kind === "cms" || kind === "mediatheque-departementale" || rng() < 0.2 ? `https://acceslibre.example/etablissement/${place.slug}` : null;

    const accessModes: string[] = [];
    if (week || modes.has("drop_in") || modes.has("both")) accessModes.push("Se présenter");
    accessModes.push("Téléphoner");
    if (emails.length > 0) accessModes.push("Contacter par mail");
    if (bookingUrl) accessModes.push("Prendre un RDV en ligne");
    if (kind === "cms" || kind === "france-services") accessModes.push("Envoyer un mail avec une fiche de prescription");

    const supportModes = ["Accompagnement individuel"];
    if (["mediatheque", "mediatheque-departementale", "epn", "tiers-lieu", "centre-social", "association"].includes(kind) && hasAdvisor) {
      supportModes.push("Dans un atelier collectif");
    }
    if (services.includes(S.access)) supportModes.unshift("En autonomie");
    if (itinerant || place.slug === firstFranceServices || (structure?.kind === "association" && firstOfStructure.has(place.slug))) {
      supportModes.push("À distance");
    }

    const programmes: string[] = [];
    if (place.slug === firstFranceServices || (kind === "france-services" && rng() < 0.6) || (kind === "mairie" && week && rng() < 0.3)) {
      programmes.push("Aidants Connect");
    }
    if (hasAdvisor) programmes.push("Conseillers numériques");
    if (kind === "france-services") programmes.push("France Services");
    if (kind === "centre-social" || kind === "epn") programmes.push("Point d'accès numérique CAF");
    if (kind === "mediatheque-departementale") programmes.push("Certification PIX");

    const fees = isCompany ? ["Gratuit sous condition"] : ["Gratuit"];
    const intro = itinerant
      ? `Un conseiller numérique itinérant vient à la mairie ${commune} une semaine sur deux : démarches en ligne, courriels, téléphone.`
      : INTRO[kind](place, commune);
    const summary = hasAdvisor
      ? `${intro}${modeSentence(modes)} ${isCompany ? "Gratuit pour les personnes aux minima sociaux." : "Gratuit."}`
      : "La mairie vous accueille pour vos démarches. Pas encore de conseiller numérique ici : l'accueil vous dit où trouver de l'aide près de chez vous.";

    details.set(place.slug, {
      openingHours: week ? toOpeningHours(week) : null,
      summary,
      pivot: structure?.siret ?? null,
      emails,
      services,
      publics: hasAdvisor ? (PUBLICS_BY_KIND[kind] ?? []) : [],
      specificSupport: hasAdvisor ? specificSupport : [],
      fees,
      nationalProgrammes: programmes,
      accessModes,
      supportModes,
      mobility: [itinerant ? "Itinérant" : "Fixe"],
      bookingUrl,
      accessibilityUrl,
      updatedOn: addDays(today, -(3 + Math.floor(rng() * 150))),
    });
  }
  return details;
}
