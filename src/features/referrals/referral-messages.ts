// E-mails about a referral, in plain French. They name the referral by its number and its step, never
// the person nor what was done with them: the link leads to the page, behind sign-in. Pure.
import type { OutgoingMessage } from "../outbox/outbox.ts";
import { REFERRAL_STATUSES, type ReferralStatus, referralTitle } from "./referrals.ts";

export type ReferralNotice =
  | { kind: "received"; fromName: string; urgent: boolean }
  | { kind: "status"; to: ReferralStatus; reason: string | null; targetName: string }
  | { kind: "reminder"; days: number; fromName: string };

export interface ReferralNoticeContext {
  key: string;
  referral: { id: string; number: number };
  brandName: string;
  publicUrl: string;
  now: Date;
}

function sentence(notice: ReferralNotice, title: string): string {
  switch (notice.kind) {
    case "received":
      return `${notice.fromName} vous oriente une personne (${title})${notice.urgent ? ", avec une échéance proche" : ""}.`;
    case "reminder":
      return `${notice.fromName} vous a orienté une personne il y a ${notice.days} jours (${title}) et attend toujours une réponse. Sans réponse 30 jours après l'envoi, l'orientation expire.`;
    case "status":
      if (notice.to === "expired") return `Votre orientation (${title}) a expiré : ${notice.targetName} n'y a pas répondu dans les 30 jours.`;
      return `${notice.targetName} a mis à jour votre orientation (${title}) : ${REFERRAL_STATUSES[notice.to].label.toLowerCase()}.`;
  }
}

function subject(notice: ReferralNotice, title: string): string {
  if (notice.kind === "received") return `Nouvelle orientation (${title})`;
  if (notice.kind === "reminder") return `Rappel : orientation sans réponse (${title})`;
  return `${title} : ${REFERRAL_STATUSES[notice.to].label.toLowerCase()}`;
}

export function referralNoticeMessages(notice: ReferralNotice, ctx: ReferralNoticeContext, recipients: readonly string[]): OutgoingMessage[] {
  const title = referralTitle(ctx.referral.number);
  const url = `${ctx.publicUrl.replace(/\/$/, "")}/orientations/${ctx.referral.id}`;
  const reason = notice.kind === "status" && notice.reason ? ["", `Motif : ${notice.reason}`] : [];
  const text = ["Bonjour,", "", sentence(notice, title), ...reason, "", `Voir l'orientation : ${url}`, "", `${ctx.brandName}, le réseau d'inclusion numérique`].join("\n");
  return recipients.map((recipient) => ({
    idempotencyKey: `referral:${ctx.key}:${recipient}`,
    channel: "email" as const,
    recipient,
    subject: `${ctx.brandName} – ${subject(notice, title)}`,
    text,
    notBefore: ctx.now,
  }));
}
