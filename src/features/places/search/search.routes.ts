// The public search of help places: the « Trouver de l'aide » page and GET /api/v1/lieux, same parameters.
import type { FastifyInstance } from "fastify";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { toParis } from "../../calendar/paris-time.ts";
import type { PlacesFeatureDeps } from "../places.deps.ts";
import { SearchAnswerSchema, SearchQuerySchema } from "./search.api.ts";
import { findApiHelp, findHelp, PAGE_OPTIONS } from "./search.service.ts";
import { parseSearchParams, type RawQuery } from "./search.ts";
import { mapData, SearchPage } from "./search.views.tsx";
import { apiAnswerText } from "./search-api-text.ts";

// The schema documents the parameters; parseSearchParams checks them, naming every bad one in one answer.
const documentationOnly = () => (data: unknown) => ({ value: data });

/** Fastify's own content type for the JSON it serialises. */
const JSON_TYPE = "application/json; charset=utf-8";

export async function searchRoutes(app: FastifyInstance, deps: PlacesFeatureDeps): Promise<void> {
  app.get(
    "/api/v1/lieux",
    {
      schema: {
        summary: "Chercher des lieux d'aide au numérique, du plus proche au plus loin",
        description:
          "Lieux publics à moins de rayon_km d'une commune (son centre) ou d'un point, triés par distance à vol d'oiseau. " +
          "Sans commune ni position : tous les lieux, par nom. Un paramètre incorrect donne une réponse 400 " +
          "(application/problem+json) dont le tableau errors nomme chaque paramètre en cause.",
        tags: ["lieux"],
        querystring: SearchQuerySchema,
        response: { 200: SearchAnswerSchema },
      },
      validatorCompiler: documentationOnly,
    },
    async (request, reply) => {
      const outcome = await findApiHelp(deps, parseSearchParams(request.query as RawQuery), deps.config.publicUrl);
      if (outcome.kind !== "results") {
        const errors = outcome.kind === "invalid" ? outcome.errors : [];
        throw new HttpError("validation_failed", "Certains paramètres de la recherche sont incorrects.", errors);
      }
      // The answer is written once, as text (search-api-text.ts): the schema above documents it; a JSON
      // content type makes Fastify send the text as it is, without serialising it again.
      return reply.type(JSON_TYPE).send(apiAnswerText(outcome));
    },
  );

  app.get("/trouver-de-l-aide", { schema: { hide: true } }, async (request, reply) => {
    const outcome = await findHelp(deps, parseSearchParams(request.query as RawQuery), PAGE_OPTIONS);
    const q = outcome.kind === "results" && outcome.origin?.kind === "commune" ? outcome.origin.commune.name : (outcome.params.q ?? "");
    const map = mapData(outcome, { tileUrl: deps.config.mapTileUrl, attribution: deps.config.mapAttribution });
    const ctx = pageContext(request, reply);
    const page = SearchPage({ ctx, model: { outcome, q, today: toParis(deps.now()).date, map } });
    return sendHtml(reply, page, outcome.kind === "invalid" ? 400 : 200);
  });
}
