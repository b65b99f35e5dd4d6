// Use cases of commune requests: who is acting, filing a request, writing in its thread and moving its
// status. Each runs in one transaction with its timeline line, its e-mails (outbox) and its audit line.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { Viewer } from "../auth/viewer.ts";
import { toParis } from "../calendar/paris-time.ts";
import { findAdvisorIdsOfUser } from "../places/admin/place-admin.repository.ts";
import { resolveCommune } from "../places/admin/place-commune.ts";
import type { CommuneMatch } from "../territory/territory.repository.ts";
import { type RequestFormValues, validateRequestForm } from "./request-form.ts";
import { findCommuneStructure, findStructure, type PlaceChoice, placeChoices } from "./request-parties.repository.ts";
import { type ActingPerson, coordinationTouch, notifyOtherSide, type RequestState, recordRequestStatus, type StatusChangeResult } from "./request-status.service.ts";
import { communeStructureIds, isCoordination, type RequestActor } from "./requests.policy.ts";
import { insertRequest, insertRequestEvent, updateRequest } from "./requests.repository.ts";
import { MESSAGE_MAX, type RequestSide, type RequestStatus } from "./requests.ts";

export interface RequestsDeps {
  db: Db;
  config: Readonly<Config>;
  now: () => Date;
  /** Wakes the outbox worker after a commit that queued e-mails. */
  afterCommit: () => void;
}

export type Actor = RequestActor & ActingPerson;

export async function loadRequestActor(db: Db, viewer: Viewer): Promise<Actor> {
  const advisorIds = viewer.roles.some((r) => r.role === "advisor") ? await findAdvisorIdsOfUser(db, viewer.userId) : [];
  return { userId: viewer.userId, roles: viewer.roles, advisorIds, name: `${viewer.firstName} ${viewer.lastName}`, email: viewer.email };
}

const notifyDeps = (deps: RequestsDeps) => ({ brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl });

/** Where the form's request comes from: the coordination (any commune) or a commune agent's own structure. */
export interface FilingContext {
  side: RequestSide;
  /** The commune agent's structure; null for the coordination. */
  structure: { id: string; name: string; communeCode: string | null; communeName: string | null } | null;
  places: PlaceChoice[];
}

export async function filingContext(deps: RequestsDeps, actor: Actor): Promise<FilingContext> {
  if (isCoordination(actor)) return { side: "coordination", structure: null, places: await placeChoices(deps.db, { departement: deps.config.departement.code }) };
  const structureId = communeStructureIds(actor)[0];
  const structure = structureId ? await findStructure(deps.db, structureId) : undefined;
  if (!structure) throw new Error("filingContext: the actor files no request");
  const communeCode = structure.commune_code;
  const places = communeCode ? await placeChoices(deps.db, { communeCode, structureId: structure.id }) : await placeChoices(deps.db, { departement: deps.config.departement.code });
  return { side: "commune", structure: { id: structure.id, name: structure.name, communeCode, communeName: structure.commune_name }, places };
}

export type FileResult = { ok: true; id: string } | { ok: false; errors: Record<string, string>; communeChoices: CommuneMatch[] };

export async function fileRequest(deps: RequestsDeps, actor: Actor, context: FilingContext, values: RequestFormValues): Promise<FileResult> {
  const now = deps.now();
  const fixedCommune = context.structure?.communeCode ?? null;
  const { input, errors } = validateRequestForm(fixedCommune ? { ...values, commune: context.structure?.communeName ?? "" } : values, {
    today: toParis(now).date,
    side: context.side,
    placeIds: context.places.map((p) => p.id),
  });
  let communeCode = fixedCommune;
  let communeChoices: CommuneMatch[] = [];
  if (communeCode === null && values.commune === "") errors.commune ??= "Indiquez la commune qui fait la demande, par son nom ou son code postal.";
  else if (communeCode === null) {
    const resolution = await resolveCommune(deps.db, deps.config.departement.code, values.commune, values.commune_code || null);
    if (resolution.kind === "found") communeCode = resolution.commune.code;
    else if (resolution.kind === "ambiguous") {
      errors.commune = "Plusieurs communes correspondent : précisez laquelle.";
      communeChoices = resolution.choices;
    } else errors.commune = "Cette commune n'est pas dans le département : vérifiez son nom ou son code postal.";
  }
  if (input === null || communeCode === null || Object.keys(errors).length > 0) return { ok: false, errors, communeChoices };

  const structureId = context.structure?.id ?? (await findCommuneStructure(deps.db, communeCode))?.id ?? null;
  const result = await deps.db.transaction().execute(async (trx) => {
    const created = await insertRequest(trx, {
      kind: input.kind,
      commune_code: communeCode,
      structure_id: structureId,
      place_id: input.placeId,
      address: input.address,
      weekdays: input.weekdays,
      start_time: input.startTime,
      end_time: input.endTime,
      rhythm: input.rhythm,
      start_date: input.startDate,
      publics: input.publics,
      public_details: input.publicDetails,
      expected_people: input.expectedPeople,
      details: input.details,
      contact_name: input.contactName,
      contact_role: input.contactRole,
      contact_email: input.contactEmail,
      contact_phone: input.contactPhone,
      channel: input.channel,
      created_by_user_id: actor.userId,
      // Recorded by the coordination: it is answered (acknowledged) and followed from the start.
      ...(context.side === "coordination" ? { assigned_user_id: actor.userId, answered_at: now } : {}),
      status_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    const eventId = await insertRequestEvent(trx, { request_id: created.id, kind: "created", side: context.side, actor_user_id: actor.userId, at: now });
    const communeName = (await trx.selectFrom("communes").select("name").where("code", "=", communeCode).executeTakeFirstOrThrow()).name;
    const state: RequestState = {
      id: created.id,
      number: created.number,
      kind: input.kind,
      status: "new",
      structure_id: structureId,
      assigned_user_id: context.side === "coordination" ? actor.userId : null,
      answered_at: null,
      contact_email: input.contactEmail,
      commune_name: communeName,
      permanence_id: null,
      workshop_id: null,
      workshop_series_id: null,
    };
    const notified = await notifyOtherSide(trx, state, context.side, actor, { kind: "created" }, eventId, { ...notifyDeps(deps), now });
    await recordAudit(trx, {
      at: now,
      actorUserId: actor.userId,
      action: "commune_request.created",
      subjectType: "commune_request",
      subjectId: created.id,
      details: { number: created.number, kind: input.kind, commune: communeCode, channel: input.channel },
    });
    return { id: created.id, notified };
  });
  if (result.notified > 0) deps.afterCommit();
  return { ok: true, id: result.id };
}

/** Adds a message to the thread and e-mails the other side. Returns a French error for a bad message. */
export async function postMessage(deps: RequestsDeps, actor: Actor, request: RequestState, side: RequestSide, body: string): Promise<string | null> {
  const text = body.trim();
  if (text === "") return "Écrivez votre message avant de l'envoyer.";
  if (text.length > MESSAGE_MAX) return `Le message doit faire ${MESSAGE_MAX} caractères au plus (actuellement ${text.length}).`;
  const now = deps.now();
  const notified = await deps.db.transaction().execute(async (trx) => {
    if (side === "coordination") {
      const touch = coordinationTouch(request, actor, now);
      if (Object.keys(touch).length > 0) await updateRequest(trx, request.id, request.status, { ...touch, updated_at: now });
    }
    const eventId = await insertRequestEvent(trx, { request_id: request.id, kind: "message", side, body: text, actor_user_id: actor.userId, at: now });
    return notifyOtherSide(trx, request, side, actor, { kind: "message", body: text }, eventId, { ...notifyDeps(deps), now });
  });
  if (notified > 0) deps.afterCommit();
  return null;
}

/** A status change without an outcome (study, refuse, close, withdraw, reopen). */
export async function changeStatus(
  deps: RequestsDeps,
  actor: Actor,
  request: RequestState,
  side: RequestSide,
  to: RequestStatus,
  reason: string,
): Promise<StatusChangeResult> {
  const result = await deps.db.transaction().execute((trx) => recordRequestStatus(trx, { request, to, side, actor, reason, at: deps.now() }, notifyDeps(deps)));
  if (result.ok && result.notified > 0) deps.afterCommit();
  return result;
}
