// Who sees and does what with commune requests. Pure predicates over the actor's roles.
//
// - The coordination (coordinators and admins) sees every request, records them, moves them and writes in
//   their threads; the Préfecture (state reader) reads them all.
// - A commune agent files and follows its own structure's requests, writes in their threads and may
//   withdraw one that waits; any other request answers 404.
// - Structure managers and advisors read, without acting, the requests that concern them: those filed by a
//   structure they manage, and those answered by a permanence or workshop of theirs (the advisor who will
//   hold the new permanence learns who asked and what they expect).
// - Partner agents have nothing to do here (403).
import type { RoleAssignment } from "../organisation/organisation.ts";
import type { RequestSide } from "./requests.ts";

export interface RequestActor {
  userId: string;
  roles: RoleAssignment[];
  /** Advisor records of the account (for advisors). */
  advisorIds: string[];
}

/** Which requests a list or a lookup may return; the repository applies it inside the query. */
export type RequestScope =
  | { all: true }
  | { all: false; communeStructureIds: string[]; managedStructureIds: string[]; advisorIds: string[] };

function structuresWith(actor: RequestActor, role: RoleAssignment["role"]): string[] {
  return actor.roles.flatMap((r) => (r.role === role && r.structureId !== null ? [r.structureId] : []));
}

export function isCoordination(actor: RequestActor): boolean {
  return actor.roles.some((r) => r.role === "admin" || r.role === "coordinator");
}

function isNetworkReader(actor: RequestActor): boolean {
  return isCoordination(actor) || actor.roles.some((r) => r.role === "state_reader");
}

export function communeStructureIds(actor: RequestActor): string[] {
  return structuresWith(actor, "commune_agent");
}

function ownAdvisorIds(actor: RequestActor): string[] {
  return actor.roles.some((r) => r.role === "advisor") ? actor.advisorIds : [];
}

/** The requests pages at all: everyone but partner agents (and people with no role). */
export function canUseRequests(actor: RequestActor): boolean {
  return isNetworkReader(actor) || communeStructureIds(actor).length > 0 || structuresWith(actor, "structure_manager").length > 0 || ownAdvisorIds(actor).length > 0;
}

/** Filing a request: a commune agent for its commune, the coordination on behalf of any commune. */
export function canFileRequest(actor: RequestActor): boolean {
  return isCoordination(actor) || communeStructureIds(actor).length > 0;
}

export function requestScope(actor: RequestActor): RequestScope {
  if (isNetworkReader(actor)) return { all: true };
  return {
    all: false,
    communeStructureIds: communeStructureIds(actor),
    managedStructureIds: structuresWith(actor, "structure_manager"),
    advisorIds: ownAdvisorIds(actor),
  };
}

/**
 * The side the actor speaks for on this request, or null when they only read it: the coordination first
 * (a coordinator who is also a commune agent answers as the coordination), then the requesting commune.
 */
export function sideOn(actor: RequestActor, request: { structureId: string | null }): RequestSide | null {
  if (isCoordination(actor)) return "coordination";
  if (request.structureId !== null && communeStructureIds(actor).includes(request.structureId)) return "commune";
  return null;
}
