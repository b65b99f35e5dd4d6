// The e-mails an agent receives when the coordination decides on their request to join.
import { escapeHtml } from "../../../web/html/jsx-runtime.ts";
import { ROLES, type Role } from "../../organisation/organisation.ts";
import type { OutgoingMessage } from "../../outbox/outbox.ts";

interface Common {
  requestId: string;
  to: string;
  firstName: string | null;
  brandName: string;
  now: Date;
}

function hello(firstName: string | null): string {
  return firstName ? `Bonjour ${firstName},` : "Bonjour,";
}

function message(c: Common, kind: "accepted" | "refused", subject: string, lines: string[]): OutgoingMessage {
  const text = [hello(c.firstName), "", ...lines].join("\n");
  const html = [hello(c.firstName), ...lines].map((l) => `<p>${escapeHtml(l)}</p>`).join("");
  return { idempotencyKey: `join-request:${c.requestId}:${kind}`, channel: "email", recipient: c.to, subject, text, html, notBefore: c.now };
}

export function acceptedMessage(c: Common & { role: Role; structureName: string | null; signInUrl: string }): OutgoingMessage {
  const where = c.structureName ? ` pour ${c.structureName}` : "";
  return message(c, "accepted", `Votre accès à ${c.brandName} est ouvert`, [
    `La coordination du réseau a accepté votre demande d'accès à ${c.brandName}.`,
    `Votre rôle : ${ROLES[c.role].label}${where}.`,
    `Connectez-vous avec ProConnect depuis la page de connexion : ${c.signInUrl}`,
  ]);
}

export function refusedMessage(c: Common & { reason: string }): OutgoingMessage {
  return message(c, "refused", `Votre demande d'accès à ${c.brandName}`, [
    `La coordination du réseau n'a pas accepté votre demande d'accès à ${c.brandName}.`,
    `Raison donnée : ${c.reason}`,
    "Si vous pensez qu'il s'agit d'une erreur, répondez à la coordination départementale ou faites une nouvelle demande en vous identifiant avec ProConnect.",
  ]);
}

/** To a coordinator or admin: a request arrived, or still waits after some days. */
export function reviewerNotice(c: {
  kind: "new" | "reminder";
  requestId: string;
  to: string;
  brandName: string;
  now: Date;
  who: string;
  structureName: string | null;
  days: number;
  reviewUrl: string;
}): OutgoingMessage {
  const where = c.structureName ? ` (${c.structureName})` : "";
  const subject = c.kind === "new" ? `Nouvelle demande d'accès à ${c.brandName}` : `Une demande d'accès attend depuis ${c.days} jours`;
  const lines = [
    c.kind === "new"
      ? `${c.who}${where} demande un accès à ${c.brandName} après s'être identifié avec ProConnect.`
      : `La demande d'accès de ${c.who}${where} attend une réponse depuis ${c.days} jours.`,
    `Acceptez-la ou refusez-la ici : ${c.reviewUrl}`,
  ];
  const text = ["Bonjour,", "", ...lines].join("\n");
  const html = ["Bonjour,", ...lines].map((l) => `<p>${escapeHtml(l)}</p>`).join("");
  return { idempotencyKey: `join-request:${c.requestId}:${c.kind}:${c.to}`, channel: "email", recipient: c.to, subject, text, html, notBefore: c.now };
}
