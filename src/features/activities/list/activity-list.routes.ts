// Routes of the lists of activity reports, their CSV and XLSX exports and GET /api/v1/activites.
// Who sees what comes from reportScope: an advisor their own reports, a structure manager the
// structure's, the network readers every report without any identity. Other roles get 403.
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fieldErrorsFrom } from "../../../web/components.tsx";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { requireViewer } from "../../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../../booking/booking.deps.ts";
import { loadActivityActor } from "../activities.actor.ts";
import { type ActivityActor, canWriteReports, type ReportScope, reportScope } from "../activities.policy.ts";
import { activityApiRoutes } from "./activity-api.ts";
import { csvLines, exportFileName, xlsxStream } from "./activity-export.ts";
import { type ActivityFilters, filterParams, hasFilters, NO_FILTERS, readFilterInput } from "./activity-filters.ts";
import { allReports } from "./activity-list.repository.ts";
import { loadListPage, resolveFilters } from "./activity-list.service.ts";
import { ActivityListPage } from "./activity-list.views.tsx";

type Query = Record<string, unknown>;

function pageNumber(value: unknown): number {
  const text = typeof value === "string" ? value : "";
  return /^\d{1,6}$/.test(text) ? Number(text) : 1;
}

export async function activityListRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const { db } = deps;

  async function requireScope(request: FastifyRequest): Promise<{ actor: ActivityActor; scope: ReportScope }> {
    const actor = await loadActivityActor(db, requireViewer(request));
    const scope = reportScope(actor);
    if (scope === null) throw new HttpError("forbidden");
    return { actor, scope };
  }

  /** The page; with filter errors it shows them beside the fields (400) and lists nothing filtered. */
  async function renderList(request: FastifyRequest, reply: FastifyReply, actor: ActivityActor, scope: ReportScope) {
    const query = request.query as Query;
    const input = readFilterInput(query);
    const { filters, errors, choices, refusedPersonId } = await resolveFilters(db, actor, scope, input);
    if (refusedPersonId !== null) {
      request.log.warn({ userId: actor.userId, beneficiaryId: refusedPersonId }, "report list filtered on a person outside the actor's scope");
    }
    const used: ActivityFilters = errors.length > 0 ? NO_FILTERS : filters;
    const list = await loadListPage(db, actor, scope, used, pageNumber(query.page));
    const page = ActivityListPage({
      ctx: pageContext(request, reply),
      scope,
      canWrite: canWriteReports(actor),
      input,
      linkQuery: filterParams(used),
      errors: fieldErrorsFrom(errors),
      choices,
      filtered: hasFilters(used),
      notice: (request.query as { supprime?: unknown }).supprime === "1" ? "Le compte rendu a été supprimé." : null,
      ...list,
    });
    return sendHtml(reply, page, errors.length > 0 ? 400 : 200);
  }

  app.get("/activites", { schema: { hide: true } }, async (request, reply) => {
    const { actor, scope } = await requireScope(request);
    return renderList(request, reply, actor, scope);
  });

  /** The export's filters, or null after answering with the list page and its errors. */
  async function exportFilters(request: FastifyRequest, reply: FastifyReply) {
    const { actor, scope } = await requireScope(request);
    const { filters, errors } = await resolveFilters(db, actor, scope, readFilterInput(request.query as Query));
    if (errors.length > 0) {
      await renderList(request, reply, actor, scope);
      return null;
    }
    return { scope, filters };
  }

  app.get("/activites/export.csv", { schema: { hide: true } }, async (request, reply) => {
    const found = await exportFilters(request, reply);
    if (found === null) return reply;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${exportFileName(found.filters.from, found.filters.to, "csv")}"`)
      .header("cache-control", "private, no-store")
      .send(Readable.from(csvLines(allReports(db, found.scope, found.filters))));
  });

  app.get("/activites/export.xlsx", { schema: { hide: true } }, async (request, reply) => {
    const found = await exportFilters(request, reply);
    if (found === null) return reply;
    const stream = xlsxStream(allReports(db, found.scope, found.filters), (error) => request.log.error({ err: error }, "XLSX export failed"));
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${exportFileName(found.filters.from, found.filters.to, "xlsx")}"`)
      .header("cache-control", "private, no-store")
      .send(stream);
  });

  await activityApiRoutes(app, deps);
}
