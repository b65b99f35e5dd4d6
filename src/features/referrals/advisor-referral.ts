// Advisor → partner referrals from an activity report (« orienté » towards a partner structure of the
// network): the extra fields the report form asks, and their checks. Pure.
import { normalizeFrenchPhone } from "../booking/booking-details.ts";
import { isPlausibleEmail, normalizeEmail } from "../organisation/organisation.ts";
import { CONSENT_MODES, type ConsentMode } from "./referrals.ts";

/** As typed on the report form; all blank when the advisor does not refer to a partner. */
export interface AdvisorReferralValues {
  partnerId: string;
  consent: string;
  consentMode: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}

export const BLANK_ADVISOR_REFERRAL: AdvisorReferralValues = { partnerId: "", consent: "", consentMode: "", firstName: "", lastName: "", phone: "", email: "" };

/** The form's field names, prefixed so they never meet the report's own. */
export const ADVISOR_REFERRAL_FIELDS = {
  partnerId: "orientationPartenaire",
  consent: "orientationAccord",
  consentMode: "orientationModeAccord",
  firstName: "orientationPrenom",
  lastName: "orientationNom",
  phone: "orientationTelephone",
  email: "orientationCourriel",
} as const satisfies Record<keyof AdvisorReferralValues, string>;

export function readAdvisorReferral(body: Record<string, unknown>): AdvisorReferralValues {
  const one = (name: string) => {
    const v = body[name];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === "string" ? first.trim() : "";
  };
  const values = { ...BLANK_ADVISOR_REFERRAL };
  for (const key of Object.keys(ADVISOR_REFERRAL_FIELDS) as (keyof AdvisorReferralValues)[]) values[key] = one(ADVISOR_REFERRAL_FIELDS[key]);
  return values;
}

/** The person as the partner will contact them: from the beneficiary's record, else typed on the form. */
export interface ReferredPerson {
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
}

export interface CheckedAdvisorReferral {
  partnerId: string;
  consentMode: ConsentMode;
  person: { firstName: string; lastName: string; phone: string | null; email: string | null };
}

export type AdvisorReferralCheck = { refer: false } | { refer: true; referral: CheckedAdvisorReferral } | { refer: false; errors: Record<string, string> };

/**
 * Whether the report refers the person to a partner, and with what. `oriented` is the report's answer;
 * `partnerIds` the structures offered; `known` the identified person's record (null for an anonymous
 * report). Errors are keyed by the form's field names.
 */
export function checkAdvisorReferral(oriented: string, v: AdvisorReferralValues, partnerIds: readonly string[], known: ReferredPerson | null): AdvisorReferralCheck {
  const f = ADVISOR_REFERRAL_FIELDS;
  if (v.partnerId === "") return { refer: false };
  const errors: Record<string, string> = {};
  if (oriented !== "oui") errors[f.partnerId] = "Choisissez une structure partenaire seulement si la personne a été orientée (réponse « Oui » plus haut).";
  else if (!partnerIds.includes(v.partnerId)) errors[f.partnerId] = "Choisissez une structure partenaire de la liste.";
  if (v.consent !== "oui") errors[f.consent] = "L'accord de la personne est obligatoire pour transmettre ses coordonnées à la structure partenaire.";
  const mode = v.consentMode in CONSENT_MODES ? (v.consentMode as ConsentMode) : null;
  if (mode === null) errors[f.consentMode] = "Indiquez comment la personne a donné son accord.";
  const typedPhone = v.phone === "" ? null : normalizeFrenchPhone(v.phone);
  if (v.phone !== "" && typedPhone === null) errors[f.phone] = "Indiquez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78.";
  const typedEmail = normalizeEmail(v.email);
  if (typedEmail !== "" && !isPlausibleEmail(typedEmail)) errors[f.email] = "Indiquez une adresse électronique complète, par exemple nom@exemple.fr.";
  const firstName = known?.firstName ?? (v.firstName || null);
  const lastName = known?.lastName ?? (v.lastName || null);
  const phone = typedPhone ?? known?.phone ?? null;
  const email = (typedEmail === "" ? null : typedEmail) ?? known?.email ?? null;
  if (firstName === null) errors[f.firstName] = "Indiquez le prénom de la personne pour la structure partenaire.";
  if (lastName === null) errors[f.lastName] = "Indiquez le nom de la personne pour la structure partenaire.";
  if (phone === null && email === null && errors[f.phone] === undefined && errors[f.email] === undefined) {
    errors[f.phone] = known ? "Le dossier de la personne n'a ni téléphone ni courriel : indiquez-en un pour que la structure partenaire la contacte." : "Indiquez un téléphone ou une adresse électronique pour que la structure partenaire contacte la personne.";
  }
  if (Object.keys(errors).length > 0 || mode === null || firstName === null || lastName === null) return { refer: false, errors };
  return { refer: true, referral: { partnerId: v.partnerId, consentMode: mode, person: { firstName, lastName, phone, email } } };
}
