// The place form: reading the posted fields, checking them (French messages per field), and filling the form
// from a stored place. Commune resolution needs the database and happens in the service.

import { isPlausibleEmail, isValidSiret, normalizeEmail } from "../../organisation/organisation.ts";
import { openingHoursError } from "../availability.ts";
import type { PlaceRow } from "../places.table.ts";
import { EXPERT_FIELD, osmToWeek, weekFromForm, weekToFormValues, weekToOsm } from "./opening-hours-editor.ts";
import { ENUM_FIELDS, type EnumColumn, MOBILITY } from "./place-fields.ts";

export type RawForm = Record<string, string | string[] | undefined>;

/** Everything the form shows, as typed: text fields as strings, checkbox groups as lists of codes. */
export interface PlaceFormValues {
  text: Record<string, string>;
  checked: Record<EnumColumn, string[]>;
}

export const TEXT_FIELDS = [
  "name",
  "structure_id",
  "address",
  "address_complement",
  "commune",
  "commune_code",
  "postcode",
  "phone",
  "emails",
  "website",
  "pivot",
  "parent_structure",
  "other_labels",
  "summary",
  "description",
  "mobility",
  "accessibility_url",
  "booking_url",
  "visibility",
  EXPERT_FIELD,
] as const;

export const SUMMARY_MAX = 280;
export const PARENT_STRUCTURE_MAX = 200;
export const OTHER_LABEL_MAX = 200;
export const OTHER_LABELS_COUNT_MAX = 10;

/** What the service stores, once the commune is resolved. */
export interface PlaceInput {
  name: string;
  structureId: string;
  address: string;
  addressComplement: string | null;
  communeText: string;
  communeChoice: string | null;
  postcode: string | null;
  phone: string | null;
  emails: string[];
  website: string | null;
  pivot: string | null;
  parentStructure: string | null;
  otherLabels: string[];
  summary: string | null;
  description: string | null;
  enums: Record<EnumColumn, string[]>;
  mobility: string[];
  accessibilityUrl: string | null;
  bookingUrl: string | null;
  isPublic: boolean;
  openingHours: string | null;
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function readPlaceForm(body: RawForm): PlaceFormValues {
  const text: Record<string, string> = {};
  for (const name of TEXT_FIELDS) text[name] = first(body[name]);
  for (const [name, value] of Object.entries(body)) if (name.startsWith("heures-") || name === "feries_fermes") text[name] = first(value);
  const checked = {} as Record<EnumColumn, string[]>;
  for (const f of ENUM_FIELDS) checked[f.column] = all(body[f.column]).filter((code) => f.options.some((o) => o.code === code));
  return { text, checked };
}

export function normalizePhone(value: string): string | null {
  let digits = value.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+33")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("0033")) digits = `0${digits.slice(4)}`;
  if (!/^0[1-9]\d{8}$/.test(digits)) return null;
  return digits.replace(/(\d\d)(?=\d)/g, "$1 ");
}

export function normalizeUrl(value: string): string | null {
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return url.hostname.includes(".") && !/\s/.test(value) ? url.toString() : null;
  } catch {
    return null;
  }
}

export function normalizePivot(value: string): string | null {
  const compact = value.replace(/[\s.]/g, "").toUpperCase();
  if (/^\d{14}$/.test(compact)) return isValidSiret(compact) ? compact : null;
  return /^W[0-9A-Z]{9}$/.test(compact) ? compact : null;
}

const OPTIONAL = (v: string) => (v.trim() === "" ? null : v.trim());

/**
 * Free-text labels typed one per line or separated by commas; "|" separates them too, as it joins multiple
 * values in the open-data CSV. Trimmed, blanks and repeats dropped.
 */
export function splitOtherLabels(value: string): string[] {
  const labels = value
    .split(/[,|\r\n]+/)
    .map((label) => label.trim().replace(/\s+/g, " "))
    .filter(Boolean);
  return [...new Set(labels)];
}

function otherLabelsError(labels: string[]): string | undefined {
  const tooLong = labels.find((label) => label.length > OTHER_LABEL_MAX);
  if (tooLong) {
    const start = tooLong.length > 40 ? `${tooLong.slice(0, 40)}…` : tooLong;
    return `Chaque formation ou label doit faire ${OTHER_LABEL_MAX} caractères au plus : « ${start} » en compte ${tooLong.length}.`;
  }
  if (labels.length > OTHER_LABELS_COUNT_MAX) {
    return `Indiquez ${OTHER_LABELS_COUNT_MAX} formations ou labels au plus (actuellement ${labels.length}).`;
  }
  return undefined;
}

export function validatePlaceForm(values: PlaceFormValues): { input: PlaceInput | null; errors: Record<string, string> } {
  const t = values.text;
  const v = (name: string) => (t[name] ?? "").trim();
  const errors: Record<string, string> = {};

  if (v("name") === "") errors.name = "Indiquez le nom du lieu.";
  else if (v("name").length > 150) errors.name = "Le nom doit faire 150 caractères au plus.";
  if (v("structure_id") === "") errors.structure_id = "Choisissez la structure qui gère ce lieu.";
  if (v("address") === "") errors.address = "Indiquez l'adresse (numéro et rue).";
  else if (v("address").length > 200) errors.address = "L'adresse doit faire 200 caractères au plus.";
  if (v("address_complement").length > 200) errors.address_complement = "Le complément doit faire 200 caractères au plus.";
  if (v("commune") === "") errors.commune = "Indiquez la commune, par son nom ou son code postal.";
  const postcode = v("postcode").replace(/\s/g, "");
  if (postcode !== "" && !/^\d{5}$/.test(postcode)) errors.postcode = "Le code postal compte 5 chiffres, par exemple 47000.";

  const phone = OPTIONAL(v("phone")) === null ? null : normalizePhone(v("phone"));
  if (v("phone") !== "" && phone === null) errors.phone = "Indiquez un numéro de téléphone à 10 chiffres, par exemple 05 53 69 40 00.";

  const emails = v("emails")
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(normalizeEmail);
  const badEmail = emails.find((e) => !isPlausibleEmail(e));
  if (badEmail) errors.emails = `L'adresse « ${badEmail} » n'est pas une adresse électronique valide.`;

  const urls: [string, string][] = [
    ["website", "L'adresse du site internet n'est pas valide, par exemple https://www.exemple.fr."],
    ["accessibility_url", "L'adresse de la fiche Accès libre n'est pas valide."],
    ["booking_url", "L'adresse de prise de rendez-vous n'est pas valide."],
  ];
  const url: Record<string, string | null> = {};
  for (const [name, message] of urls) {
    url[name] = v(name) === "" ? null : normalizeUrl(v(name));
    if (v(name) !== "" && url[name] === null) errors[name] = message;
  }

  const pivot = v("pivot") === "" ? null : normalizePivot(v("pivot"));
  if (v("pivot") !== "" && pivot === null) {
    errors.pivot = "Indiquez un SIRET valide (14 chiffres) ou un numéro RNA (W suivi de 9 caractères).";
  }
  if (v("parent_structure").length > PARENT_STRUCTURE_MAX) {
    errors.parent_structure = `Le nom de la structure parente doit faire ${PARENT_STRUCTURE_MAX} caractères au plus (actuellement ${v("parent_structure").length}).`;
  }
  const otherLabels = splitOtherLabels(v("other_labels"));
  const labelsError = otherLabelsError(otherLabels);
  if (labelsError) errors.other_labels = labelsError;
  if (v("summary").length > SUMMARY_MAX) errors.summary = `Le résumé doit faire ${SUMMARY_MAX} caractères au plus (actuellement ${v("summary").length}).`;
  if (v("description").length > 5000) errors.description = "La présentation doit faire 5 000 caractères au plus.";

  const mobility = MOBILITY.find((o) => o.code === v("mobility"));
  if (v("mobility") !== "" && !mobility) errors.mobility = "Choisissez « Fixe » ou « Itinérant ».";
  if (v("visibility") !== "public" && v("visibility") !== "hidden") errors.visibility = "Choisissez si le lieu est visible du public.";

  let openingHours: string | null = null;
  if (v(EXPERT_FIELD) !== "") {
    if (openingHoursError(v(EXPERT_FIELD)) !== null) {
      errors[EXPERT_FIELD] = "Horaires non reconnus : vérifiez la syntaxe OpenStreetMap, par exemple Mo-Fr 09:00-12:00,14:00-17:00; PH off.";
    } else openingHours = v(EXPERT_FIELD);
  } else {
    const grid = weekFromForm((name) => t[name] ?? "");
    Object.assign(errors, grid.errors);
    openingHours = weekToOsm(grid.week) || null;
  }

  if (Object.keys(errors).length > 0) return { input: null, errors };
  const enums = {} as Record<EnumColumn, string[]>;
  for (const f of ENUM_FIELDS) {
    enums[f.column] = f.options.filter((o) => values.checked[f.column].includes(o.code)).map((o) => o.value);
  }
  return {
    input: {
      name: v("name"),
      structureId: v("structure_id"),
      address: v("address"),
      addressComplement: OPTIONAL(v("address_complement")),
      communeText: v("commune"),
      communeChoice: OPTIONAL(v("commune_code")),
      postcode: postcode === "" ? null : postcode,
      phone,
      emails: [...new Set(emails)],
      website: url.website ?? null,
      pivot,
      parentStructure: OPTIONAL(v("parent_structure").replace(/\s+/g, " ")),
      otherLabels,
      summary: OPTIONAL(v("summary")),
      description: OPTIONAL(v("description")),
      enums,
      mobility: mobility ? [mobility.value] : [],
      accessibilityUrl: url.accessibility_url ?? null,
      bookingUrl: url.booking_url ?? null,
      isPublic: v("visibility") === "public",
      openingHours,
    },
    errors: {},
  };
}

/** The form of a new place: visible, fixed, no hours. */
export function blankPlaceForm(structureId: string): PlaceFormValues {
  const checked = {} as Record<EnumColumn, string[]>;
  for (const f of ENUM_FIELDS) checked[f.column] = [];
  return { text: { structure_id: structureId, visibility: "public", mobility: MOBILITY.find((o) => o.value === "Fixe")?.code ?? "" }, checked };
}

/** The form filled from a stored place; hours that the grid cannot show go to the expert field. */
export function placeToForm(place: PlaceRow, communeName: string): PlaceFormValues {
  const checked = {} as Record<EnumColumn, string[]>;
  for (const f of ENUM_FIELDS) {
    const stored = place[f.column];
    checked[f.column] = f.options.filter((o) => stored.includes(o.value)).map((o) => o.code);
  }
  const week = osmToWeek(place.opening_hours ?? "");
  const text: Record<string, string> = {
    name: place.name,
    structure_id: place.structure_id,
    address: place.address,
    address_complement: place.address_complement ?? "",
    commune: communeName,
    postcode: place.postcode,
    phone: place.phone ?? "",
    emails: (place.emails.length > 0 ? place.emails : place.email ? [place.email] : []).join(", "),
    website: place.website ?? "",
    pivot: place.pivot ?? "",
    parent_structure: place.parent_structure ?? "",
    other_labels: place.other_labels.join("\n"),
    summary: place.summary ?? "",
    description: place.description ?? "",
    mobility: MOBILITY.find((o) => place.mobility.includes(o.value))?.code ?? "",
    accessibility_url: place.accessibility_url ?? "",
    booking_url: place.booking_url ?? "",
    visibility: place.is_public ? "public" : "hidden",
    [EXPERT_FIELD]: week ? "" : (place.opening_hours ?? ""),
    ...(week ? weekToFormValues(week) : {}),
  };
  return { text, checked };
}
