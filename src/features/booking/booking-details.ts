// The details a person gives to book (form and API share the field names), checked with French messages.
// Pure: the commune is only trimmed here; the service looks it up.
import { THEMES } from "../activities/taxonomy.ts";
import { toParis } from "../calendar/paris-time.ts";
import { isPlausibleEmail, normalizeEmail } from "../organisation/organisation.ts";

export interface FieldProblem {
  field: string;
  message: string;
}

/** What was typed, kept as text so a refused form shows it again. */
export interface DetailsInput {
  prenom: string;
  nom: string;
  telephone: string;
  courriel: string;
  annee_naissance: string;
  commune: string;
  accompagne: boolean;
  besoins: string;
  consentement: boolean;
}

export const EMPTY_DETAILS: DetailsInput = {
  prenom: "",
  nom: "",
  telephone: "",
  courriel: "",
  annee_naissance: "",
  commune: "",
  accompagne: false,
  besoins: "",
  consentement: false,
};

export interface Details {
  firstName: string;
  lastName: string;
  phone: string | null; // +33XXXXXXXXX
  email: string | null;
  birthYear: number | null;
  commune: string | null; // as typed; resolved to a code by the service
  accompanied: boolean;
  needs: string | null;
}

export const NAME_MAX = 100;
export const NEEDS_MAX = 1000;

/** A French phone number as +33XXXXXXXXX, or null when it is not one. */
export function normalizeFrenchPhone(text: string): string | null {
  const compact = text.replace(/[\s.\-()]/g, "");
  const national = compact.startsWith("+33") ? `0${compact.slice(3)}` : compact.startsWith("0033") ? `0${compact.slice(4)}` : compact;
  if (!/^0[1-9]\d{8}$/.test(national)) return null;
  return `+33${national.slice(1)}`;
}

/** Mobile numbers in France start with 06 or 07: only they receive SMS. */
export function isFrenchMobile(phone: string): boolean {
  return /^\+33[67]\d{8}$/.test(phone);
}

/** What to say to a person with neither a mobile nor an e-mail: call the place, when it has a phone. */
export function noContactMessage(placePhone: string | null | undefined): string {
  const call = placePhone ? ` Sinon, appelez le lieu au ${placePhone} pour prendre rendez-vous par téléphone.` : " Sinon, appelez le lieu pour prendre rendez-vous par téléphone.";
  return `Indiquez un numéro de téléphone portable ou une adresse électronique, pour recevoir la confirmation.${call}`;
}

/**
 * Staff booking on a person's behalf may give a landline: the advisor can call it, only SMS are skipped. The public
 * form and the API ask for a mobile, since the person relies on the SMS confirmation.
 */
export interface CheckOptions {
  staff?: boolean;
}

export function checkDetails(
  input: DetailsInput,
  now: Date,
  place: { phone: string | null } | null = null,
  options: CheckOptions = {},
): { ok: true; details: Details } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const firstName = input.prenom.trim();
  const lastName = input.nom.trim();
  if (firstName === "") errors.push({ field: "prenom", message: "Indiquez votre prénom." });
  else if (firstName.length > NAME_MAX) errors.push({ field: "prenom", message: `Le prénom doit faire au plus ${NAME_MAX} caractères.` });
  if (lastName === "") errors.push({ field: "nom", message: "Indiquez votre nom, ou au moins son initiale." });
  else if (lastName.length > NAME_MAX) errors.push({ field: "nom", message: `Le nom doit faire au plus ${NAME_MAX} caractères.` });

  const phoneText = input.telephone.trim();
  const emailText = normalizeEmail(input.courriel);
  const phone = phoneText === "" ? null : normalizeFrenchPhone(phoneText);
  if (phoneText !== "" && phone === null) {
    errors.push({ field: "telephone", message: "Indiquez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78." });
  } else if (phone !== null && !isFrenchMobile(phone) && !options.staff) {
    errors.push({
      field: "telephone",
      message: "Ce numéro n'est pas un portable : les SMS ne partent que vers un numéro en 06 ou 07. Indiquez un portable, ou une adresse électronique.",
    });
  }
  if (emailText !== "" && !isPlausibleEmail(emailText)) {
    errors.push({ field: "courriel", message: "Indiquez une adresse électronique complète, par exemple nom@exemple.fr." });
  }
  if (phoneText === "" && emailText === "") {
    const message = options.staff ? "Indiquez un numéro de téléphone ou une adresse électronique de la personne, pour la prévenir ou l'appeler." : noContactMessage(place?.phone);
    errors.push({ field: "telephone", message });
  }

  const yearText = input.annee_naissance.trim();
  const thisYear = Number(toParis(now).date.slice(0, 4));
  let birthYear: number | null = null;
  if (yearText !== "") {
    birthYear = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(birthYear >= thisYear - 120 && birthYear <= thisYear)) {
      errors.push({ field: "annee_naissance", message: "Indiquez une année de naissance en 4 chiffres, par exemple 1958." });
    }
  }
  const needs = input.besoins.trim();
  if (needs.length > NEEDS_MAX) errors.push({ field: "besoins", message: `Le texte doit faire au plus ${NEEDS_MAX} caractères.` });
  const commune = input.commune.trim();
  if (commune.length > 100) errors.push({ field: "commune", message: "Le nom de la commune est trop long." });
  if (!input.consentement) errors.push({ field: "consentement", message: "Cochez la case pour donner votre accord." });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    details: {
      firstName,
      lastName,
      phone,
      email: emailText === "" ? null : emailText,
      birthYear,
      commune: commune === "" ? null : commune,
      accompanied: input.accompagne,
      needs: needs === "" ? null : needs,
    },
  };
}

const THEME_CODES: ReadonlySet<string> = new Set(THEMES.map((t) => t.code));

/** The known theme codes among the values, once each, in the taxonomy's order. */
export function pickThemes(values: readonly string[]): string[] {
  const chosen = new Set(values.filter((v) => THEME_CODES.has(v)));
  return THEMES.map((t) => t.code).filter((code) => chosen.has(code));
}

/** A query or form value as a list of strings (absent, one, or repeated). */
export function asList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

export function asText(value: unknown): string {
  return typeof value === "string" ? value : "";
}
