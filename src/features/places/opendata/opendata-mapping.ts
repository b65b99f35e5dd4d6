// Our places ⇄ rows of the national standard. Pure functions over plain data.
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
} from "../place-standard.ts";
import type { StandardRow } from "./standard-validation.ts";

/** Places of our own making carry this source; the export names them with the brand instead. */
export const OWN_SOURCE = "declic";

export interface PlaceForExport {
  id: string;
  source: string;
  source_id: string;
  pivot: string | null;
  structure_siret: string | null;
  name: string;
  commune_name: string;
  postcode: string;
  commune_code: string;
  address: string;
  address_complement: string | null;
  latitude: number | null;
  longitude: number | null;
  typologie: string[];
  phone: string | null;
  email: string | null;
  emails: string[];
  website: string | null;
  opening_hours: string | null;
  summary: string | null;
  description: string | null;
  parent_structure: string | null;
  updated_on: string;
  mobility: string[];
  services: string[];
  publics: string[];
  specific_support: string[];
  fees: string[];
  national_programmes: string[];
  labels: string[];
  other_labels: string[];
  access_modes: string[];
  support_modes: string[];
  accessibility_url: string | null;
  booking_url: string | null;
}

/** The multi-valued enumerations: standard column, our column, our list of values. */
export const ENUM_COLUMNS = [
  { field: "itinerance", column: "mobility", options: MOBILITY },
  { field: "services", column: "services", options: SERVICES },
  { field: "publics_specifiquement_adresses", column: "publics", options: PUBLICS },
  { field: "prise_en_charge_specifique", column: "specific_support", options: SPECIFIC_SUPPORT },
  { field: "frais_a_charge", column: "fees", options: FEES },
  { field: "dispositif_programmes_nationaux", column: "national_programmes", options: NATIONAL_PROGRAMMES },
  { field: "formations_labels", column: "labels", options: LABELS },
  { field: "modalites_acces", column: "access_modes", options: ACCESS_MODES },
  { field: "modalites_accompagnement", column: "support_modes", options: SUPPORT_MODES },
] as const satisfies readonly { field: string; column: keyof PlaceForExport; options: EnumOption[] }[];

export type EnumColumn = (typeof ENUM_COLUMNS)[number]["column"];

/**
 * Values compared without spaces or case: the schema v1.0.2 writes « Étapes numériques(La Poste) »
 * where the national package (and our database) has « Étapes numériques (La Poste) ».
 */
function looseKey(value: string): string {
  return value.replace(/\s+/g, "").toLowerCase();
}

/** "05 53 12 34 56" → "+33553123456"; null when it is not a French number. */
export function internationalPhone(phone: string): string | null {
  const digits = phone.replace(/[\s.\-()]/g, "");
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^0033[1-9]\d{8}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^\+33[1-9]\d{8}$/.test(digits)) return digits;
  return null;
}

/** "+33553123456" → "05 53 12 34 56", as people read it; other numbers unchanged. */
export function nationalPhone(phone: string): string {
  const m = /^\+33([1-9]\d{8})$/.exec(phone.replace(/\s/g, ""));
  if (!m) return phone;
  return `0${m[1]}`.replace(/(\d\d)(?=\d)/g, "$1 ");
}

function text(value: string | null | undefined): string {
  return value?.trim() ?? "";
}

function joined(values: readonly string[]): string {
  return values
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .join("|");
}

export interface ExportMapping {
  row: StandardRow;
  /** Stored values the standard cannot carry, left out of the row (« telephone : « 12 » »). */
  dropped: string[];
}

/**
 * One place as a row of the standard. `standardEnums` gives the schema's allowed values per column,
 * so a value spelled differently by the schema is written the schema's way.
 */
export function toStandardRow(
  place: PlaceForExport,
  brandName: string,
  standardEnums: (field: string) => ReadonlySet<string> | null,
): ExportMapping {
  const dropped: string[] = [];
  const phone = place.phone ? internationalPhone(place.phone) : null;
  if (place.phone && phone === null) dropped.push(`telephone : « ${place.phone} »`);
  const own = place.source === OWN_SOURCE;
  const row: StandardRow = {
    id: own ? place.id : place.source_id,
    pivot: text(place.pivot ?? place.structure_siret),
    nom: text(place.name),
    commune: text(place.commune_name),
    code_postal: place.postcode,
    code_insee: place.commune_code,
    adresse: text(place.address),
    complement_adresse: text(place.address_complement),
    latitude: place.latitude === null ? "" : String(place.latitude),
    longitude: place.longitude === null ? "" : String(place.longitude),
    typologie: joined(place.typologie),
    telephone: phone ?? "",
    courriels: joined([...new Set([...(place.email ? [place.email] : []), ...place.emails])]),
    site_web: text(place.website),
    horaires: text(place.opening_hours),
    presentation_resume: text(place.summary),
    presentation_detail: text(place.description),
    source: own ? brandName : place.source,
    itinerance: "",
    structure_parente: text(place.parent_structure),
    date_maj: place.updated_on,
    services: "",
    publics_specifiquement_adresses: "",
    prise_en_charge_specifique: "",
    frais_a_charge: "",
    dispositif_programmes_nationaux: "",
    formations_labels: "",
    autres_formations_labels: joined(place.other_labels),
    modalites_acces: "",
    modalites_accompagnement: "",
    fiche_acces_libre: text(place.accessibility_url),
    prise_rdv: text(place.booking_url),
  };
  for (const { field, column } of ENUM_COLUMNS) {
    const allowed = standardEnums(field);
    const values = place[column].map((value) => {
      if (!allowed || allowed.has(value)) return value;
      const match = [...allowed].find((a) => looseKey(a) === looseKey(value));
      if (!match) dropped.push(`${field} : « ${value} »`);
      return match ?? null;
    });
    row[field] = joined(values.filter((v): v is string => v !== null));
  }
  return { row, dropped };
}

function split(value: string | undefined): string[] {
  return (value ?? "")
    .split("|")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

function orNull(value: string | undefined): string | null {
  const v = value?.trim() ?? "";
  return v === "" ? null : v;
}

function number(value: string | undefined): number | null {
  const v = value?.trim() ?? "";
  return v === "" ? null : Number(v);
}

/** Our spelling of a value of the standard (the national package's), when it has one. */
function ourValue(options: readonly EnumOption[], value: string): string {
  return options.find((o) => o.value === value)?.value ?? options.find((o) => looseKey(o.value) === looseKey(value))?.value ?? value;
}

/** What an imported row sets on a place: every field of the standard except where the place is (commune). */
export interface PlaceImportValues {
  name: string;
  address: string;
  postcode: string;
  address_complement: string | null;
  latitude: number | null;
  longitude: number | null;
  typologie: string[];
  phone: string | null;
  email: string | null;
  emails: string[];
  website: string | null;
  opening_hours: string | null;
  summary: string | null;
  description: string | null;
  parent_structure: string | null;
  pivot: string | null;
  updated_on: string;
  mobility: string[];
  services: string[];
  publics: string[];
  specific_support: string[];
  fees: string[];
  national_programmes: string[];
  labels: string[];
  other_labels: string[];
  access_modes: string[];
  support_modes: string[];
  accessibility_url: string | null;
  booking_url: string | null;
}

/** A valid row of the standard as the values of a place. */
export function fromStandardRow(row: StandardRow): PlaceImportValues {
  const phone = orNull(row.telephone);
  const emails = split(row.courriels);
  const values: PlaceImportValues = {
    name: text(row.nom),
    address: text(row.adresse),
    postcode: text(row.code_postal),
    address_complement: orNull(row.complement_adresse),
    latitude: number(row.latitude),
    longitude: number(row.longitude),
    typologie: split(row.typologie),
    phone: phone === null ? null : nationalPhone(phone),
    email: emails[0] ?? null,
    emails,
    website: orNull(row.site_web),
    opening_hours: orNull(row.horaires),
    summary: orNull(row.presentation_resume),
    description: orNull(row.presentation_detail),
    parent_structure: orNull(row.structure_parente),
    pivot: orNull(row.pivot),
    updated_on: text(row.date_maj),
    mobility: [],
    services: [],
    publics: [],
    specific_support: [],
    fees: [],
    national_programmes: [],
    labels: [],
    other_labels: split(row.autres_formations_labels),
    access_modes: [],
    support_modes: [],
    accessibility_url: orNull(row.fiche_acces_libre),
    booking_url: orNull(row.prise_rdv),
  };
  for (const { field, column, options } of ENUM_COLUMNS) {
    values[column] = split(row[field]).map((v) => ourValue(options, v));
  }
  return values;
}
