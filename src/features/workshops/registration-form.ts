// The registration form without an account: who, how to reach them (phone and/or e-mail), consent.
import type { FieldErrors } from "../../web/components.tsx";

export interface RegistrationInput {
  prenom: string;
  nom: string;
  telephone: string;
  courriel: string;
  consentement: boolean;
}

export interface ValidRegistration {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
}

export const EMPTY_REGISTRATION: RegistrationInput = { prenom: "", nom: "", telephone: "", courriel: "", consentement: false };

/** French numbers: 10 digits starting with 0, or +33 followed by 9 digits; spaces, dots and dashes allowed. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s.-]/g, "");
  if (/^0[1-9]\d{8}$/.test(compact)) return compact;
  if (/^\+33[1-9]\d{8}$/.test(compact)) return `0${compact.slice(3)}`;
  return null;
}

export function validateRegistration(input: RegistrationInput): { ok: true; value: ValidRegistration } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const firstName = input.prenom.trim();
  const lastName = input.nom.trim();
  if (firstName === "") errors.prenom = "Indiquez votre prénom.";
  else if (firstName.length > 100) errors.prenom = "Le prénom doit faire au plus 100 caractères.";
  if (lastName === "") errors.nom = "Indiquez votre nom (ou son initiale).";
  else if (lastName.length > 100) errors.nom = "Le nom doit faire au plus 100 caractères.";
  const phoneText = input.telephone.trim();
  const email = input.courriel.trim().toLowerCase();
  const phone = phoneText === "" ? null : normalisePhone(phoneText);
  if (phoneText !== "" && phone === null) errors.telephone = "Indiquez un numéro de téléphone français, par exemple 06 12 34 56 78.";
  if (email !== "" && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) errors.courriel = "Indiquez une adresse électronique valide, par exemple nom@exemple.fr.";
  if (phoneText === "" && email === "") errors.telephone = "Indiquez un numéro de téléphone ou une adresse électronique, pour recevoir la confirmation.";
  if (!input.consentement) errors.consentement = "Cochez la case pour accepter que vos coordonnées soient conservées le temps de l'atelier.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { firstName, lastName, phone, email: email === "" ? null : email } };
}
