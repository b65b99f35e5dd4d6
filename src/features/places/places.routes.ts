// The public list of help places, nearest first from a commune.
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Db } from "../../db/schema.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { findCommune } from "../territory/territory.repository.ts";
import { listPublicPlacesWithCommune } from "./places.repository.ts";
import { paginate, sortByDistance } from "./places.ts";
import { FindHelpPage } from "./places.views.tsx";

export async function placesRoutes(app: FastifyInstance, deps: { db: Db; departement: string }) {
  app.get(
    "/trouver-de-l-aide",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          commune: Type.Optional(Type.String({ maxLength: 10 })),
          page: Type.Optional(Type.String({ maxLength: 6 })),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query as { commune?: string; page?: string };
      const page = Number.parseInt(query.page ?? "1", 10) || 1;
      const ctx = pageContext(request, reply);
      const places = await listPublicPlacesWithCommune(deps.db);
      const commune = query.commune ? await findCommune(deps.db, query.commune) : undefined;
      const located = commune?.latitude != null && commune.longitude != null;
      const sorted =
        commune && located
          ? sortByDistance(places, { latitude: commune.latitude!, longitude: commune.longitude! })
          : places.map((p) => ({ ...p, distanceKm: null }));
      const { items, page: current, pageCount } = paginate(sorted, page);
      const unknownCommune = query.commune !== undefined && query.commune !== "" && !commune;
      return sendHtml(
        reply,
        FindHelpPage({
          ctx,
          model: {
            commune: commune ? { code: commune.code, name: commune.name, located } : null,
            places: items,
            total: sorted.length,
            page: current,
            pageCount,
            error: unknownCommune ? "Cette commune n'est pas dans le département. Cherchez-la par son nom ou son code postal." : undefined,
          },
        }),
        unknownCommune ? 400 : 200,
      );
    },
  );
}
