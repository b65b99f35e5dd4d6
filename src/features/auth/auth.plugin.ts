// Loads the signed-in person, if any, for the HTML pages. Static files and the JSON API never read the
// session cookie: the API authenticates by other means, which keeps it safe from cross-site requests.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type AuthDeps, loadViewer } from "./auth.service.ts";
import { SESSION_COOKIE } from "./auth.ts";
import type { Viewer } from "./viewer.ts";

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export const viewerPlugin = fp(async (app: FastifyInstance, deps: Pick<AuthDeps, "db" | "now">) => {
  app.decorateRequest("viewer", null);
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/static/") || request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.viewer = await loadViewer(deps, token);
  });
});
