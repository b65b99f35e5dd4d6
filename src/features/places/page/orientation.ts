// The orientation sheet's optional fields: who is sent, a note, who sends them. Nothing is stored.
import type { FieldErrors } from "../../../web/components.tsx";

export const ORIENTATION_LIMITS = { firstName: 60, note: 500, referrer: 120 } as const;

export interface OrientationInput {
  firstName: string;
  note: string;
  referrer: string;
}

export function checkOrientation(input: OrientationInput): FieldErrors {
  const errors: FieldErrors = {};
  if (input.firstName.trim().length > ORIENTATION_LIMITS.firstName) {
    errors.prenom = `Le prénom fait ${ORIENTATION_LIMITS.firstName} caractères au plus.`;
  }
  if (input.note.trim().length > ORIENTATION_LIMITS.note) errors.note = `La note fait ${ORIENTATION_LIMITS.note} caractères au plus.`;
  if (input.referrer.trim().length > ORIENTATION_LIMITS.referrer) {
    errors.orienteur = `Ce champ fait ${ORIENTATION_LIMITS.referrer} caractères au plus.`;
  }
  return errors;
}

export const WHAT_TO_BRING = [
  "une pièce d'identité (carte d'identité, passeport ou titre de séjour) ;",
  "vos identifiants et mots de passe : adresse électronique, comptes CAF, ameli, impots.gouv, France Travail… ;",
  "votre téléphone, votre tablette ou votre ordinateur si vous en avez un, chargé ;",
  "les courriers ou documents qui concernent votre démarche.",
] as const;
