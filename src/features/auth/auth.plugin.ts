// Loads the signed-in person, if any, for the HTML pages. Static files and the JSON API never read the
// session cookie: the API authenticates by other means, which keeps it safe from cross-site requests.
// A session that still owes its second factor gives no viewer, only a pending sign-in.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "../organisation/organisation.ts";
import { type AuthDeps, loadViewer } from "./auth.service.ts";
import { SESSION_COOKIE } from "./auth.ts";
import type { PendingSignIn } from "./second-factor/second-factor.service.ts";
import { requiresSecondFactor } from "./second-factor/second-factor.ts";
import type { Viewer } from "./viewer.ts";

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
    pendingSignIn: PendingSignIn | null;
  }
}

export const viewerPlugin = fp(async (app: FastifyInstance, deps: Pick<AuthDeps, "db" | "now"> & { secondFactorRoles: readonly Role[] }) => {
  app.decorateRequest("viewer", null);
  app.decorateRequest("pendingSignIn", null);
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/static/") || request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const loaded = await loadViewer(deps, token);
    if (!loaded) return;
    const { viewer } = loaded;
    if (loaded.secondFactorAt === null && requiresSecondFactor(viewer.roles, deps.secondFactorRoles)) {
      request.pendingSignIn = { userId: viewer.userId, sessionHash: viewer.sessionHash, email: viewer.email };
      return;
    }
    request.viewer = viewer;
  });
});
