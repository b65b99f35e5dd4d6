// Web platform: security headers, cookies, forms, CSRF, static assets, theme, and the error pages.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { findControlCharacter } from "./control-characters.ts";
import { handleError, isApiRequest, sendError } from "./error-handling.ts";

const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));
const LEAFLET_DIR = fileURLToPath(new URL("../../node_modules/leaflet/dist/", import.meta.url));

const LOGO_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

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

  // Control characters are refused once, before any schema or handler: NUL reached PostgreSQL as
  // 22021 (500). In a path there is no such page; in a query or a form the field is named.
  app.addHook("preValidation", async (request, reply) => {
    if (findControlCharacter(request.params) !== null) return sendError(request, reply, "not_found");
    const field = findControlCharacter(request.query) ?? findControlCharacter(request.body);
    if (field !== null) {
      return sendError(request, reply, "validation_failed", "Un champ contient un caractère invisible non autorisé (caractère de contrôle).", [
        { field, message: "Ce texte contient un caractère de contrôle : retapez-le sans copier-coller." },
      ]);
    }
  });

  // The static files in a scope of their own: a path the file server refuses (NUL, « // »,
  // « .. ») is simply no file there, so it answers 404 rather than the 403 it raises.
  await app.register(async (files) => {
    files.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 400 && status < 500) return sendError(request, reply, status === 416 ? "range_not_satisfiable" : "not_found");
      return handleError(error as Parameters<typeof handleError>[0], request, reply);
    });
    await files.register(fastifyStatic, { root: STATIC_DIR, prefix: "/static/", maxAge: "1h", decorateReply: false });
    // Map library served from our own origin (no third-party requests).
    await files.register(fastifyStatic, { root: LEAFLET_DIR, prefix: "/static/vendor/leaflet/", maxAge: "1d", decorateReply: false });
  });

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

  app.setErrorHandler(handleError);
});
