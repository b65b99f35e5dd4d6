// Routes of coverage of the territory (maillage): the page with what-if and recommendations, the CSV of
// the per-commune table, and GET /api/v1/maillage (bearer token with the "maillage" scope).
import type { FastifyInstance } from "fastify";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireApiScope } from "../api-tokens/api-auth.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { hasAnyRole, type Viewer } from "../auth/viewer.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { waitingRequestsOnMap } from "../requests/request-coverage.ts";
import { ActivePlacesCache } from "./active-places-cache.ts";
import { CoverageAnswerSchema, CoverageQuerySchema, toApiAnswer } from "./coverage.api.ts";
import { type CoverageDeps, coveragePage, loadCoverage } from "./coverage.service.ts";
import { CoveragePage } from "./coverage.views.tsx";
import { coverageCsv, parseCoverageParams, parseFilters, type RawQuery, rankLeastServed } from "./coverage-params.ts";

// The schema documents the parameters; parseFilters checks them, naming every bad one in one answer.
const documentationOnly = () => (data: unknown) => ({ value: data });

/**
 * Coverage is network-wide steering: the coordination, the Préfecture and admins. Structure managers
 * and advisors see their own figures in the statistics instead.
 */
function requireSteering(viewer: Viewer): void {
  if (!hasAnyRole(viewer, ["admin", "coordinator", "state_reader"])) throw new HttpError("forbidden");
}

export async function coverageRoutes(app: FastifyInstance, features: BookingFeatureDeps): Promise<void> {
  const deps: CoverageDeps = { db: features.db, config: features.config, now: features.now, activePlaces: new ActivePlacesCache() };
  app.get("/maillage", { schema: { hide: true } }, async (request, reply) => {
    requireSteering(requireViewer(request));
    const data = await coveragePage(deps, parseCoverageParams(request.query as RawQuery));
    const requests = await waitingRequestsOnMap(deps.db, deps.now());
    const page = CoveragePage({ ctx: pageContext(request, reply), data, requests, departementName: deps.config.departement.name });
    return sendHtml(reply, page, data.errors.length > 0 ? 400 : 200);
  });

  app.get("/maillage/communes.csv", { schema: { hide: true } }, async (request, reply) => {
    requireSteering(requireViewer(request));
    const errors: Parameters<typeof parseFilters>[1] = [];
    const filters = parseFilters(request.query as RawQuery, errors);
    if (errors.length > 0) throw new HttpError("validation_failed", "Certains filtres sont incorrects.", errors);
    const { coverage, today } = await loadCoverage(deps, filters, false);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="maillage-${deps.config.departement.code}-${today}.csv"`)
      .send(coverageCsv(rankLeastServed(coverage.communes)));
  });

  app.get(
    "/api/v1/maillage",
    {
      schema: {
        summary: "Maillage du territoire : distance de chaque commune à l'aide et heures de permanence à proximité",
        security: [{ jeton: [] }],
        description:
          "Une ligne par commune du département : population, distance à vol d'oiseau de son centre au lieu le plus proche ayant une " +
          "permanence active aujourd'hui (et au plus proche sans rendez-vous), heures de permanence par semaine à 10 et 20 km. " +
          "Jeton d'accès (Authorization: Bearer …) avec le droit « maillage ». Un paramètre incorrect donne une réponse 400 " +
          "(application/problem+json) dont le tableau errors nomme chaque paramètre en cause.",
        tags: ["maillage"],
        querystring: CoverageQuerySchema,
        response: { 200: CoverageAnswerSchema },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      await requireApiScope(deps.db, request, reply, "maillage", deps.now());
      const errors: Parameters<typeof parseFilters>[1] = [];
      const filters = parseFilters(request.query as RawQuery, errors);
      if (errors.length > 0) throw new HttpError("validation_failed", "Certains paramètres sont incorrects.", errors);
      const { coverage, today } = await loadCoverage(deps, filters, false);
      return toApiAnswer(coverage, today, deps.config.departement.code);
    },
  );
}
