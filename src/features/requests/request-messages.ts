// E-mails about a request, to the other side of the thread, in plain French. Pure: the service writes them
// to the outbox in the transaction of the change, one per recipient, keyed by event so none is sent twice.
import type { OutgoingMessage } from "../outbox/outbox.ts";
import { REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestSide, type RequestStatus, requestTitle } from "./requests.ts";

export type RequestNotice =
  | { kind: "created" }
  | { kind: "status"; from: RequestStatus; to: RequestStatus; reason: string | null; outcome: string | null }
  | { kind: "message"; body: string };

export interface NoticeContext {
  eventId: string;
  /** Who acted: the mail goes to the other side. */
  side: RequestSide;
  request: { id: string; number: number; kind: RequestKind; communeName: string };
  actorName: string;
  brandName: string;
  publicUrl: string;
  now: Date;
}

function sentence(notice: RequestNotice, ctx: NoticeContext): string {
  const title = requestTitle(ctx.request.number).toLowerCase();
  const commune = ctx.request.communeName;
  switch (notice.kind) {
    case "created":
      return ctx.side === "commune"
        ? `La commune de ${commune} a déposé une nouvelle demande (${title}).`
        : `La coordination a enregistré votre demande (${title}) : vous pouvez la suivre et échanger avec nous en ligne.`;
    case "status":
      if (ctx.side === "commune") return `La commune de ${commune} a retiré sa demande (${title}).`;
      if (notice.to === "in_review" && (notice.from === "refused" || notice.from === "closed")) return `Votre demande (${title}) est de nouveau à l'étude.`;
      if (notice.to === "in_review") return `Votre demande (${title}) est à l'étude : nous revenons vers vous rapidement.`;
      if (notice.to === "accepted") return `Bonne nouvelle : votre demande (${title}) est acceptée.`;
      if (notice.to === "refused") return `Votre demande (${title}) n'a pas pu être acceptée.`;
      return `Votre demande (${title}) est clôturée.`;
    case "message":
      return ctx.side === "commune" ? `La commune de ${commune} a écrit à propos de sa demande (${title}).` : `La coordination vous a écrit à propos de votre demande (${title}).`;
  }
}

function block(notice: RequestNotice): string | null {
  if (notice.kind === "message") return notice.body;
  if (notice.kind === "status") {
    if (notice.to === "refused" && notice.reason) return `Motif : ${notice.reason}`;
    if (notice.to === "accepted" && notice.outcome) return notice.outcome;
    if (notice.reason) return notice.reason;
  }
  return null;
}

function subject(notice: RequestNotice, ctx: NoticeContext): string {
  const title = requestTitle(ctx.request.number);
  if (notice.kind === "created") return ctx.side === "commune" ? `Nouvelle demande de ${ctx.request.communeName} (${title})` : `${title} enregistrée`;
  if (notice.kind === "message") return `${title} : nouveau message`;
  if (ctx.side === "commune") return `${title} retirée par la commune`;
  return `${title} : ${REQUEST_STATUSES[notice.to].label.toLowerCase()}`;
}

/** One e-mail per recipient (already deduplicated and without the person who acted). */
export function requestNoticeMessages(notice: RequestNotice, ctx: NoticeContext, recipients: readonly string[]): OutgoingMessage[] {
  const url = `${ctx.publicUrl.replace(/\/$/, "")}/demandes/${ctx.request.id}`;
  const quoted = block(notice);
  const lines = [
    "Bonjour,",
    "",
    sentence(notice, ctx),
    ...(quoted ? ["", ...quoted.split(/\r?\n/).map((l) => `> ${l}`), `(${ctx.actorName})`] : []),
    "",
    `${requestTitle(ctx.request.number)} · ${REQUEST_KINDS[ctx.request.kind].short} · ${ctx.request.communeName}`,
    `Suivre la demande et répondre : ${url}`,
    "",
    `${ctx.brandName}, le réseau d'inclusion numérique`,
  ];
  const text = lines.join("\n");
  return recipients.map((recipient) => ({
    idempotencyKey: `request-event:${ctx.eventId}:${recipient}`,
    channel: "email" as const,
    recipient,
    subject: `${ctx.brandName} – ${subject(notice, ctx)}`,
    text,
    notBefore: ctx.now,
  }));
}
