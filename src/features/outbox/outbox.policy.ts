import { hasRole, type Viewer } from "../auth/viewer.ts";

/** Message bodies hold sign-in links and personal details: admins only. */
export function canReadOutbox(viewer: Viewer | null): boolean {
  return hasRole(viewer, "admin");
}
