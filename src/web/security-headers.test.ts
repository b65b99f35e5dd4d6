// The security headers of every kind of answer, byte for byte as they leave the socket (names, values,
// order), against the block recorded when they were set by @fastify/helmet per request
// (security-headers.recorded.json; RECORD_SECURITY_HEADERS=1 rewrites it). Only `date` and cookie values
// are left out.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestApp } from "../../test/support/app.ts";

const RECORDED = new URL("./security-headers.recorded.json", import.meta.url);
const record = process.env.RECORD_SECURITY_HEADERS === "1";
const recorded: Record<string, string[]> = record ? {} : JSON.parse(readFileSync(RECORDED, "utf8"));

const REQUESTS: { name: string; path: string; accept: string }[] = [
  { name: "html page", path: "/mentions-legales", accept: "text/html" },
  { name: "json answer", path: "/api/v1/communes?q=par", accept: "application/json" },
  { name: "api error", path: "/api/v1/rien", accept: "application/json" },
  { name: "html error", path: "/nexiste-pas", accept: "text/html" },
  { name: "validation error", path: "/api/v1/communes?limite=500", accept: "application/json" },
  { name: "static file", path: "/static/declic.css", accept: "text/css" },
];

/** The header lines of one real HTTP answer, in the order they were written, without `date`. */
function rawHeaders(port: number, path: string, accept: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      data += chunk;
      const end = data.indexOf("\r\n\r\n");
      if (end >= 0) {
        socket.destroy();
        const lines = data.slice(0, end).split("\r\n").filter((line) => !/^date:/i.test(line));
        // A cookie's value is random (the CSRF secret): its name and attributes are kept.
        resolve(lines.map((line) => line.replace(/^(set-cookie: [^=]+=)[^;]*/i, "$1…")));
      }
    });
    socket.on("error", reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ${accept}\r\nConnection: close\r\n\r\n`);
  });
}

const CONFIGS: { name: string; env: Record<string, string> }[] = [
  { name: "http", env: {} },
  {
    name: "https, tiles, proconnect",
    env: {
      PUBLIC_URL: "https://declic.example.fr",
      MAP_TILE_URL: "https://tiles.example.fr/{z}/{x}/{y}.png",
      PROCONNECT_ISSUER: "https://proconnect.example.fr/api/v2",
      PROCONNECT_CLIENT_ID: "client",
      PROCONNECT_CLIENT_SECRET: "secret",
    },
  },
];

for (const config of CONFIGS) {
  describe(`security headers (${config.name})`, () => {
    let t: TestApp;
    let port = 0;
    before(async () => {
      t = await startTestApp({ template: "bare", demo: false, env: config.env });
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      const address = t.app.server.address();
      port = typeof address === "object" && address ? address.port : 0;
    });
    after(async () => {
      if (record) writeFileSync(RECORDED, `${JSON.stringify(recorded, null, 2)}\n`);
      await t.close();
    });

    for (const request of REQUESTS) {
      test(`${request.name}: the same header block as recorded`, async () => {
        const lines = await rawHeaders(port, request.path, request.accept);
        const key = `${config.name} / ${request.name}`;
        if (record) {
          recorded[key] = lines;
          return;
        }
        assert.ok(lines.some((line) => /^content-security-policy:/i.test(line)), "a CSP header");
        assert.deepEqual(lines, recorded[key]);
      });
    }
  });
}
