// The requests' section of the statistics dashboard, for the network's readers (coordination, Préfecture,
// admins) only: requests are network-wide steering, like the coverage.
import type { Db } from "../../db/schema.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { Viewer } from "../auth/viewer.ts";
import { requestStatistics } from "./request-statistics.repository.ts";
import { RequestStatsSection } from "./request-statistics.views.tsx";

export async function requestStatsSections(
  db: Db,
  viewer: Viewer,
  filters: { from: string; to: string; communeCode: string | null; epciCode: string | null },
  now: Date,
): Promise<SafeHtml[]> {
  if (!viewer.roles.some((r) => r.role === "admin" || r.role === "coordinator" || r.role === "state_reader")) return [];
  const stats = await requestStatistics(db, { from: filters.from, to: filters.to, communeCode: filters.communeCode, epciCode: filters.epciCode }, now);
  return [RequestStatsSection({ stats })];
}
