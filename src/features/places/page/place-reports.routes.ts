// « Signaler une erreur » on a place, and /gestion/signalements where the place's managers handle reports.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { requireViewer } from "../../auth/auth.routes.ts";
import type { PlacesFeatureDeps } from "../places.deps.ts";
import { findPublicPlace } from "./place-page.repository.ts";
import { markResolved, reportsFor, sendReport } from "./place-page.service.ts";
import { ReportPage } from "./place-reports.views.tsx";
import { ReportsListPage } from "./place-reports-list.views.tsx";

const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

export async function placeReportsRoutes(app: FastifyInstance, deps: PlacesFeatureDeps): Promise<void> {
  app.post(
    "/lieux/:slug/signaler",
    {
      schema: {
        hide: true,
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: Type.Object({
          message: Type.Optional(Type.String({ maxLength: 20000 })),
          contact: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (request, reply) => {
      const place = await findPublicPlace(deps.db, (request.params as { slug: string }).slug);
      if (!place) throw new HttpError("not_found", "Ce lieu n'existe pas ou n'est plus affiché.");
      const body = request.body as { message?: string; contact?: string };
      const input = { message: body.message ?? "", contact: body.contact ?? "" };
      const placePath = `/lieux/${encodeURIComponent(place.slug)}`;
      const result = await sendReport(deps, place.id, input, request.ip);
      if (result.kind === "sent") return reply.redirect(`${placePath}?signalement=merci`, 303);
      const form = { ...input, errors: result.kind === "invalid" ? result.errors : {}, throttled: result.kind === "throttled" };
      const page = ReportPage({ ctx: pageContext(request, reply), placePath, placeName: place.name, form });
      return sendHtml(reply, page, result.kind === "throttled" ? 429 : 400);
    },
  );

  app.get(
    "/gestion/signalements",
    { schema: { hide: true, querystring: Type.Object({ page: Type.Optional(Type.String({ maxLength: 6 })), traite: Type.Optional(Type.String({ maxLength: 2 })) }) } },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const query = request.query as { page?: string; traite?: string };
      const result = await reportsFor(deps, viewer, Number.parseInt(query.page ?? "1", 10) || 1);
      if (result.kind === "forbidden") throw new HttpError("forbidden");
      const { kind: _kind, ...list } = result;
      return sendHtml(reply, ReportsListPage({ ctx: pageContext(request, reply), model: { ...list, resolved: query.traite === "1" } }));
    },
  );

  app.post(
    "/gestion/signalements/:id/traiter",
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ pattern: UUID }) }),
        body: Type.Object({ page: Type.Optional(Type.String({ maxLength: 6 })) }),
      },
    },
    async (request, reply) => {
      const viewer = requireViewer(request);
      const outcome = await markResolved(deps, viewer, (request.params as { id: string }).id);
      if (outcome === "forbidden") throw new HttpError("forbidden");
      if (outcome === "not_found") throw new HttpError("not_found", "Ce signalement n'existe pas.");
      const page = Number.parseInt((request.body as { page?: string }).page ?? "1", 10) || 1;
      return reply.redirect(`/gestion/signalements?page=${page}&traite=1`, 303);
    },
  );
}
