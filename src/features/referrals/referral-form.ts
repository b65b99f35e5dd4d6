// The referral form (fiche de liaison) as typed, and its checks with French messages next to each field.
// Pure: the place and the commune are looked up by the service.
import { normalizeFrenchPhone, pickThemes } from "../booking/booking-details.ts";
import { isPlausibleEmail, normalizeEmail } from "../organisation/organisation.ts";
import { CONSENT_MODES, CONTACT_PREFERENCES, type ConsentMode, type ContactPreference, URGENCIES, type Urgency } from "./referrals.ts";

export interface ReferralFormValues {
  lieu: string;
  besoin: string[];
  besoins: string;
  urgence: string;
  prenom: string;
  nom: string;
  telephone: string;
  courriel: string;
  contact: string;
  commune: string;
  consentement: boolean;
  mode_consentement: string;
}

export const BLANK_REFERRAL: ReferralFormValues = {
  lieu: "",
  besoin: [],
  besoins: "",
  urgence: "normal",
  prenom: "",
  nom: "",
  telephone: "",
  courriel: "",
  contact: "phone",
  commune: "",
  consentement: false,
  mode_consentement: "",
};

export interface CheckedReferral {
  placeId: string;
  themes: string[];
  needs: string | null;
  urgency: Urgency;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  contactPreference: ContactPreference;
  commune: string | null;
  consentMode: ConsentMode;
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? String(value[0] ?? "") : typeof value === "string" ? value : "").trim();
}

function list(body: Body, name: string): string[] {
  const value = body[name];
  return Array.isArray(value) ? value.map(String) : typeof value === "string" && value !== "" ? [value] : [];
}

export function readReferralForm(body: Body): ReferralFormValues {
  return {
    lieu: text(body, "lieu"),
    besoin: list(body, "besoin"),
    besoins: text(body, "besoins"),
    urgence: text(body, "urgence"),
    prenom: text(body, "prenom"),
    nom: text(body, "nom"),
    telephone: text(body, "telephone"),
    courriel: text(body, "courriel"),
    contact: text(body, "contact"),
    commune: text(body, "commune"),
    consentement: text(body, "consentement") === "oui",
    mode_consentement: text(body, "mode_consentement"),
  };
}

export function checkReferralForm(v: ReferralFormValues): { ok: true; referral: CheckedReferral } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (v.lieu === "") errors.lieu = "Choisissez le lieu vers lequel vous orientez la personne.";
  const themes = pickThemes(v.besoin);
  if (themes.length === 0) errors.besoin = "Cochez au moins un besoin de la personne.";
  if (v.besoins.length > 1000) errors.besoins = "Le texte doit faire 1 000 caractères au plus.";
  if (!Object.hasOwn(URGENCIES, v.urgence)) errors.urgence = "Indiquez si la demande est urgente.";
  if (v.prenom === "") errors.prenom = "Indiquez le prénom de la personne.";
  else if (v.prenom.length > 100) errors.prenom = "Le prénom doit faire au plus 100 caractères.";
  if (v.nom === "") errors.nom = "Indiquez le nom de la personne.";
  else if (v.nom.length > 100) errors.nom = "Le nom doit faire au plus 100 caractères.";
  const phone = v.telephone === "" ? null : normalizeFrenchPhone(v.telephone);
  if (v.telephone !== "" && phone === null) errors.telephone = "Indiquez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78.";
  const email = normalizeEmail(v.courriel);
  if (email !== "" && !isPlausibleEmail(email)) errors.courriel = "Indiquez une adresse électronique complète, par exemple nom@exemple.fr.";
  if (v.telephone === "" && email === "") errors.telephone = "Indiquez un téléphone ou une adresse électronique pour que la structure contacte la personne.";
  if (!Object.hasOwn(CONTACT_PREFERENCES, v.contact)) errors.contact = "Indiquez comment la personne préfère être contactée.";
  else if (v.contact === "email" && email === "") errors.courriel = "La personne préfère un courriel : indiquez son adresse.";
  else if (v.contact === "phone" && v.telephone === "") errors.telephone = "La personne préfère le téléphone : indiquez son numéro.";
  if (v.commune.length > 100) errors.commune = "Le nom de la commune est trop long.";
  if (!v.consentement) errors.consentement = "L'accord de la personne est obligatoire : sans lui, ses coordonnées ne peuvent pas être transmises.";
  if (!Object.hasOwn(CONSENT_MODES, v.mode_consentement)) errors.mode_consentement = "Indiquez comment la personne a donné son accord.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    referral: {
      placeId: v.lieu,
      themes,
      needs: v.besoins === "" ? null : v.besoins,
      urgency: v.urgence as Urgency,
      firstName: v.prenom,
      lastName: v.nom,
      phone,
      email: email === "" ? null : email,
      contactPreference: v.contact as ContactPreference,
      commune: v.commune === "" ? null : v.commune,
      consentMode: v.mode_consentement as ConsentMode,
    },
  };
}
