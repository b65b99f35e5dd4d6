// Who may see and manage whose agenda, motifs and absences. Pure predicates over the actor's roles.
import type { RoleAssignment } from "../organisation/organisation.ts";

export interface AgendaActor {
  userId: string;
  roles: RoleAssignment[];
  /** The advisor records linked to the actor's account (usually zero or one). */
  advisorIds: string[];
}

export interface AgendaAdvisor {
  id: string;
  structureId: string;
}

export function isNetworkWide(actor: AgendaActor): boolean {
  return actor.roles.some((r) => r.role === "admin" || r.role === "coordinator");
}

export function managedStructureIds(actor: AgendaActor): string[] {
  return actor.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId ? [r.structureId] : []));
}

export function isAdvisorOf(actor: AgendaActor, advisorId: string): boolean {
  return actor.roles.some((r) => r.role === "advisor") && actor.advisorIds.includes(advisorId);
}

/** The agenda pages: advisors (their own), structure managers and coordinators (others'). */
export function canUseAgenda(actor: AgendaActor): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).length > 0 || actor.advisorIds.length > 0;
}

/** One advisor's agenda, appointments and absences: the advisor, their structure's managers, coordinators. */
export function canSeeAdvisor(actor: AgendaActor, advisor: AgendaAdvisor): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).includes(advisor.structureId) || isAdvisorOf(actor, advisor.id);
}

/** Only the advisor sees the full names and contact details of the people they meet. */
export function seesFullNames(actor: AgendaActor, advisorId: string): boolean {
  return isAdvisorOf(actor, advisorId);
}

/** The motifs of a structure: its managers and coordinators. */
export function canManageKinds(actor: AgendaActor, structureId: string): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).includes(structureId);
}

export function canUseKinds(actor: AgendaActor): boolean {
  return isNetworkWide(actor) || managedStructureIds(actor).length > 0;
}
