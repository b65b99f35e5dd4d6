// Who may read and close error reports about places: coordinators and admins for the whole network,
// structure managers for the places their structures run, nobody else.
import type { Viewer } from "../../auth/viewer.ts";

export type ReportScope = { kind: "all" } | { kind: "structures"; structureIds: string[] };

/** null: this person may not see reports at all. */
export function reportScope(viewer: Pick<Viewer, "roles">): ReportScope | null {
  if (viewer.roles.some((r) => r.role === "admin" || r.role === "coordinator")) return { kind: "all" };
  const structureIds = [
    ...new Set(viewer.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId !== null ? [r.structureId] : []))),
  ];
  return structureIds.length > 0 ? { kind: "structures", structureIds } : null;
}

export function canReadReports(viewer: Pick<Viewer, "roles">): boolean {
  return reportScope(viewer) !== null;
}

/** A report is handled by whoever may see it: the place's structure managers, coordinators, admins. */
export function canResolveReport(viewer: Pick<Viewer, "roles">, report: { placeStructureId: string }): boolean {
  const scope = reportScope(viewer);
  if (scope === null) return false;
  return scope.kind === "all" || scope.structureIds.includes(report.placeStructureId);
}
