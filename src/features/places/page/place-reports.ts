// Error reports from the public about a place: what a valid report is, and how often one may be sent.
import { createHmac } from "node:crypto";
import type { FieldErrors } from "../../../web/components.tsx";
import { isPlausibleEmail, normalizeEmail } from "../../organisation/organisation.ts";

export const REPORT_LIMITS = {
  messageMin: 10,
  messageMax: 2000,
  contactMax: 254,
  perIpPerHour: 5,
  perPlacePerDay: 20,
} as const;

export interface ReportInput {
  message: string;
  contact: string;
}

export type ReportCheck = { ok: true; message: string; contact: string | null } | { ok: false; errors: FieldErrors };

export function checkReport(input: ReportInput): ReportCheck {
  const errors: FieldErrors = {};
  const message = input.message.trim();
  const contact = input.contact.trim();
  if (message === "") errors.message = "Décrivez l'erreur que vous avez vue.";
  else if (message.length < REPORT_LIMITS.messageMin) errors.message = `Décrivez l'erreur en ${REPORT_LIMITS.messageMin} caractères au moins.`;
  else if (message.length > REPORT_LIMITS.messageMax) {
    errors.message = `Votre message est trop long : ${REPORT_LIMITS.messageMax} caractères au plus (il en fait ${message.length}).`;
  }
  if (contact !== "" && (contact.length > REPORT_LIMITS.contactMax || !isPlausibleEmail(normalizeEmail(contact)))) {
    errors.contact = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr, ou laissez ce champ vide.";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, message, contact: contact === "" ? null : normalizeEmail(contact) };
}

/** IP addresses are kept only as a keyed hash, enough to count a sender's reports. */
export function hashIp(ip: string, secret: string): string {
  return createHmac("sha256", secret).update(ip).digest("hex");
}

export function isReportThrottled(recent: { byIpLastHour: number; byPlaceLastDay: number }): boolean {
  return recent.byIpLastHour >= REPORT_LIMITS.perIpPerHour || recent.byPlaceLastDay >= REPORT_LIMITS.perPlacePerDay;
}
