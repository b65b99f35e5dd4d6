// Client errors raised by Fastify or a plugin keep their status: only the unexpected becomes 500.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { errorCodes, type FastifyError } from "fastify";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { errorCodeOf } from "./error-handling.ts";
import { ERRORS } from "./errors.ts";

test("every client error code of Fastify maps to a code of ours with the same status", () => {
  const clientErrors = Object.entries(errorCodes)
    .map(([name, ErrorClass]) => [name, new (ErrorClass as unknown as new (...a: string[]) => FastifyError)("a", "b", "c")] as const)
    .filter(([, error]) => error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500);
  assert.ok(clientErrors.length >= 10, `Fastify lists ${clientErrors.length} client errors`);
  for (const [name, error] of clientErrors) {
    const code = errorCodeOf(error);
    assert.notEqual(code, "internal", name);
    assert.equal(ERRORS[code].status, error.statusCode, `${name} (${error.statusCode}) → ${code}`);
  }
});

test("a plugin's client error of any 4xx status is never a 500, and a server error stays one", () => {
  for (const status of [400, 401, 403, 404, 405, 406, 408, 411, 413, 414, 415, 416, 429, 431]) {
    const error = Object.assign(new Error("x"), { statusCode: status }) as FastifyError;
    assert.equal(ERRORS[errorCodeOf(error)].status, status, String(status));
  }
  const teapot = Object.assign(new Error("x"), { statusCode: 418 }) as FastifyError;
  assert.equal(ERRORS[errorCodeOf(teapot)].status, 400);
  assert.equal(errorCodeOf(new Error("boom") as FastifyError), "internal");
  assert.equal(errorCodeOf(Object.assign(new Error("db down"), { statusCode: 503 }) as FastifyError), "internal");
});

describe("requests Node's HTTP parser refuses", () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp({ template: "bare", demo: false });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    port = (t.app.server.address() as { port: number }).port;
  });
  after(() => t.close());

  function rawRequest(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write(text));
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk.toString("utf8");
      });
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
  }

  test("a 100 KB query gets a French 431 page with the way home", async () => {
    const answer = await rawRequest(`GET /trouver-de-l-aide?q=${"a".repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.match(answer, /text\/html/);
    assert.match(answer, /<html lang="fr">/);
    assert.match(answer, /Demande trop volumineuse/);
    assert.match(answer, /href="\/"/);
  });

  test("the same on the API is a 431 problem+json", async () => {
    const answer = await rawRequest(`GET /api/v1/communes?q=${"a".repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.match(answer, /application\/problem\+json/);
    assert.match(answer, /"code":"headers_too_large"/);
  });
});
