// Who may import places from a file: the network's administrators and coordinators.
import { hasAnyRole, type Viewer } from "../../auth/viewer.ts";

export function canImportPlaces(viewer: Viewer | null): boolean {
  return hasAnyRole(viewer, ["admin", "coordinator"]);
}
