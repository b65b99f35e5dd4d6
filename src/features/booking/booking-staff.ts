// Who may book on behalf of a person from the back office, and where (pure).
import type { Viewer } from "../auth/viewer.ts";

const EVERYWHERE = new Set(["admin", "partner_agent"]);
const IN_STRUCTURE = new Set(["advisor", "structure_manager"]);

/** null: every place; otherwise the structures whose places this person may book at (maybe none). */
export function bookableStructures(viewer: Viewer): string[] | null {
  if (viewer.roles.some((r) => EVERYWHERE.has(r.role))) return null;
  return [...new Set(viewer.roles.filter((r) => IN_STRUCTURE.has(r.role) && r.structureId !== null).map((r) => r.structureId as string))];
}

export function canBookOnBehalf(viewer: Viewer, placeStructureId: string): boolean {
  const structures = bookableStructures(viewer);
  return structures === null || structures.includes(placeStructureId);
}

export function isBookingStaff(viewer: Viewer): boolean {
  const structures = bookableStructures(viewer);
  return structures === null || structures.length > 0;
}
