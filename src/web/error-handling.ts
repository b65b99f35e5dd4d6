// One answer for every failure: an HTML page in French with a way back for browsers, RFC 9457
// application/problem+json with a stable code for the API. Client errors raised by Fastify or a
// plugin keep their status; only what no rule expects becomes 500.
import type { Socket } from "node:net";
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { RETRY_AFTER_SECONDS, TransactionRetriesExhausted } from "../db/retry-transaction.ts";
import { ErrorPage } from "./error-pages.tsx";
import { clientErrorCode, ERRORS, type ErrorCode, type FieldError, HttpError, problem } from "./errors.ts";
import type { SiteInfo } from "./layout.tsx";
import { pageContext, sendHtml } from "./page.ts";
import { frenchValidationMessage } from "./validation-messages.ts";

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/");
}

const UNREADABLE_BODY = new Set(["FST_ERR_CTP_INVALID_JSON_BODY", "FST_ERR_CTP_EMPTY_JSON_BODY"]);

export function errorCodeOf(error: FastifyError | HttpError): ErrorCode {
  if (error instanceof HttpError) return error.code;
  if (error.code?.startsWith("FST_CSRF")) return "csrf_invalid";
  // A path parameter that fails its schema (« /ateliers/pas-un-uuid ») names no page.
  if (error.validation) return error.validationContext === "params" ? "not_found" : "validation_failed";
  // The JSON parser's own errors (syntax, forbidden __proto__ key) carry a 400 but no Fastify code.
  if (UNREADABLE_BODY.has(error.code) || (error instanceof SyntaxError && error.statusCode === 400)) return "malformed_body";
  return clientErrorCode(error.statusCode ?? 500) ?? "internal";
}

function validationErrors(error: FastifyError): FieldError[] | undefined {
  if (!error.validation) return undefined;
  return error.validation.map((v) => {
    const path = (v.instancePath || "").replace(/^\//, "").replace(/\//g, ".");
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const field = [path, missing].filter(Boolean).join(".") || (error.validationContext ?? "body");
    return { field, message: frenchValidationMessage(v) };
  });
}

/** A same-site page the person came from, to offer as the way back. */
function previousPage(request: FastifyRequest): string | null {
  const referer = request.headers.referer;
  if (!referer) return null;
  try {
    const url = new URL(referer);
    // Compared as URLs so that « localhost:80 » and « http://localhost/ » are the same site.
    if (url.host !== new URL(`${url.protocol}//${request.host}`).host) return null;
    const back = `${url.pathname}${url.search}`;
    return back === request.url ? null : back;
  } catch {
    return null;
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail?: string, fieldErrors?: FieldError[]) {
  const body = problem(code, detail, fieldErrors);
  const accept = request.headers.accept ?? "";
  const wantsJson = isApiRequest(request) || (accept.includes("json") && !accept.includes("text/html"));
  // Signed in by link but the second factor is still due: that page, not the e-mail form again.
  if (code === "unauthenticated" && !wantsJson) return reply.redirect(request.pendingSignIn ? "/connexion/second-facteur" : "/connexion", 303);
  if (wantsJson) {
    return reply.code(body.status).type("application/problem+json; charset=utf-8").send(body);
  }
  const ctx = pageContext(request, reply);
  const page = ErrorPage({ ctx, title: body.title, message: body.detail, status: body.status, fields: fieldErrors, back: previousPage(request) });
  return sendHtml(reply, page, body.status);
}

export function handleError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof TransactionRetriesExhausted) {
    // Many writers at once on the same rows: the client may simply try again in a moment.
    request.log.warn({ err: error }, "transaction retries exhausted");
    reply.header("retry-after", String(RETRY_AFTER_SECONDS));
    return sendError(request, reply, "unavailable", "Beaucoup de demandes arrivent en même temps : réessayez dans quelques secondes.");
  }
  const code = errorCodeOf(error);
  if (code === "internal") request.log.error({ err: error }, "unhandled error");
  else request.log.info({ code, message: error.message }, "request refused");
  const detail = error instanceof HttpError ? error.detail : code === "validation_failed" ? ERRORS.validation_failed.message : undefined;
  const fields =
    error instanceof HttpError
      ? error.fieldErrors
      : code === "malformed_body"
        ? [{ field: "body", message: "Le JSON envoyé n'est pas valide ou contient une clé interdite (__proto__, constructor)." }]
        : validationErrors(error as FastifyError);
  return sendError(request, reply, code, detail, fields);
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refuses before Fastify sees them
 * (a 100 KB query gives 431). The answer is written on the socket, in French, in the caller's format.
 */
export function clientErrorHandler(site: () => SiteInfo) {
  return (error: ConnectionError, socket: Socket): void => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy(error);
      return;
    }
    const code: ErrorCode =
      error.code === "HPE_HEADER_OVERFLOW" ? "headers_too_large" : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "request_timeout" : "bad_request";
    const body = problem(code);
    const raw: unknown = error.rawPacket;
    const firstLine = Buffer.isBuffer(raw) ? raw.subarray(0, 64).toString("latin1") : "";
    const api = /^[A-Z]+ \/api\//.test(firstLine);
    const content = api
      ? JSON.stringify(body)
      : ErrorPage({ ctx: { site: site(), viewer: null, csrfToken: "", path: "/" }, title: body.title, message: body.detail, status: body.status, back: null }).value;
    const type = api ? "application/problem+json; charset=utf-8" : "text/html; charset=utf-8";
    socket.end(
      `HTTP/1.1 ${body.status} ${body.title.normalize("NFD").replace(/[^\x20-\x7e]/g, "")}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(content)}\r\nConnection: close\r\n\r\n${content}`,
    );
  };
}
