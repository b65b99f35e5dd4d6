// The two gates of every beneficiary route: who may use the pages at all (403 for those who never see
// identities), and which record an id may open (404 and an audit line otherwise, so probing is visible).
import type { FastifyRequest } from "fastify";
import { HttpError } from "../../web/errors.ts";
import { loadActivityActor } from "../activities/activities.actor.ts";
import { type ActivityActor, canManageBeneficiary, canSeeIdentity } from "../activities/activities.policy.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { findBeneficiary } from "./beneficiaries.repository.ts";
import type { BeneficiaryRow } from "./beneficiaries.table.ts";
import { logDenied } from "./beneficiary-privacy.repository.ts";
import { type PeopleScope, visibleScope } from "./beneficiary-scope.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PeopleActor {
  actor: ActivityActor;
  scope: PeopleScope;
}

/** Advisors and structure managers; coordinators, the Préfecture and admins get 403: they never see identities. */
export async function requirePeopleActor(deps: BookingFeatureDeps, request: FastifyRequest): Promise<PeopleActor> {
  const actor = await loadActivityActor(deps.db, requireViewer(request));
  const scope = visibleScope(actor);
  if (scope === null) throw new HttpError("forbidden");
  return { actor, scope };
}

export function accessOf(row: BeneficiaryRow) {
  return { advisorId: row.advisor_id, structureId: row.structure_id, sharedWithStructure: row.shared_with_structure };
}

/**
 * The record when the actor may see it ("see") or manage it ("manage"). Unknown, malformed or
 * out-of-scope ids answer 404 and leave a "beneficiary.denied" line in the audit log.
 */
export async function requireRecord(
  deps: BookingFeatureDeps,
  request: FastifyRequest,
  actor: ActivityActor,
  id: string,
  need: "see" | "manage",
): Promise<BeneficiaryRow> {
  const row = UUID.test(id) ? await findBeneficiary(deps.db, id) : undefined;
  const allowed = row !== undefined && (need === "see" ? canSeeIdentity(actor, accessOf(row)) : canManageBeneficiary(actor, accessOf(row)));
  if (!allowed) {
    await logDenied(deps.db, actor.userId, id, request.url.split("?")[0] ?? "", deps.now());
    throw new HttpError("not_found");
  }
  return row;
}
