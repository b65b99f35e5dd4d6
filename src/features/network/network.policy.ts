// Who sees the network view and the coordination log. Pure predicates over the viewer's roles.
import type { RoleAssignment } from "../organisation/organisation.ts";

/** The advisors a viewer may see on /reseau: the whole network, or their own structures only. */
export type NetworkScope = { kind: "network" } | { kind: "structures"; structureIds: string[] };

function hasRole(roles: readonly RoleAssignment[], ...wanted: RoleAssignment["role"][]): boolean {
  return roles.some((r) => wanted.includes(r.role));
}

/** Coordination, the Préfecture and admins: every advisor; structure managers: their structures; others: none. */
export function networkScope(roles: readonly RoleAssignment[]): NetworkScope | null {
  if (hasRole(roles, "admin", "coordinator", "state_reader")) return { kind: "network" };
  const managed = roles.flatMap((r) => (r.role === "structure_manager" && r.structureId ? [r.structureId] : []));
  return managed.length > 0 ? { kind: "structures", structureIds: [...new Set(managed)] } : null;
}

/** The coordination log is the coordinators' own work: they and admins write it, the Préfecture reads it. */
export function canReadJournal(roles: readonly RoleAssignment[]): boolean {
  return hasRole(roles, "admin", "coordinator", "state_reader");
}

export function canWriteJournal(roles: readonly RoleAssignment[]): boolean {
  return hasRole(roles, "admin", "coordinator");
}
