// The sign-in e-mail: plain French, the link, how long it lasts, what to do if it was not you.

import { escapeHtml } from "../../web/html/jsx-runtime.ts";
import type { OutgoingMessage } from "../outbox/outbox.ts";

export function signInMessage(params: { to: string; firstName: string; link: string; brandName: string; tokenHash: string; now: Date }): OutgoingMessage {
  const { to, firstName, link, brandName } = params;
  const text = [
    `Bonjour ${firstName},`,
    "",
    `Pour vous connecter à ${brandName}, ouvrez ce lien :`,
    link,
    "",
    "Ce lien fonctionne une seule fois, pendant 15 minutes.",
    "Si vous n'avez pas demandé à vous connecter, ignorez ce message : personne ne pourra entrer sans ce lien.",
  ].join("\n");
  const html =
    `<p>Bonjour ${escapeHtml(firstName)},</p>` +
    `<p>Pour vous connecter à ${escapeHtml(brandName)}, cliquez sur ce lien :</p>` +
    `<p><a href="${escapeHtml(link)}">Me connecter à ${escapeHtml(brandName)}</a></p>` +
    "<p>Ce lien fonctionne une seule fois, pendant 15 minutes.</p>" +
    "<p>Si vous n'avez pas demandé à vous connecter, ignorez ce message : personne ne pourra entrer sans ce lien.</p>";
  return {
    idempotencyKey: `sign-in:${params.tokenHash}`,
    channel: "email",
    recipient: to,
    subject: `Votre lien de connexion à ${brandName}`,
    text,
    html,
    notBefore: params.now,
  };
}
