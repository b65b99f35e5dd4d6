// Web platform: security headers, cookies, forms, CSRF, static assets, theme, and the error pages.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { ErrorPage } from "./error-pages.tsx";
import { ERRORS, type ErrorCode, HttpError, problem } from "./errors.ts";
import { pageContext, sendHtml } from "./page.ts";
import { frenchValidationMessage } from "./validation-messages.ts";

const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));
const LEAFLET_DIR = fileURLToPath(new URL("../../node_modules/leaflet/dist/", import.meta.url));

const LOGO_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/");
}

function errorCodeOf(error: FastifyError | HttpError): ErrorCode {
  if (error instanceof HttpError) return error.code;
  if (error.code?.startsWith("FST_CSRF")) return "csrf_invalid";
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return "payload_too_large";
  if (error.validation || error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY")
    return "validation_failed";
  if (error.statusCode === 404) return "not_found";
  if (error.statusCode === 429) return "rate_limited";
  return "internal";
}

function validationErrors(error: FastifyError): { field: string; message: string }[] | undefined {
  if (!error.validation) return undefined;
  return error.validation.map((v) => {
    const path = (v.instancePath || "").replace(/^\//, "").replace(/\//g, ".");
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const field = [path, missing].filter(Boolean).join(".") || (error.validationContext ?? "body");
    return { field, message: frenchValidationMessage(v) };
  });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail?: string, fieldErrors?: { field: string; message: string }[]) {
  const body = problem(code, detail, fieldErrors);
  const accept = request.headers.accept ?? "";
  const wantsJson = isApiRequest(request) || (accept.includes("json") && !accept.includes("text/html"));
  if (code === "unauthenticated" && !wantsJson) return reply.redirect("/connexion", 303);
  if (wantsJson) {
    return reply.code(body.status).type("application/problem+json; charset=utf-8").send(body);
  }
  const ctx = pageContext(request, reply);
  return sendHtml(reply, ErrorPage({ ctx, title: body.title, message: body.detail, status: body.status }), body.status);
}

export const webPlugin = fp(async (app: FastifyInstance, opts: { config: Readonly<Config>; sessionSecret: string }) => {
  const { config } = opts;
  const secure = config.publicUrl.startsWith("https://");

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", ...(config.mapTileUrl ? [new URL(config.mapTileUrl.replace(/[{}]/g, "")).origin] : [])],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie, { secret: opts.sessionSecret });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyCsrf, {
    cookieKey: "declic_csrf",
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", secure, signed: true },
  });

  // Every state-changing browser request carries the form's token. The JSON API never reads the
  // session cookie (see the viewer plugin), so a forged cross-site request there carries no authority.
  app.addHook("preHandler", (request, reply, done) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS" || isApiRequest(request)) {
      return done();
    }
    app.csrfProtection(request, reply, done);
  });

  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: "/static/", maxAge: "1h", decorateReply: false });
  // Map library served from our own origin (no third-party requests).
  await app.register(fastifyStatic, { root: LEAFLET_DIR, prefix: "/static/vendor/leaflet/", maxAge: "1d", decorateReply: false });

  const themeCss = `:root{--primary:${config.brand.primaryColor};}\n`;
  app.get("/theme.css", { schema: { hide: true } }, (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(themeCss),
  );

  const logoPath = config.brand.logoPath;
  if (logoPath) {
    const logo = readFileSync(logoPath);
    const type = LOGO_TYPES[extname(logoPath).toLowerCase()] ?? "application/octet-stream";
    app.get("/logo", { schema: { hide: true } }, (_request, reply) =>
      reply.type(type).header("cache-control", "public, max-age=86400").send(logo),
    );
  }

  app.setNotFoundHandler((request, reply) => sendError(request, reply, "not_found"));

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const code = errorCodeOf(error);
    if (code === "internal") request.log.error({ err: error }, "unhandled error");
    else request.log.info({ code, message: error.message }, "request refused");
    const detail = error instanceof HttpError ? error.detail : code === "validation_failed" ? ERRORS.validation_failed.message : undefined;
    const fields = error instanceof HttpError ? error.fieldErrors : validationErrors(error as FastifyError);
    return sendError(request, reply, code, detail, fields);
  });
});
