// The words of every appointment message, in plain French. Pure: the planner decides who gets what, when.

import { phoneText } from "../../web/french-format.ts";
import { toParis } from "../calendar/paris-time.ts";
import { formatDay, formatHour } from "../places/availability.ts";
import type { AppointmentForMessages } from "./appointment-notifications.ts";

export type PersonMessage = "confirmation" | "reminder-48h" | "reminder-2h" | "cancellation" | "change";
export type AdvisorMessage = "advisor-booked" | "advisor-cancelled" | "advisor-moved";
export type MessageName = PersonMessage | AdvisorMessage;

export interface MessageText {
  subject: string;
  text: string;
}

const WHAT_TO_BRING = "Pensez à apporter une pièce d'identité, vos identifiants et mots de passe, et votre appareil (téléphone, tablette ou ordinateur).";

/** « mardi 12 mai à 14 h 30 », in Paris time. */
export function formatWhen(at: Date): string {
  return `${formatDay(at)} à ${formatHour(at)}`;
}

/** « Médiathèque, 12 rue … », « par téléphone (Julie vous appelle) » … */
export function formatWhere(a: AppointmentForMessages): string {
  switch (a.location) {
    case "place":
      return a.placeName ? `${a.placeName}${a.placeAddress ? `, ${a.placeAddress}` : ""}` : "sur place";
    case "phone":
      return `par téléphone (${a.advisorFirstName} vous appelle)`;
    case "video":
      return `en visio (${a.advisorFirstName} vous donnera le lien)`;
    case "home":
      return "à votre domicile";
  }
}

function sameParisDay(a: Date, b: Date): boolean {
  return toParis(a).date === toParis(b).date;
}

function manageLine(a: AppointmentForMessages, lead: string): string {
  return a.manageUrl ? `${lead} ${a.manageUrl}` : "";
}

/** Text messages: short, one line of facts and the personal link. */
export function smsText(name: PersonMessage, a: AppointmentForMessages, brand: string, sentAt: Date): string {
  const when = name === "reminder-2h" && sameParisDay(a.startsAt, sentAt) ? `aujourd'hui à ${formatHour(a.startsAt)}` : formatWhen(a.startsAt);
  const withWhom = `avec ${a.advisorFirstName}, ${formatWhere(a)}`;
  const lines: Record<PersonMessage, string> = {
    confirmation: `${brand} : rendez-vous confirmé ${when} ${withWhom}. Apportez une pièce d'identité, vos mots de passe et votre appareil. ${manageLine(a, "Annuler ou déplacer :")}`,
    "reminder-48h": `${brand} : rappel, rendez-vous ${when} ${withWhom}. ${manageLine(a, "Empêché ? Prévenez-nous :")}`,
    "reminder-2h": `${brand} : rappel, rendez-vous ${when} ${withWhom}.`,
    cancellation: `${brand} : votre rendez-vous du ${formatWhen(a.startsAt)} avec ${a.advisorFirstName} est annulé.`,
    change: `${brand} : votre rendez-vous est déplacé au ${when} ${withWhom}. ${manageLine(a, "Annuler ou déplacer :")}`,
  };
  return lines[name].trim();
}

/** E-mails to the person. */
export function personEmail(name: PersonMessage, a: AppointmentForMessages, brand: string): MessageText {
  const when = formatWhen(a.startsAt);
  const facts = [
    `Quand : ${when} (jusqu'à ${formatHour(a.endsAt)})`,
    `Où : ${formatWhere(a)}`,
    `Avec : ${a.advisorFirstName}`,
    `Motif : ${a.kindName}`,
  ].join("\n");
  const manage = a.manageUrl ? `\n\nPour annuler ou déplacer ce rendez-vous, sans compte : ${a.manageUrl}` : "";
  const hello = `Bonjour ${a.firstName},\n\n`;
  const bye = `\n\nÀ bientôt,\nL'équipe ${brand}`;
  switch (name) {
    case "confirmation":
      return { subject: `Rendez-vous confirmé le ${when}`, text: `${hello}Votre rendez-vous est confirmé.\n\n${facts}\n\n${WHAT_TO_BRING}${manage}${bye}` };
    case "reminder-48h":
    case "reminder-2h":
      return { subject: `Rappel : rendez-vous le ${when}`, text: `${hello}Nous vous rappelons votre rendez-vous.\n\n${facts}\n\n${WHAT_TO_BRING}${manage}${bye}` };
    case "change":
      return { subject: `Rendez-vous déplacé au ${when}`, text: `${hello}Votre rendez-vous a changé. Voici le nouvel horaire.\n\n${facts}${manage}${bye}` };
    case "cancellation":
      return {
        subject: `Rendez-vous annulé : ${when}`,
        text: `${hello}Votre rendez-vous du ${when} avec ${a.advisorFirstName} est annulé.\n\nVous pouvez reprendre rendez-vous quand vous le souhaitez.${bye}`,
      };
  }
}

const LOCATION_FOR_ADVISOR = { phone: "par téléphone : vous appelez la personne", video: "en visio : vous envoyez le lien", home: "au domicile de la personne" };

/** E-mails to the advisor. */
export function advisorEmail(name: AdvisorMessage, a: AppointmentForMessages, brand: string): MessageText {
  const when = formatWhen(a.startsAt);
  const contact = [a.phone ? `téléphone ${phoneText(a.phone)}` : null, a.email ? `courriel ${a.email}` : null].filter(Boolean).join(", ");
  const facts = `Personne : ${a.firstName} (${contact})\nQuand : ${when} (jusqu'à ${formatHour(a.endsAt)})\nOù : ${a.location === "place" ? formatWhere(a) : LOCATION_FOR_ADVISOR[a.location]}\nMotif : ${a.kindName}`;
  const hello = `Bonjour ${a.advisorFirstName},\n\n`;
  const bye = `\n\n${brand}`;
  switch (name) {
    case "advisor-cancelled":
      return { subject: `Rendez-vous annulé : ${a.firstName}, ${when}`, text: `${hello}Ce rendez-vous est annulé.\n\n${facts}${bye}` };
    case "advisor-moved":
      return { subject: `Rendez-vous déplacé : ${a.firstName}, ${when}`, text: `${hello}Ce rendez-vous a été déplacé. Nouvel horaire :\n\n${facts}${bye}` };
    case "advisor-booked":
      return { subject: `Nouveau rendez-vous : ${a.firstName}, ${when}`, text: `${hello}Un rendez-vous a été pris avec vous.\n\n${facts}${bye}` };
  }
}
