// The one way a request changes status (recordRequestStatus) and the one way a side is told of anything
// (notifyOtherSide). Both run inside the caller's transaction: the change, its line in the timeline, the
// e-mails in the outbox and the audit line commit together or not at all. A webhook of « request status
// changed » is published here too, in the same transaction (src/features/webhooks).
import type { DbOrTx } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { publishEvent } from "../webhooks/publish.ts";
import { type RequestNotice, requestNoticeMessages } from "./request-messages.ts";
import { communeAgentEmails, coordinationEmails } from "./request-parties.repository.ts";
import { insertRequestEvent, updateRequest } from "./requests.repository.ts";
import { checkStatusChange, type RequestKind, type RequestSide, type RequestStatus } from "./requests.ts";

/** What the status rules and the e-mails need to know of a request. */
export interface RequestState {
  id: string;
  number: number;
  kind: RequestKind;
  status: RequestStatus;
  structure_id: string | null;
  assigned_user_id: string | null;
  answered_at: Date | null;
  contact_email: string | null;
  commune_name: string;
  permanence_id: string | null;
  workshop_id: string | null;
  workshop_series_id: string | null;
}

export interface ActingPerson {
  userId: string;
  name: string;
  email: string;
}

export interface NotifyDeps {
  brandName: string;
  publicUrl: string;
}

/** What answers the request: set when it is accepted by creating or choosing it. */
export interface RequestOutcome {
  permanenceId?: string;
  workshopId?: string;
  seriesId?: string;
  /** In words, for the timeline and the commune's e-mail: « Permanence à la Mairie de Nérac, le mardi de 9 h à 12 h… ». */
  description: string;
}

export interface StatusChange {
  request: RequestState;
  to: RequestStatus;
  side: RequestSide;
  actor: ActingPerson;
  /** The refusal's reason, or a note on any other change. */
  reason: string | null;
  outcome?: RequestOutcome;
  at: Date;
}

export type StatusChangeResult = { ok: true; eventId: string; notified: number } | { ok: false; error: string };

/**
 * E-mails the other side of the thread: the commune (its contact and its agents) when the coordination
 * acted, the coordination (the coordinator who follows the request, else every coordinator) when the
 * commune did. The person who acted never gets their own mail. Returns how many were queued.
 */
export async function notifyOtherSide(
  trx: DbOrTx,
  request: RequestState,
  side: RequestSide,
  actor: ActingPerson,
  notice: RequestNotice,
  eventId: string,
  deps: NotifyDeps & { now: Date },
): Promise<number> {
  const candidates =
    side === "coordination"
      ? [...(request.contact_email ? [request.contact_email] : []), ...(request.structure_id ? await communeAgentEmails(trx, request.structure_id) : [])]
      : await coordinationEmails(trx, request.assigned_user_id);
  const recipients = [...new Set(candidates.map((e) => e.toLowerCase()))].filter((e) => e !== actor.email.toLowerCase());
  const messages = requestNoticeMessages(
    notice,
    {
      eventId,
      side,
      request: { id: request.id, number: request.number, kind: request.kind, communeName: request.commune_name },
      actorName: side === "coordination" ? `${actor.name}, coordination` : actor.name,
      brandName: deps.brandName,
      publicUrl: deps.publicUrl,
      now: deps.now,
    },
    recipients,
  );
  for (const message of messages) await enqueueMessage(trx, message);
  return messages.length;
}

/** The changes a coordination action makes besides the status: first answer time, who follows it. */
export function coordinationTouch(request: RequestState, actor: ActingPerson, at: Date): { answered_at?: Date; assigned_user_id?: string } {
  return {
    ...(request.answered_at === null ? { answered_at: at } : {}),
    ...(request.assigned_user_id === null ? { assigned_user_id: actor.userId } : {}),
  };
}

export async function recordRequestStatus(trx: DbOrTx, change: StatusChange, deps: NotifyDeps): Promise<StatusChangeResult> {
  const { request, to, side, actor, at, outcome } = change;
  const reason = change.reason?.trim() || null;
  const hasOutcome = outcome !== undefined || request.permanence_id !== null || request.workshop_id !== null || request.workshop_series_id !== null;
  const refusal = checkStatusChange(side, request.status, to, reason ?? "", hasOutcome);
  if (refusal !== null) return { ok: false, error: refusal };

  const changed = await updateRequest(trx, request.id, request.status, {
    status: to,
    status_changed_at: at,
    updated_at: at,
    decision_reason: to === "refused" ? reason : null,
    ...(to === "accepted" || to === "refused" ? { decided_at: at } : to === "in_review" ? { decided_at: null } : {}),
    ...(outcome ? { permanence_id: outcome.permanenceId ?? null, workshop_id: outcome.workshopId ?? null, workshop_series_id: outcome.seriesId ?? null } : {}),
    ...(side === "coordination" ? coordinationTouch(request, actor, at) : {}),
  });
  if (!changed) return { ok: false, error: "La demande a changé entre-temps : rechargez la page pour voir son état actuel." };

  const body = to === "accepted" && outcome ? [outcome.description, reason].filter(Boolean).join("\n") : reason;
  await publishEvent(
    trx,
    "commune_request.status_changed",
    { request_id: request.id, number: request.number, kind: request.kind, from_status: request.status, to_status: to, changed_at: at.toISOString() },
    at,
  );
  const eventId = await insertRequestEvent(trx, { request_id: request.id, kind: "status", side, from_status: request.status, to_status: to, body, actor_user_id: actor.userId, at });
  const notice: RequestNotice = { kind: "status", from: request.status, to, reason, outcome: outcome?.description ?? null };
  const notified = await notifyOtherSide(trx, request, side, actor, notice, eventId, { ...deps, now: at });
  await recordAudit(trx, {
    at,
    actorUserId: actor.userId,
    action: "commune_request.status",
    subjectType: "commune_request",
    subjectId: request.id,
    details: { number: request.number, from: request.status, to, ...(outcome ? { outcome: { permanence: outcome.permanenceId, workshop: outcome.workshopId, series: outcome.seriesId } } : {}) },
  });
  return { ok: true, eventId, notified };
}
