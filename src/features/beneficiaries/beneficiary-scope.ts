// Which beneficiary records an actor may see or manage, as data a query can filter on. Mirrors
// canSeeIdentity / canManageBeneficiary (activities.policy.ts) so lists never show what a record page refuses.
import { type ActivityActor, isNetworkReader, ownAdvisorIds, sharedRecordStructureIds } from "../activities/activities.policy.ts";

export interface PeopleScope {
  /** Records owned by these advisors. */
  ownAdvisorIds: string[];
  /** Records shared with these structures. */
  sharedStructureIds: string[];
}

/** Seeing identities: own records, and records shared in the structures one works for or manages. */
export function visibleScope(actor: ActivityActor): PeopleScope | null {
  const own = ownAdvisorIds(actor);
  const shared = new Set(sharedRecordStructureIds(actor));
  if (own.length > 0 && !isNetworkReader(actor)) for (const a of actor.advisors) shared.add(a.structureId);
  if (own.length === 0 && shared.size === 0) return null;
  return { ownAdvisorIds: own, sharedStructureIds: [...shared] };
}

/** Editing, merging, exporting, erasing: own records, and shared records of the structures one manages. */
export function manageScope(actor: ActivityActor): PeopleScope | null {
  const own = ownAdvisorIds(actor);
  const managed = sharedRecordStructureIds(actor);
  if (own.length === 0 && managed.length === 0) return null;
  return { ownAdvisorIds: own, sharedStructureIds: managed };
}
