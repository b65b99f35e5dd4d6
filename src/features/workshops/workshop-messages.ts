// Messages to a registrant, by SMS and/or e-mail, in plain French. Pure: the service writes them to the outbox.
import { parisToInstant, toParis } from "../calendar/paris-time.ts";
import type { OutgoingMessage } from "../outbox/outbox.ts";
import { formatDay, formatHour } from "../places/availability.ts";

export type RegistrationMessage = "registered" | "waiting" | "offered" | "offer-expired";

export interface MessageWorkshop {
  title: string;
  startsAt: Date;
  placeName: string | null;
  placeAddress: string | null;
  isRemote: boolean;
}

export interface MessageContext {
  now: Date;
  brandName: string;
  /** The personal link, or null when the person no longer needs it. */
  personalUrl: string | null;
}

/** « jeudi 4 décembre à 14 h », in Paris time. */
export function formatWhen(date: Date): string {
  return `${formatDay(date)} à ${formatHour(date)}`;
}

/** No SMS between 20:00 and 08:00 (Paris): they wait until morning. */
export function smsSendTime(now: Date): Date {
  const { date, time } = toParis(now);
  if (time >= "08:00" && time < "20:00") return now;
  const day = time < "08:00" ? date : toParis(new Date(now.getTime() + 12 * 3_600_000)).date;
  return parisToInstant(day, "08:00");
}

function sentence(message: RegistrationMessage, workshop: MessageWorkshop, _ctx: MessageContext, expiresAt: Date | null): string {
  const when = formatWhen(workshop.startsAt);
  const where = workshop.isRemote ? "à distance" : `à ${workshop.placeName ?? "l'adresse indiquée"}`;
  switch (message) {
    case "registered":
      return `Vous êtes inscrit ou inscrite à l'atelier « ${workshop.title} », ${when}, ${where}.${workshop.isRemote ? " Le lien de connexion est sur votre page personnelle." : ""}`;
    case "waiting":
      return `L'atelier « ${workshop.title} » du ${when} est complet : vous êtes sur la liste d'attente. Si une place se libère, nous vous prévenons.`;
    case "offered":
      return `Une place s'est libérée à l'atelier « ${workshop.title} », ${when}. Confirmez-la avant ${expiresAt ? formatWhen(expiresAt) : "le début de l'atelier"}, sinon elle sera proposée à la personne suivante.`;
    case "offer-expired":
      return `La place proposée à l'atelier « ${workshop.title} » du ${when} n'a pas été confirmée à temps : elle a été proposée à la personne suivante.`;
  }
}

const SUBJECTS: Record<RegistrationMessage, string> = {
  registered: "inscription confirmée",
  waiting: "liste d'attente",
  offered: "une place s'est libérée",
  "offer-expired": "place non confirmée",
};

export function registrationMessages(
  registration: { id: string; firstName: string; phone: string | null; email: string | null },
  message: RegistrationMessage,
  workshop: MessageWorkshop,
  ctx: MessageContext,
  expiresAt: Date | null = null,
): OutgoingMessage[] {
  const body = sentence(message, workshop, ctx, expiresAt);
  const link = ctx.personalUrl ? `\n\nVotre page personnelle (pour voir, confirmer ou annuler) : ${ctx.personalUrl}` : "";
  const out: OutgoingMessage[] = [];
  const key = `workshop-registration:${registration.id}:${message}`;
  if (registration.phone) {
    out.push({ idempotencyKey: `${key}:sms`, channel: "sms", recipient: registration.phone, text: `${ctx.brandName} : ${body}${ctx.personalUrl ? ` ${ctx.personalUrl}` : ""}`, notBefore: smsSendTime(ctx.now) });
  }
  if (registration.email) {
    out.push({
      idempotencyKey: `${key}:email`,
      channel: "email",
      recipient: registration.email,
      subject: `${ctx.brandName} : atelier « ${workshop.title} », ${SUBJECTS[message]}`,
      text: `Bonjour ${registration.firstName},\n\n${body}${link}\n\nL'équipe ${ctx.brandName}`,
      notBefore: ctx.now,
    });
  }
  return out;
}
