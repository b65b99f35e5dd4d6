// Routes of the network view (/reseau, its CSV export) and of the coordinators' work log (/reseau/journal).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { canReviewJoinRequests } from "../auth/join-requests/join-requests.policy.ts";
import { countPending } from "../auth/join-requests/join-requests.repository.ts";
import { joinRequestRoutes } from "../auth/join-requests/join-requests.routes.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { spreadsheetCsvLine } from "../places/opendata/csv.ts";
import { journalRoutes } from "./journal.routes.ts";
import { canReadJournal, type NetworkScope, networkScope } from "./network.policy.ts";
import { networkModel } from "./network.service.ts";
import { NetworkPage } from "./network.views.tsx";
import { CSV_HEADER, csvRows, readNetworkFilter } from "./network-view.ts";

const FILTER_QUERY = Type.Object({
  par: Type.Optional(Type.String({ maxLength: 20 })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  epci: Type.Optional(Type.String({ maxLength: 20 })),
  activite: Type.Optional(Type.String({ maxLength: 20 })),
});

export async function networkRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  function requireScope(request: FastifyRequest): { viewer: Viewer; scope: NetworkScope } {
    const viewer = requireViewer(request);
    const scope = networkScope(viewer.roles);
    if (scope === null) throw new HttpError("forbidden");
    return { viewer, scope };
  }

  app.get("/reseau", { schema: { hide: true, querystring: FILTER_QUERY } }, async (request, reply) => {
    const { viewer, scope } = requireScope(request);
    const filter = readNetworkFilter(request.query as Record<string, string | undefined>);
    const model = await networkModel(deps.db, viewer, scope, filter, deps.now());
    const pendingJoinRequests = canReviewJoinRequests(viewer.roles) ? await countPending(deps.db) : null;
    const page = NetworkPage({
      ctx: pageContext(request, reply),
      model,
      filter,
      showJournal: canReadJournal(viewer.roles),
      scoped: scope.kind === "structures",
      pendingJoinRequests,
    });
    return sendHtml(reply, page);
  });

  app.get("/reseau/export.csv", { schema: { hide: true, querystring: FILTER_QUERY } }, async (request, reply) => {
    const { viewer, scope } = requireScope(request);
    const filter = readNetworkFilter(request.query as Record<string, string | undefined>);
    const model = await networkModel(deps.db, viewer, scope, filter, deps.now());
    // The byte order mark lets spreadsheet software read the accents as UTF-8.
    const body = `\ufeff${[CSV_HEADER, ...csvRows(model.groups)].map(spreadsheetCsvLine).join("")}`;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="reseau-conseillers-${model.today}.csv"`)
      .header("cache-control", "private, no-store")
      .send(body);
  });

  await journalRoutes(app, deps);
  await joinRequestRoutes(app, deps);
}
