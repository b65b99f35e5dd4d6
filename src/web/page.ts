// Helpers that turn a request into the context a view needs, and a view into a response.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { SafeHtml } from "./html/jsx-runtime.ts";
import type { PageContext, SiteInfo } from "./layout.tsx";

declare module "fastify" {
  interface FastifyInstance {
    site: SiteInfo;
  }
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    site: request.server.site,
    viewer: request.viewer,
    // Errors raised while routing reach us before the CSRF plugin has decorated the reply.
    csrfToken: typeof reply.generateCsrf === "function" ? reply.generateCsrf() : "",
    path: request.url.split("?")[0] ?? "/",
  };
}

export function sendHtml(reply: FastifyReply, html: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(html.value);
}

/** Builds a query string from the defined, non-empty values, in a stable order. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
