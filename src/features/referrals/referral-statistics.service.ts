// The referrals' section of the statistics dashboard: the network's for its readers, the structure's
// received referrals for a structure manager; advisors and others see no section.
import type { Db } from "../../db/schema.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { Viewer } from "../auth/viewer.ts";
import { type ReferralFilters, referralStatistics } from "./referral-statistics.repository.ts";
import { ReferralStatsSection } from "./referral-statistics.views.tsx";
import { isNetworkReader } from "./referrals.policy.ts";
import { referralActor } from "./referrals.service.ts";

export async function referralStatsSections(db: Db, viewer: Viewer, filters: ReferralFilters): Promise<SafeHtml[]> {
  const actor = referralActor(viewer);
  if (isNetworkReader(actor)) return [ReferralStatsSection({ stats: await referralStatistics(db, { all: true }, filters) })];
  const managed = viewer.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId !== null ? [r.structureId] : []));
  if (managed.length === 0) return [];
  const stats = await referralStatistics(db, { all: false, fromStructureIds: [], targetStructureIds: managed }, filters);
  return [ReferralStatsSection({ stats, heading: "Orientations reçues par la structure" })];
}
