// Liveness and readiness for operators: the database answers, and what is degraded is said.
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { Type } from "typebox";
import type { DatabaseKind } from "../../db/database.ts";
import type { Db } from "../../db/schema.ts";
import { describeDegradation, getTerritoryStatus } from "../territory/territory.service.ts";

export async function healthRoutes(app: FastifyInstance, deps: { db: Db; dbKind: DatabaseKind }) {
  app.get(
    "/healthz",
    {
      schema: {
        summary: "État du service",
        tags: ["exploitation"],
        response: {
          200: Type.Object({ status: Type.Literal("ok"), database: Type.String(), degraded: Type.Array(Type.String()) }),
          503: Type.Object({ status: Type.Literal("error"), database: Type.String(), detail: Type.String() }),
        },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch (error) {
        request.log.error({ err: error }, "health check: database unreachable");
        return reply.code(503).send({ status: "error", database: deps.dbKind, detail: "database unreachable" });
      }
      const degraded = describeDegradation(await getTerritoryStatus(deps.db));
      return { status: "ok", database: deps.dbKind, degraded };
    },
  );
}
