// Who may manage webhooks: the people who run the network for the Département, admins and coordinators.
import { hasAnyRole, type Viewer } from "../auth/viewer.ts";

export function canManageWebhooks(viewer: Viewer | null): boolean {
  return hasAnyRole(viewer, ["admin", "coordinator"]);
}
