// Who takes attendance: the workshop's advisor, and the managers of its structure.
import type { Viewer } from "../auth/viewer.ts";

export function canTakeAttendance(viewer: Viewer, workshop: { structure_id: string; advisor_user_id: string | null }): boolean {
  if (workshop.advisor_user_id !== null && workshop.advisor_user_id === viewer.userId) return true;
  return viewer.roles.some((r) => r.role === "structure_manager" && r.structureId === workshop.structure_id);
}
