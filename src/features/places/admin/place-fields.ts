// The place form's enumerated fields (national standard) and the French names of every column, for the form
// and the history of changes.
import {
  ACCESS_MODES,
  type EnumOption,
  FEES,
  LABELS,
  MOBILITY,
  NATIONAL_PROGRAMMES,
  PUBLICS,
  SERVICES,
  SPECIFIC_SUPPORT,
  SUPPORT_MODES,
  TYPOLOGIES,
} from "../place-standard.ts";

export type EnumColumn =
  | "typologie"
  | "services"
  | "publics"
  | "specific_support"
  | "fees"
  | "access_modes"
  | "support_modes"
  | "national_programmes"
  | "labels";

export interface EnumField {
  column: EnumColumn;
  legend: string;
  options: EnumOption[];
}

export const ENUM_FIELDS: EnumField[] = [
  { column: "typologie", legend: "Type de lieu", options: TYPOLOGIES },
  { column: "services", legend: "Services proposés", options: SERVICES },
  { column: "publics", legend: "Publics accueillis en particulier", options: PUBLICS },
  { column: "specific_support", legend: "Accompagnements adaptés", options: SPECIFIC_SUPPORT },
  { column: "fees", legend: "Frais à la charge des personnes", options: FEES },
  { column: "access_modes", legend: "Comment venir ou prendre contact", options: ACCESS_MODES },
  { column: "support_modes", legend: "Façons d'être aidé", options: SUPPORT_MODES },
  { column: "national_programmes", legend: "Dispositifs nationaux", options: NATIONAL_PROGRAMMES },
  { column: "labels", legend: "Formations et labels", options: LABELS },
];

export { MOBILITY };

/** Columns a person edits (and the history records), with their French names. */
export const FIELD_LABELS: Record<string, string> = {
  name: "Nom",
  structure_id: "Structure",
  address: "Adresse",
  address_complement: "Complément d'adresse",
  commune_code: "Commune (code INSEE)",
  postcode: "Code postal",
  phone: "Téléphone",
  email: "Courriel principal",
  emails: "Courriels",
  website: "Site internet",
  pivot: "SIRET ou RNA",
  parent_structure: "Structure parente",
  other_labels: "Autres formations et labels",
  summary: "Résumé",
  description: "Présentation détaillée",
  mobility: "Itinérance",
  accessibility_url: "Fiche Accès libre",
  booking_url: "Prise de rendez-vous en ligne",
  is_public: "Visibilité",
  opening_hours: "Horaires",
  latitude: "Latitude",
  longitude: "Longitude",
  coordinates_precision: "Précision de la position",
  slug: "Adresse de la page",
  ...Object.fromEntries(ENUM_FIELDS.map((f) => [f.column, f.legend])),
};

/** Options of a column whose stored values are national strings, to show their plain-French labels. */
export function optionsOf(column: string): EnumOption[] | undefined {
  if (column === "mobility") return MOBILITY;
  return ENUM_FIELDS.find((f) => f.column === column)?.options;
}
