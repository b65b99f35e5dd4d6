// Who reviews requests to join and which roles they may give. Pure predicates over the viewer's roles.
import { ROLE_CODES, type Role, type RoleAssignment } from "../../organisation/organisation.ts";

/** The departmental coordination and admins handle the queue; nobody else sees it. */
export function canReviewJoinRequests(roles: readonly RoleAssignment[]): boolean {
  return roles.some((r) => r.role === "admin" || r.role === "coordinator");
}

/** An admin may give any role; a coordinator any role but admin. */
export function grantableRoles(roles: readonly RoleAssignment[]): Role[] {
  if (roles.some((r) => r.role === "admin")) return [...ROLE_CODES];
  if (roles.some((r) => r.role === "coordinator")) return ROLE_CODES.filter((r) => r !== "admin");
  return [];
}
