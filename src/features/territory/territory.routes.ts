// Commune search: the JSON API used by the suggestions script, and the no-JavaScript results page.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { searchCommunes } from "./commune-search.service.ts";
import type { CommuneMatch } from "./territory.repository.ts";
import { findSearchableCommune } from "./territory.repository.ts";
import { CommuneResultsPage, communeResultsHref } from "./territory.views.tsx";

const CommuneSchema = Type.Object({
  code: Type.String({ description: "Code INSEE" }),
  nom: Type.String(),
  codes_postaux: Type.Array(Type.String()),
  population: Type.Integer(),
  epci: Type.Union([Type.Object({ code: Type.String(), nom: Type.String() }), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
});

function communeJson(c: CommuneMatch) {
  return {
    code: c.code,
    nom: c.name,
    codes_postaux: c.postcodes,
    population: c.population,
    epci: c.epci_code && c.epci_name ? { code: c.epci_code, nom: c.epci_name } : null,
    latitude: c.latitude,
    longitude: c.longitude,
  };
}

export async function territoryRoutes(app: FastifyInstance, deps: { db: Db; departement: string }) {
  app.get(
    "/api/v1/communes",
    {
      schema: {
        summary: "Chercher une commune du département par nom ou code postal",
        description:
          "Un nom (sans accents ni majuscules nécessaires ; « St », « Ste », « s/ » et les petits mots comme « sur » ou « d' » " +
          "peuvent être abrégés ou omis), éventuellement suivi ou précédé d'un code postal qui le précise (« Agen 47000 »), " +
          "ou le début d'un code postal (2 à 5 chiffres). Un code INSEE n'est jamais cherché ici : GET /api/v1/communes/{code}. " +
          "Quand rien ne correspond tel quel, les communes à l'orthographe proche sont données et orthographe_proche vaut true.",
        tags: ["territoire"],
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 100, description: "Nom ou code postal, par exemple « Agen », « villeneuve/lot » ou « 47300 »" }),
          limite: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
        }),
        response: {
          200: Type.Object({
            communes: Type.Array(CommuneSchema),
            orthographe_proche: Type.Boolean({
              description: "true quand aucune commune ne correspond au texte tel quel : les communes données sont celles dont l'orthographe est la plus proche (« Vouliez-vous dire … ? »)",
            }),
          }),
        },
      },
    },
    async (request) => {
      const { q, limite } = request.query as { q: string; limite: number };
      const found = await searchCommunes(deps.db, deps.departement, q, limite);
      return { communes: found.matches.map(communeJson), orthographe_proche: found.approximate };
    },
  );

  app.get(
    "/api/v1/communes/:code",
    {
      schema: {
        summary: "Une commune du département par son code INSEE",
        tags: ["territoire"],
        params: Type.Object({ code: Type.String({ pattern: "^(\\d{5}|2[AB]\\d{3})$", description: "Code INSEE (pas le code postal)" }) }),
        response: { 200: CommuneSchema },
      },
    },
    async (request) => {
      const commune = await findSearchableCommune(deps.db, deps.departement, (request.params as { code: string }).code);
      if (!commune) throw new HttpError("not_found", "Aucune commune du département n'a ce code INSEE.");
      return communeJson(commune);
    },
  );

  app.get(
    "/recherche-commune",
    { schema: { hide: true, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const raw = (request.query as { q?: string }).q;
      const q = (raw ?? "").trim();
      const ctx = pageContext(request, reply);
      if (raw === undefined) return sendHtml(reply, CommuneResultsPage({ ctx, q, results: [], approximate: false }));
      const found = await searchCommunes(deps.db, deps.departement, q, 20);
      if (found.query.kind === "empty") {
        const error = q === "" ? "Saisissez le nom de votre commune ou votre code postal." : "Saisissez des lettres ou des chiffres.";
        return sendHtml(reply, CommuneResultsPage({ ctx, q, results: [], approximate: false, error }), 400);
      }
      // A list of one would only be one more click: straight to the help near that commune.
      if (found.designated) return reply.redirect(communeResultsHref(found.designated), 303);
      return sendHtml(reply, CommuneResultsPage({ ctx, q, results: found.matches, approximate: found.approximate }));
    },
  );
}
