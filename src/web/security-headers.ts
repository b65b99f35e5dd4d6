// The security headers of every answer, computed once at startup by Helmet itself. Our policy has no
// per-request part (no nonces, no directive computed from the request), so Helmet's middleware writes
// the same headers on every answer: running it once against a recorder gives them, in its order, and
// one hook copies them onto each answer (@fastify/helmet rebuilt the middleware on every request).
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet, { type HelmetOptions } from "helmet";

export interface SecurityHeaders {
  /** Header names and values, in the order Helmet sets them. */
  set: [string, string][];
  /** Headers Helmet removes (X-Powered-By). */
  removed: string[];
}

export function computeSecurityHeaders(options: Readonly<HelmetOptions>): SecurityHeaders {
  const headers: SecurityHeaders = { set: [], removed: [] };
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== "string") throw new Error(`helmet: header ${name} is not a single text value`);
      headers.set.push([name, value]);
    },
    removeHeader(name: string) {
      headers.removed.push(name);
    },
  };
  // The request is never read by a static policy: a directive that reads it would fail here, at startup.
  const request = new Proxy({} as IncomingMessage, {
    get(_target, property) {
      throw new Error(`helmet: the policy reads the request (${String(property)}); the headers are not static`);
    },
  });
  let finished = false;
  helmet(options)(request, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error("helmet: the middleware did not finish synchronously");
  return headers;
}

export function applySecurityHeaders(response: ServerResponse, headers: SecurityHeaders): void {
  for (const [name, value] of headers.set) response.setHeader(name, value);
  for (const name of headers.removed) response.removeHeader(name);
}
