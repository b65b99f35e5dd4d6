// Routes of dashboards per role, the monthly report, the public figures and GET /api/v1/statistiques.
// Who sees what comes from the statistics policy (through loadStatistics): an advisor their own
// figures, a structure manager the structure's, the coordination, the Préfecture and admins the
// département's. Other signed-in people get 403, and people not signed in the usual 401.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireApiScope } from "../api-tokens/api-auth.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { toParis } from "../calendar/paris-time.ts";
import { referralStatsSections } from "../referrals/referral-statistics.service.ts";
import { requestStatsSections } from "../requests/request-statistics.service.ts";
import { selfDiagnosticStatsSections } from "../self-diagnostic/self-diagnostic-statistics.tsx";
import { StatsAnswerSchema, StatsQuerySchema } from "./pages/stats-api.ts";
import { DashboardPage } from "./pages/stats-dashboard.views.tsx";
import { statsFileName, tableCsv, tablesXlsx } from "./pages/stats-export.ts";
import { dashboardModel, loadScoped } from "./pages/stats-pages.service.ts";
import { fromPublicResult } from "./pages/stats-public.adapter.ts";
import { PublicFiguresPage } from "./pages/stats-public.views.tsx";
import { reportModel } from "./pages/stats-report.service.ts";
import { ReportPage } from "./pages/stats-report.views.tsx";
import { allTables, isTableKey } from "./pages/stats-tables.ts";
import { apiStatistics, publicStatistics } from "./statistics.service.ts";
import { DEPRECATION_HEADER, statsApiAnswer } from "./stats-api-answer.ts";

type Query = Record<string, unknown>;

// The schema documents the parameters; parseStatsQuery checks them, naming every bad one in one answer.
const documentationOnly = () => (data: unknown) => ({ value: data });
const hidden = { schema: { hide: true } };
const PRIVATE = "private, no-store";

export async function statisticsRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const { db } = deps;
  const departement = deps.config.departement;
  const today = () => toParis(deps.now()).date;

  /** The dashboard; also the answer to an export whose filters have errors (400, fields kept). */
  async function renderDashboard(request: FastifyRequest, reply: FastifyReply) {
    const viewer = requireViewer(request);
    const { status, model } = await dashboardModel(db, departement.code, viewer, request.query as Query, today());
    const sections = model.result
      ? [
          ...(await requestStatsSections(db, viewer, model.result.filters, deps.now())),
          ...(await referralStatsSections(db, viewer, model.result.filters)),
          ...(await selfDiagnosticStatsSections(db, viewer, model.result.filters)),
        ]
      : [];
    return sendHtml(reply.header("cache-control", PRIVATE), DashboardPage({ ctx: pageContext(request, reply), model: { ...model, sections } }), status);
  }

  app.get("/statistiques", hidden, renderDashboard);

  app.get("/statistiques/rapport", hidden, async (request, reply) => {
    const { status, model } = await reportModel(db, departement.code, requireViewer(request), request.query as Query, today());
    return sendHtml(reply.header("cache-control", PRIVATE), ReportPage({ ctx: pageContext(request, reply), model }), status);
  });

  app.get("/statistiques/export.csv", hidden, async (request, reply) => {
    const query = request.query as Query;
    const loaded = await loadScoped(db, requireViewer(request), query, today());
    if (loaded.kind !== "ok") return renderDashboard(request, reply);
    const key = typeof query.tableau === "string" && query.tableau !== "" ? query.tableau : "totaux";
    if (!isTableKey(key)) {
      throw new HttpError("validation_failed", "Ce tableau n'existe pas.", [{ field: "tableau", message: "Choisissez totaux, serie ou une répartition du tableau de bord." }]);
    }
    const table = allTables(loaded.result).find((t) => t.key === key);
    if (table === undefined) throw new HttpError("not_found", "Ce tableau ne fait pas partie des statistiques.");
    const { from, to } = loaded.result.filters;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${statsFileName(from, to, key, "csv")}"`)
      .header("cache-control", PRIVATE)
      .send(tableCsv(table));
  });

  app.get("/statistiques/export.xlsx", hidden, async (request, reply) => {
    const loaded = await loadScoped(db, requireViewer(request), request.query as Query, today());
    if (loaded.kind !== "ok") return renderDashboard(request, reply);
    const { from, to } = loaded.result.filters;
    const file = await tablesXlsx(allTables(loaded.result), `Statistiques du ${from} au ${to}`);
    return reply
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${statsFileName(from, to, null, "xlsx")}"`)
      .header("cache-control", PRIVATE)
      .send(file);
  });

  app.get("/chiffres", hidden, async (request, reply) => {
    const day = today();
    const result = fromPublicResult(await publicStatistics(db, day));
    const page = PublicFiguresPage({ ctx: pageContext(request, reply), model: { result, departementName: departement.name, generatedOn: day } });
    return sendHtml(reply.header("cache-control", "public, max-age=3600"), page);
  });

  app.get(
    "/api/v1/statistiques",
    {
      schema: {
        summary: "Statistiques d'activité du réseau : chiffres clés, série dans le temps et répartitions",
        security: [{ jeton: [] }],
        description:
          "Les chiffres des comptes rendus d'activité des conseillers numériques du département, sur une période (par défaut les 12 derniers " +
          "mois) : activités, accompagnements, personnes, durée ; la série par jour, semaine ou mois ; les répartitions (thématique, démarche, " +
          "lieu, profil des personnes…). Les filtres se combinent. Aucune identité de personne n'y figure. Jeton d'accès (Authorization: " +
          "Bearer …) avec le droit « statistiques ». Un paramètre incorrect donne une réponse 400 (application/problem+json) dont le tableau " +
          "errors nomme chaque paramètre en cause. Les clés de la réponse sont en français (filtres.du, totaux.activites) ; les anciennes " +
          "clés en anglais (filters.from, totals.activities) sont encore envoyées pour une version, marquées « deprecated », avec un en-tête Deprecation.",
        tags: ["statistiques"],
        querystring: StatsQuerySchema,
        response: { 200: StatsAnswerSchema },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      await requireApiScope(db, request, reply, "statistiques", deps.now());
      const answer = await apiStatistics(db, request.query as Query, today());
      if (answer.kind === "invalid") throw new HttpError("validation_failed", "Certains paramètres sont incorrects.", answer.errors);
      // The English keys of the first version are still in the answer, deprecated (docs/api.md).
      reply.header("deprecation", DEPRECATION_HEADER);
      return statsApiAnswer(answer.result);
    },
  );
}
