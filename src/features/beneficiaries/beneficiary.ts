// Pure rules of a beneficiary record (fiche usager): the name as we search it, the form check with
// mandatory consent, and what erasure blanks. No I/O here.
import { ageBandFromBirthYear, GENDERS, isCodeOf, SOCIAL_STATUSES } from "../activities/taxonomy.ts";

export const CONSENT_METHODS = [
  { code: "oral", label: "À l'oral" },
  { code: "ecrit", label: "Par écrit (papier signé)" },
  { code: "en-ligne", label: "En ligne" },
] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number]["code"];

export type ErasureReason = "demande" | "conservation" | "fusion";

/** Lower case, accents and ligatures removed, anything but letters, digits and @ . + becomes one space. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9@.+]+/g, " ")
    .trim();
}

/** What search and duplicate detection compare: "first last", normalised. */
export function searchNameOf(firstName: string | null, lastName: string | null): string | null {
  const name = normalizeText(`${firstName ?? ""} ${lastName ?? ""}`);
  return name === "" ? null : name;
}

/** The words of a search, each must appear in the name (so "last first" finds "first last"). */
export function searchWords(query: string): string[] {
  return normalizeText(query)
    .split(" ")
    .filter((w) => w.length > 0)
    .slice(0, 6);
}

/** Digits of a phone number, with the French +33 / 0 prefix folded, so « 06 12… » and « +33 6 12… » compare equal. */
export function phoneDigits(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 6) return null;
  if (digits.startsWith("33") && digits.length === 11) return `0${digits.slice(2)}`;
  return digits;
}

export interface BeneficiaryFormValues {
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
  birth_year: string;
  residence_commune: string;
  gender: string;
  social_status: string;
  notes: string;
  shared: boolean;
  consent: boolean;
  consent_method: string;
}

export interface BeneficiaryInput {
  firstName: string;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  residenceCommuneCode: string | null;
  gender: string;
  socialStatus: string;
  notes: string | null;
  shared: boolean;
  ageBand: string;
  searchName: string;
}

type RawForm = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

export function readBeneficiaryForm(body: RawForm): BeneficiaryFormValues {
  return {
    first_name: first(body.first_name),
    last_name: first(body.last_name),
    phone: first(body.phone),
    email: first(body.email),
    birth_year: first(body.birth_year),
    residence_commune: first(body.residence_commune),
    gender: first(body.gender) || "non-communique",
    social_status: first(body.social_status) || "non-communique",
    notes: first(body.notes),
    shared: first(body.shared) === "1",
    consent: first(body.consent) === "1",
    consent_method: first(body.consent_method),
  };
}

export function blankBeneficiaryForm(): BeneficiaryFormValues {
  return {
    first_name: "",
    last_name: "",
    phone: "",
    email: "",
    birth_year: "",
    residence_commune: "",
    gender: "non-communique",
    social_status: "non-communique",
    notes: "",
    shared: false,
    consent: false,
    consent_method: "",
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks the form. `resolveCommune` turns what was typed (an INSEE code or a commune name) into a code of
 * the département, or null. `consentNeeded` is false when editing: consent was recorded at creation.
 */
export function checkBeneficiaryForm(
  values: BeneficiaryFormValues,
  options: { now: Date; consentNeeded: boolean; resolveCommune: (typed: string) => string | null },
): { input: BeneficiaryInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (values.first_name === "") errors.first_name = "Indiquez le prénom de la personne.";
  else if (values.first_name.length > 80) errors.first_name = "Le prénom ne doit pas dépasser 80 caractères.";
  if (values.last_name.length > 80) errors.last_name = "Le nom ne doit pas dépasser 80 caractères.";
  const phone = values.phone === "" ? null : values.phone;
  if (phone !== null && (phoneDigits(phone) === null || phone.length > 30 || !/^[\d\s.+()-]+$/.test(phone))) {
    errors.phone = "Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.";
  }
  const email = values.email === "" ? null : values.email.toLowerCase();
  if (email !== null && (!EMAIL.test(email) || email.length > 200)) errors.email = "Indiquez une adresse électronique, par exemple nom@exemple.fr.";
  const thisYear = Number(options.now.toISOString().slice(0, 4));
  let birthYear: number | null = null;
  if (values.birth_year !== "") {
    birthYear = /^\d{4}$/.test(values.birth_year) ? Number(values.birth_year) : Number.NaN;
    if (!(birthYear >= 1900 && birthYear <= thisYear)) errors.birth_year = `Indiquez une année de naissance entre 1900 et ${thisYear}, par exemple 1958.`;
  }
  let communeCode: string | null = null;
  if (values.residence_commune !== "") {
    communeCode = options.resolveCommune(values.residence_commune);
    if (communeCode === null) errors.residence_commune = "Cette commune n'est pas dans le département : choisissez-la dans la liste.";
  }
  if (!isCodeOf(GENDERS, values.gender)) errors.gender = "Choisissez le genre dans la liste.";
  if (!isCodeOf(SOCIAL_STATUSES, values.social_status)) errors.social_status = "Choisissez la situation dans la liste.";
  if (values.notes.length > 2000) errors.notes = "Les notes ne doivent pas dépasser 2000 caractères.";
  if (options.consentNeeded) {
    if (!values.consent) errors.consent = "Sans l'accord de la personne, ne créez pas de fiche : le compte rendu peut rester anonyme.";
    if (!CONSENT_METHODS.some((m) => m.code === values.consent_method)) errors.consent_method = "Indiquez comment la personne a donné son accord.";
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const lastName = values.last_name === "" ? null : values.last_name;
  return {
    input: {
      firstName: values.first_name,
      lastName,
      phone,
      email,
      birthYear,
      residenceCommuneCode: communeCode,
      gender: values.gender,
      socialStatus: values.social_status,
      notes: values.notes === "" ? null : values.notes,
      shared: values.shared,
      ageBand: ageBandFromBirthYear(birthYear, options.now),
      searchName: searchNameOf(values.first_name, lastName) ?? "",
    },
    errors: {},
  };
}

/** The identifying fields, all null once a record is erased or merged (the database checks it). */
export const IDENTIFYING_BLANK = {
  first_name: null,
  last_name: null,
  search_name: null,
  phone: null,
  email: null,
  birth_year: null,
  notes: null,
} as const;

/** What an erased person's appointments keep: placeholder names, nothing else that identifies. */
export const ANONYMOUS_APPOINTMENT = {
  first_name: "Personne",
  last_name: "effacée",
  phone: null,
  email: null,
  birth_year: null,
  needs: null,
  notes: null,
} as const;

/** The date `months` calendar months before `now` (UTC), as YYYY-MM-DD: older activity is past retention. */
export function retentionCutoff(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return d.toISOString().slice(0, 10);
}
