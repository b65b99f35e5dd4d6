// Who may manage which place and permanence. Pure predicates over the actor's roles and advisor records.
import type { RoleAssignment } from "../../organisation/organisation.ts";

export interface PlaceActor {
  userId: string;
  roles: RoleAssignment[];
  /** The advisor records linked to the actor's account (usually zero or one). */
  advisorIds: string[];
}

export interface ManagedPlace {
  structureId: string;
  /** Advisors who hold a permanence at the place. */
  permanenceAdvisorIds: string[];
}

export interface ManagedAdvisor {
  id: string;
  structureId: string;
}

function isNetworkWide(actor: PlaceActor): boolean {
  return actor.roles.some((r) => r.role === "admin" || r.role === "coordinator");
}

export function managedStructureIds(actor: PlaceActor): string[] {
  return actor.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId ? [r.structureId] : []));
}

function isAdvisor(actor: PlaceActor): boolean {
  return actor.advisorIds.length > 0 && actor.roles.some((r) => r.role === "advisor");
}

function holdsPermanenceAt(actor: PlaceActor, place: ManagedPlace): boolean {
  return isAdvisor(actor) && place.permanenceAdvisorIds.some((id) => actor.advisorIds.includes(id));
}

/** The back office of places: coordinators, admins, structure managers and advisors. */
export function canUsePlaceAdmin(actor: PlaceActor): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).length > 0 || isAdvisor(actor);
}

/** Every place, or only those of managed structures and own permanences. */
export function seesAllPlaces(actor: PlaceActor): boolean {
  return isNetworkWide(actor);
}

export function canSeePlace(actor: PlaceActor, place: ManagedPlace): boolean {
  return canEditPlace(actor, place) || holdsPermanenceAt(actor, place);
}

export function canEditPlace(actor: PlaceActor, place: Pick<ManagedPlace, "structureId">): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).includes(place.structureId);
}

export function canCreatePlace(actor: PlaceActor): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).length > 0;
}

export function canCreatePlaceFor(actor: PlaceActor, structureId: string): boolean {
  return canEditPlace(actor, { structureId });
}

export function canHidePlace(actor: PlaceActor, place: ManagedPlace): boolean {
  return canEditPlace(actor, place);
}

export function canSeeHistory(actor: PlaceActor, place: ManagedPlace): boolean {
  return canSeePlace(actor, place);
}

/** Adding a permanence: the place's managers, or an advisor already present there (for themself). */
export function canAddPermanence(actor: PlaceActor, place: ManagedPlace): boolean {
  return canEditPlace(actor, place) || holdsPermanenceAt(actor, place);
}

/** Editing or deleting one permanence: the place's managers, or the advisor who holds it. */
export function canEditPermanence(actor: PlaceActor, place: ManagedPlace, permanence: { advisorId: string }): boolean {
  return canEditPlace(actor, place) || (isAdvisor(actor) && actor.advisorIds.includes(permanence.advisorId));
}

/** Whom a permanence may be given to: anyone for coordinators, the managed structures' advisors, or oneself. */
export function canAssignAdvisor(actor: PlaceActor, advisor: ManagedAdvisor): boolean {
  if (isNetworkWide(actor)) return true;
  if (managedStructureIds(actor).includes(advisor.structureId)) return true;
  return isAdvisor(actor) && actor.advisorIds.includes(advisor.id);
}
