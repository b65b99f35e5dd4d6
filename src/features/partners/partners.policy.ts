// Who may do what with partner structures. The directory is for the network's agents; the coordination
// creates, edits, archives and imports; a partner agent edits its own structure's profile and services.
import { hasAnyRole, type Viewer } from "../auth/viewer.ts";

export function canReadDirectory(viewer: Viewer | null): boolean {
  return hasAnyRole(viewer, ["admin", "coordinator", "state_reader", "structure_manager", "advisor", "partner_agent"]);
}

export function canManagePartners(viewer: Viewer | null): boolean {
  return hasAnyRole(viewer, ["admin", "coordinator"]);
}

export function canEditPartner(viewer: Viewer | null, structureId: string): boolean {
  return canManagePartners(viewer) || (viewer?.roles.some((r) => r.role === "partner_agent" && r.structureId === structureId) ?? false);
}
