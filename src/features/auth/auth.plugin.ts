// Loads the signed-in person, if any, on every request except static files.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { SESSION_COOKIE } from "./auth.ts";
import { type AuthDeps, loadViewer } from "./auth.service.ts";
import type { Viewer } from "./viewer.ts";

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export const viewerPlugin = fp(async (app: FastifyInstance, deps: Pick<AuthDeps, "db" | "now">) => {
  app.decorateRequest("viewer", null);
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/static/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.viewer = await loadViewer(deps, token);
  });
});
