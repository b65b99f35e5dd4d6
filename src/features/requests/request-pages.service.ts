// View models of the request pages: the queue with its filters, and one request with its thread, what is
// planned and what the viewer may do.
import type { DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import type { RequestListFilterInput, RequestListModel } from "./request-list.views.tsx";
import { type OutcomeView, outcomeText, permanenceOutcome, workshopOutcome } from "./request-outcome.ts";
import { findPermanenceOutcome, findSeriesTitle, findWorkshopOutcome, placeHasActivePermanence } from "./request-outcomes.repository.ts";
import type { RequestPageModel } from "./request-page.views.tsx";
import { canFileRequest, isCoordination, type RequestScope, requestScope, sideOn } from "./requests.policy.ts";
import { countOpenRequests, LIST_PAGE_SIZE, listRequestEvents, listRequests, type RequestDetail, type RequestListFilter } from "./requests.repository.ts";
import type { Actor, RequestsDeps } from "./requests.service.ts";
import { ageInDays, isRequestKind, nextStatuses, OPEN_STATUSES, type RequestStatus, statusFromCode } from "./requests.ts";

const NOTICES: Record<string, string> = {
  envoyee: "Votre demande est envoyée : la coordination la reçoit par courriel. Vous serez prévenu ou prévenue de chaque réponse.",
  enregistree: "La demande est enregistrée.",
  message: "Votre message est envoyé.",
  statut: "Le statut de la demande a changé : l'autre partie est prévenue par courriel.",
  acceptee: "La demande est acceptée : la commune est prévenue par courriel, avec les dates prévues.",
};

export function noticeOf(code: string | undefined): string | null {
  return code ? (NOTICES[code] ?? null) : null;
}

type Query = Record<string, string | undefined>;

export function audienceOf(actor: Actor): RequestListModel["audience"] {
  if (isCoordination(actor) || actor.roles.some((r) => r.role === "state_reader")) return "coordination";
  return actor.roles.some((r) => r.role === "commune_agent") ? "commune" : "reader";
}

/** The filters as typed, and what the query uses; unknown values fall back to the defaults. */
export function readListFilter(actor: Actor, query: Query): { input: RequestListFilterInput; filter: RequestListFilter; page: number } {
  const audience = audienceOf(actor);
  const statut = query.statut && (query.statut === "a-traiter" || query.statut === "toutes" || statusFromCode(query.statut)) ? query.statut : audience === "coordination" ? "a-traiter" : "toutes";
  const kind = query.type && isRequestKind(query.type) ? query.type : null;
  const commune = query.commune && /^(\d{5}|2[AB]\d{3})$/.test(query.commune) ? query.commune : null;
  const suivi = audience === "coordination" && query.suivi === "moi";
  const statuses: RequestStatus[] = statut === "a-traiter" ? [...OPEN_STATUSES] : statut === "toutes" ? [] : [statusFromCode(statut) as RequestStatus];
  const page = /^\d{1,5}$/.test(query.page ?? "") ? Math.max(1, Number(query.page)) : 1;
  return {
    input: { statut, type: kind ?? "", commune: commune ?? "", suivi },
    filter: { statuses, kind, communeCode: commune, assignedUserId: suivi ? actor.userId : null },
    page,
  };
}

/** The communes that have requests, for the coordination's filter (others see too few to need it). */
async function communesWithRequests(db: DbOrTx, scope: RequestScope): Promise<{ code: string; name: string }[]> {
  if (!scope.all) return [];
  return db.selectFrom("commune_requests as r").innerJoin("communes as c", "c.code", "r.commune_code").select(["c.code", "c.name"]).distinct().orderBy("c.name").execute();
}

export async function listModel(deps: RequestsDeps, actor: Actor, query: Query): Promise<Omit<RequestListModel, "notice">> {
  const scope = requestScope(actor);
  const { input, filter, page } = readListFilter(actor, query);
  const [{ rows, total }, counts, communes] = await Promise.all([
    listRequests(deps.db, scope, filter, page),
    countOpenRequests(deps.db, scope),
    communesWithRequests(deps.db, scope),
  ]);
  const now = deps.now();
  const hrefFor = (n: number) => {
    const params = new URLSearchParams();
    params.set("statut", input.statut);
    if (input.type) params.set("type", input.type);
    if (input.commune) params.set("commune", input.commune);
    if (input.suivi) params.set("suivi", "moi");
    if (n > 1) params.set("page", String(n));
    return `/demandes?${params.toString()}`;
  };
  return {
    audience: audienceOf(actor),
    canFile: canFileRequest(actor),
    filter: input,
    communes,
    counts,
    rows: rows.map((r) => ({ ...r, ageDays: ageInDays(r.created_at, now) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)),
    hrefFor,
  };
}

/** What answers the request, in words, or null while nothing does. */
export async function outcomeOf(deps: RequestsDeps, r: Pick<RequestDetail, "permanence_id" | "workshop_id" | "workshop_series_id">): Promise<OutcomeView | null> {
  const now = deps.now();
  if (r.permanence_id !== null) {
    const permanence = await findPermanenceOutcome(deps.db, r.permanence_id);
    return permanence ? permanenceOutcome(permanence, now, deps.config.departement.code) : null;
  }
  if (r.workshop_id !== null || r.workshop_series_id !== null) {
    const workshops = await findWorkshopOutcome(deps.db, { workshopId: r.workshop_id, seriesId: r.workshop_series_id });
    const series = r.workshop_series_id !== null ? await findSeriesTitle(deps.db, r.workshop_series_id) : undefined;
    if (workshops.length === 0 && !series) return null;
    return workshopOutcome(workshops, now, series?.title ?? null);
  }
  return null;
}

export { outcomeText };

/** The coverage page's « Et si… » from this request: its place when it has no permanence yet, else its commune. */
async function whatIfHref(deps: RequestsDeps, r: RequestDetail): Promise<string> {
  const today = toParis(deps.now()).date;
  if (r.place_id !== null && !(await placeHasActivePermanence(deps.db, r.place_id, today))) return `/maillage?si_lieu=${r.place_id}#et-si`;
  return `/maillage?si_commune=${r.commune_code}#et-si`;
}

export async function pageModel(
  deps: RequestsDeps,
  actor: Actor,
  request: RequestDetail,
  extra: { notice?: string | null; errors?: Record<string, string>; values?: Partial<RequestPageModel["values"]> } = {},
): Promise<RequestPageModel> {
  const side = sideOn(actor, { structureId: request.structure_id });
  const steering = actor.roles.some((r) => r.role === "admin" || r.role === "coordinator" || r.role === "state_reader");
  return {
    request,
    ageDays: ageInDays(request.created_at, deps.now()),
    events: await listRequestEvents(deps.db, request.id),
    side,
    nextStatuses: side === null ? [] : nextStatuses(side, request.status),
    outcome: await outcomeOf(deps, request),
    whatIfHref: steering ? await whatIfHref(deps, request) : null,
    notice: extra.notice ?? null,
    errors: extra.errors ?? {},
    values: { message: "", motif: "", note: "", ...extra.values },
  };
}
