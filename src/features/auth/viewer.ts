// Who is making a request: the signed-in person and their roles, or nobody.
import type { Role, RoleAssignment } from "../organisation/organisation.ts";

export interface Viewer {
  userId: string;
  sessionHash: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: RoleAssignment[];
}

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer?.roles.some((r) => r.role === role) ?? false;
}

export function hasAnyRole(viewer: Viewer | null, roles: Role[]): boolean {
  return roles.some((role) => hasRole(viewer, role));
}
