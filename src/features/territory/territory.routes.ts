// Commune search: the JSON API used by the suggestions script, and the no-JavaScript results page.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Db } from "../../db/schema.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { searchCommunes } from "./territory.repository.ts";
import { parseCommuneQuery } from "./territory.ts";
import { CommuneResultsPage } from "./territory.views.tsx";

const CommuneSchema = Type.Object({
  code: Type.String({ description: "Code INSEE" }),
  nom: Type.String(),
  codes_postaux: Type.Array(Type.String()),
  population: Type.Integer(),
  epci: Type.Union([Type.Object({ code: Type.String(), nom: Type.String() }), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
});

export async function territoryRoutes(app: FastifyInstance, deps: { db: Db; departement: string }) {
  app.get(
    "/api/v1/communes",
    {
      schema: {
        summary: "Chercher une commune du département par nom ou code postal",
        tags: ["territoire"],
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 100, description: "Nom (sans accents ni majuscules nécessaires) ou code postal" }),
          limite: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
        }),
        response: { 200: Type.Object({ communes: Type.Array(CommuneSchema) }) },
      },
    },
    async (request) => {
      const { q, limite } = request.query as { q: string; limite: number };
      const rows = await searchCommunes(deps.db, deps.departement, parseCommuneQuery(q), limite);
      return {
        communes: rows.map((c) => ({
          code: c.code,
          nom: c.name,
          codes_postaux: c.postcodes,
          population: c.population,
          epci: c.epci_code && c.epci_name ? { code: c.epci_code, nom: c.epci_name } : null,
          latitude: c.latitude,
          longitude: c.longitude,
        })),
      };
    },
  );

  app.get(
    "/recherche-commune",
    { schema: { hide: true, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const raw = (request.query as { q?: string }).q;
      const q = (raw ?? "").trim();
      const ctx = pageContext(request, reply);
      if (raw === undefined) return sendHtml(reply, CommuneResultsPage({ ctx, q, results: [] }));
      const query = parseCommuneQuery(q);
      if (query.kind === "empty") {
        const error = q === "" ? "Saisissez le nom de votre commune ou votre code postal." : "Saisissez des lettres ou des chiffres.";
        return sendHtml(reply, CommuneResultsPage({ ctx, q, results: [], error }), 400);
      }
      const results = await searchCommunes(deps.db, deps.departement, query, 20);
      return sendHtml(reply, CommuneResultsPage({ ctx, q, results }));
    },
  );
}
