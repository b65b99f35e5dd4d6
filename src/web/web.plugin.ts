// Web platform: security headers, cookies, forms, CSRF, static assets, theme, and the error pages.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import negotiate from "@fastify/accept-negotiator";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { type AssetEncoding, findAsset, precompressAssets } from "./assets.ts";
import { findControlCharacter } from "./control-characters.ts";
import { handleError, isApiRequest, sendError } from "./error-handling.ts";
import { applySecurityHeaders, computeSecurityHeaders } from "./security-headers.ts";


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

  // Every page, JSON answer and export leaves compressed when the client accepts it (brotli at the
  // library's fast default quality, else gzip). Request bodies are never inflated: a compressed body is
  // refused by the parsers like any other unreadable body.
  await app.register(fastifyCompress, { global: true, globalDecompression: false, encodings: ["br", "gzip"], threshold: 1024 });
  // Computed once (src/web/security-headers.ts): the policy is the same for every answer.
  const securityHeaders = computeSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", ...(config.mapTileUrl ? [new URL(config.mapTileUrl.replace(/[{}]/g, "")).origin] : [])],
        connectSrc: ["'self'"],
        // « Se déconnecter » on a ProConnect session answers with a redirect to the provider's logout page:
        // browsers apply form-action to the redirects of a form submission.
        formAction: ["'self'", ...(config.proconnect ? [new URL(config.proconnect.issuer).origin] : [])],
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
  app.addHook("onRequest", (_request, reply, done) => {
    applySecurityHeaders(reply.raw, securityHeaders);
    done();
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

  // Static files from the in-memory table (src/web/assets.ts): hashed URLs are kept a year by browsers,
  // plain ones an hour; each body is sent precompressed when the browser accepts it.
  await precompressAssets();
  const staticEncodings: AssetEncoding[] = ["br", "gzip"];
  app.get("/static/*", { schema: { hide: true }, compress: false }, (request, reply) => {
    const found = findAsset(request.url.split("?")[0] ?? "");
    if (!found) return sendError(request, reply, "not_found");
    const { asset, immutable } = found;
    const accepted = negotiate(String(request.headers["accept-encoding"] ?? ""), staticEncodings);
    const encoding = accepted && asset.encoded[accepted] ? accepted : null;
    const etag = `"${asset.hash}${encoding ? `-${encoding}` : ""}"`;
    reply
      .header("content-type", asset.type)
      .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600")
      .header("vary", "accept-encoding")
      .header("etag", etag);
    if (request.headers["if-none-match"] === etag) return reply.code(304).send();
    if (encoding) reply.header("content-encoding", encoding);
    return reply.send(encoding ? asset.encoded[encoding] : asset.body);
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
