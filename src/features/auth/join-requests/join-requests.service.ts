// Use cases of the requests to join: the agent sends (or completes) a request; a coordinator accepts it —
// account created or found by e-mail, role given, ProConnect subject linked, in one transaction — or
// refuses it with a reason. Each decision is audited and the agent is told through the outbox.
import type { Db, DbOrTx } from "../../../db/schema.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import { addRole, ensureAdvisorRecord, findUserByEmail, insertUser } from "../../organisation/organisation.repository.ts";

import { enqueueMessage } from "../../outbox/outbox.repository.ts";
import * as proconnectRepo from "../proconnect/proconnect.repository.ts";
import type { Viewer } from "../viewer.ts";
import { acceptedMessage, refusedMessage, reviewerNotice } from "./join-requests.mail.ts";
import { grantableRoles } from "./join-requests.policy.ts";
import * as repo from "./join-requests.repository.ts";
import { checkAcceptance, checkRefusal, type DecisionForm, type JoinIdentity, type JoinInput, REMIND_AFTER_DAYS, remindBefore } from "./join-requests.ts";

interface Deps {
  db: Db;
  now: () => Date;
}

/** A new request is announced to every coordinator and admin by e-mail (once; re-sending it does not). */
export async function submitJoinRequest(deps: DecisionDeps, identity: JoinIdentity, input: JoinInput): Promise<{ id: string; created: boolean }> {
  const now = deps.now();
  const saved = await deps.db.transaction().execute(async (trx) => {
    const structure = identity.siret ? await proconnectRepo.findStructureBySiret(trx, identity.siret) : undefined;
    const saved = await repo.savePending(trx, { ...identity, proposedStructureId: structure?.id ?? null, ...input }, now);
    await recordAudit(trx, {
      at: now,
      actorUserId: null,
      action: saved.created ? "join_request.sent" : "join_request.updated",
      subjectType: "join_request",
      subjectId: saved.id,
      details: { siret: identity.siret, proposedStructureId: structure?.id ?? null, requestedRole: input.requestedRole },
    });
    if (saved.created) await announceToReviewers(trx, deps, saved.id, "new", now);
    return saved;
  });
  if (saved.created) deps.afterCommit();
  return saved;
}

async function announceToReviewers(trx: DbOrTx, deps: Pick<DecisionDeps, "brandName" | "publicUrl">, id: string, kind: "new" | "reminder", now: Date): Promise<void> {
  const request = await repo.findRequest(trx, id);
  if (!request) return;
  const name = [request.given_name, request.usual_name].filter(Boolean).join(" ");
  const who = name ? `${name} <${request.email}>` : request.email;
  const structureName = request.proposed_structure_name;
  for (const to of await repo.reviewerEmails(trx)) {
    const reviewUrl = `${deps.publicUrl}/reseau/demandes-acces/${id}`;
    await enqueueMessage(trx, reviewerNotice({ kind, requestId: id, to, brandName: deps.brandName, now, who, structureName, days: REMIND_AFTER_DAYS, reviewUrl }));
  }
}

/** Hourly job: requests pending for REMIND_AFTER_DAYS days are recalled to the reviewers, once each. */
export async function remindWaitingJoinRequests(db: Db, now: Date, deps: Pick<DecisionDeps, "brandName" | "publicUrl">): Promise<number> {
  let reminded = 0;
  for (const { id } of await repo.requestsToRemind(db, remindBefore(now))) {
    const done = await db.transaction().execute(async (trx) => {
      if (!(await repo.markReminded(trx, id, now))) return false;
      await announceToReviewers(trx, deps, id, "reminder", now);
      await recordAudit(trx, { at: now, actorUserId: null, action: "join_request.reminded", subjectType: "join_request", subjectId: id, details: {} });
      return true;
    });
    if (done) reminded++;
  }
  return reminded;
}

export interface DecisionDeps extends Deps {
  brandName: string;
  publicUrl: string;
  afterCommit: () => void;
}

export type AcceptResult = { kind: "accepted"; userId: string; created: boolean } | { kind: "invalid"; errors: Record<string, string> } | { kind: "already_decided" };

export async function acceptJoinRequest(deps: DecisionDeps, reviewer: Viewer, id: string, form: DecisionForm): Promise<AcceptResult> {
  const now = deps.now();
  const result = await deps.db.transaction().execute(async (trx): Promise<AcceptResult> => {
    const request = await repo.lockPending(trx, id);
    if (!request) return { kind: "already_decided" };
    const structures = await repo.listStructureChoices(trx);
    const checked = checkAcceptance(form, { grantable: grantableRoles(reviewer.roles), structures: new Map(structures.map((s) => [s.id, s.kind])) });
    if (checked.errors) return { kind: "invalid", errors: checked.errors };
    const { role, structureId } = checked.acceptance;

    const linkedUser = await proconnectRepo.findSubOwner(trx, request.sub);
    const existing = await findUserByEmail(trx, request.email);
    if (existing?.disabled_at) return { kind: "invalid", errors: { role: `Le compte ${request.email} existe mais il est désactivé : réactivez-le avant d'accepter.` } };
    if (linkedUser && linkedUser !== existing?.id) return { kind: "invalid", errors: { role: "Cette identité ProConnect est déjà reliée à un autre compte." } };
    const otherSub = existing ? await proconnectRepo.findSubOfUser(trx, existing.id) : null;
    if (otherSub && otherSub !== request.sub) return { kind: "invalid", errors: { role: `Le compte ${request.email} est déjà relié à une autre identité ProConnect.` } };

    const userId = existing?.id ?? (await insertUser(trx, { email: request.email, firstName: request.given_name ?? request.email.split("@")[0]!, lastName: request.usual_name ?? "" }));
    await addRole(trx, userId, role, structureId);
    if (role === "advisor" && structureId) await ensureAdvisorRecord(trx, userId, structureId);
    if (!otherSub) await proconnectRepo.insertLink(trx, { sub: request.sub, userId, at: now });
    await repo.markAccepted(trx, id, { by: reviewer.userId, at: now, role, structureId, userId });
    await recordAudit(trx, {
      at: now,
      actorUserId: reviewer.userId,
      action: "join_request.accepted",
      subjectType: "join_request",
      subjectId: id,
      details: { userId, accountCreated: !existing, role, structureId },
    });
    const structureName = structures.find((s) => s.id === structureId)?.name ?? null;
    await enqueueMessage(
      trx,
      acceptedMessage({ requestId: id, to: request.email, firstName: request.given_name, brandName: deps.brandName, now, role, structureName, signInUrl: `${deps.publicUrl}/connexion` }),
    );
    return { kind: "accepted", userId, created: !existing };
  });
  if (result.kind === "accepted") deps.afterCommit();
  return result;
}

export type RefuseResult = { kind: "refused" } | { kind: "invalid"; errors: Record<string, string> } | { kind: "already_decided" };

export async function refuseJoinRequest(deps: DecisionDeps, reviewer: Viewer, id: string, reasonInput: string): Promise<RefuseResult> {
  const checked = checkRefusal(reasonInput);
  if (checked.error !== null) return { kind: "invalid", errors: { reason: checked.error } };
  const now = deps.now();
  const result = await deps.db.transaction().execute(async (trx): Promise<RefuseResult> => {
    const request = await repo.lockPending(trx, id);
    if (!request) return { kind: "already_decided" };
    await repo.markRefused(trx, id, { by: reviewer.userId, at: now, reason: checked.reason });
    await recordAudit(trx, { at: now, actorUserId: reviewer.userId, action: "join_request.refused", subjectType: "join_request", subjectId: id, details: { reason: checked.reason } });
    await enqueueMessage(trx, refusedMessage({ requestId: id, to: request.email, firstName: request.given_name, brandName: deps.brandName, now, reason: checked.reason }));
    return { kind: "refused" };
  });
  if (result.kind === "refused") deps.afterCommit();
  return result;
}


