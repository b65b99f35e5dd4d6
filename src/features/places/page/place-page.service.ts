// Use cases of the public place page: show a place, send an error report, list and close reports.
import type { Viewer } from "../../auth/viewer.ts";
import { nextWorkshopsAt, type WorkshopHighlights } from "../../workshops/workshop-highlights.service.ts";
import type { PlacesFeatureDeps } from "../places.deps.ts";
import { type PlaceView, presentPlace } from "./place-page.presenter.ts";
import { findPublicPlace, listPermanenceRules, type PublicPlace } from "./place-page.repository.ts";
import { canResolveReport, reportScope } from "./place-reports.policy.ts";
import { countRecentReports, findReportPlace, insertReport, listReports, resolveReport } from "./place-reports.repository.ts";
import { checkReport, hashIp, isReportThrottled, type ReportInput } from "./place-reports.ts";

export const REPORTS_PER_PAGE = 20;

export async function loadPlace(deps: PlacesFeatureDeps, slug: string): Promise<{ row: PublicPlace; view: PlaceView } | null> {
  const row = await findPublicPlace(deps.db, slug);
  if (!row) return null;
  const rules = await listPermanenceRules(deps.db, row.id);
  const view = presentPlace(row, rules, { now: deps.now(), departement: deps.config.departement.code, publicUrl: deps.config.publicUrl });
  return { row, view };
}

/** How many of a place's coming workshops its page lists; the catalogue filtered to the place has them all. */
export const PLACE_PAGE_WORKSHOPS = 5;

/** The place page: the place, and the next public workshops held there. */
export async function loadPlacePage(deps: PlacesFeatureDeps, slug: string): Promise<{ view: PlaceView; workshops: WorkshopHighlights } | null> {
  const found = await loadPlace(deps, slug);
  if (!found) return null;
  return { view: found.view, workshops: await nextWorkshopsAt(deps.db, deps.now(), found.row.slug, PLACE_PAGE_WORKSHOPS) };
}

export type ReportResult = { kind: "sent" } | { kind: "invalid"; errors: Record<string, string> } | { kind: "throttled" };

export async function sendReport(deps: PlacesFeatureDeps, placeId: string, input: ReportInput, ip: string): Promise<ReportResult> {
  const checked = checkReport(input);
  if (!checked.ok) return { kind: "invalid", errors: checked.errors };
  const now = deps.now();
  const ipHash = hashIp(ip, deps.secret);
  if (isReportThrottled(await countRecentReports(deps.db, { ipHash, placeId, now }))) return { kind: "throttled" };
  await insertReport(deps.db, { placeId, message: checked.message, contact: checked.contact, ipHash, now });
  return { kind: "sent" };
}

export type ListResult =
  | { kind: "forbidden" }
  | { kind: "ok"; reports: Awaited<ReturnType<typeof listReports>>["items"]; total: number; page: number; pageCount: number; networkWide: boolean };

export async function reportsFor(deps: PlacesFeatureDeps, viewer: Viewer, requestedPage: number): Promise<ListResult> {
  const scope = reportScope(viewer);
  if (!scope) return { kind: "forbidden" };
  const first = await listReports(deps.db, scope, { limit: REPORTS_PER_PAGE, offset: 0 });
  const pageCount = Math.max(1, Math.ceil(first.total / REPORTS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const current = page === 1 ? first : await listReports(deps.db, scope, { limit: REPORTS_PER_PAGE, offset: (page - 1) * REPORTS_PER_PAGE });
  return { kind: "ok", reports: current.items, total: current.total, page, pageCount, networkWide: scope.kind === "all" };
}

export async function markResolved(deps: PlacesFeatureDeps, viewer: Viewer, reportId: string): Promise<"done" | "not_found" | "forbidden"> {
  const report = await findReportPlace(deps.db, reportId);
  if (!report) return "not_found";
  if (!canResolveReport(viewer, { placeStructureId: report.structure_id })) return reportScope(viewer) ? "not_found" : "forbidden";
  await resolveReport(deps.db, reportId, viewer.userId, deps.now());
  return "done";
}
