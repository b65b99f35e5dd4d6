// Builds the real application on an isolated test database, for app.inject() and browser tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { createDatabaseMailTransport, createSmtpTransport, type MailTransport } from "../../src/features/outbox/mail-transport.ts";
import { createSmsTransport } from "../../src/features/outbox/sms-transport.ts";
import { drainOutbox } from "../../src/jobs/outbox-worker.ts";
import { openSameDatabase, openTestDatabase } from "./db.ts";
import type { TemplateName } from "./templates.ts";

export const TEST_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

export function testConfig(env: Record<string, string> = {}): Readonly<Config> {
  // No test ever reaches a real address service: GEOCODER_URL points at a local double or is off.
  const result = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "http://localhost:3000", SESSION_SECRET: TEST_SECRET, GEOCODER_URL: "off", BOOKING_LIMIT_PER_HOUR: "0", ...env });
  if (!result.ok) throw new Error(`test config: ${result.errors.join("; ")}`);
  return result.config;
}

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  config: Readonly<Config>;
  mail: MailTransport;
  clock: { now: Date };
  /** Delivers every due outbox message with the test's mail transport. */
  deliverOutbox(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  template?: TemplateName;
  env?: Record<string, string>;
  now?: Date;
  demo?: boolean;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "declic-test-"));
  const config = testConfig({ DATA_DIR: dataDir, ...options.env });
  const handle = await openTestDatabase(options.template ?? "demo");
  const clock = { now: options.now ?? new Date() };
  const sms = createSmsTransport(config.sms, () => {});
  const mail = config.smtpUrl ? createSmtpTransport(config.smtpUrl, config.mailFrom) : createDatabaseMailTransport(() => {});
  const app = await buildApp({
    config,
    db: handle.db,
    dbKind: handle.kind,
    sessionSecret: TEST_SECRET,
    demo: options.demo ?? (options.template ?? "demo") === "demo",
    mailTransport: mail.kind,
    now: () => clock.now,
  });
  return {
    app,
    handle,
    config,
    mail,
    clock,
    deliverOutbox: async () => {
      await drainOutbox(handle.db, { email: mail, sms }, () => clock.now);
    },
    close: async () => {
      await app.close();
      mail.close();
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second app instance on the database of `t`, as a second server behind a load balancer: its own
 * connection pool on PostgreSQL (the same single connection on PGlite), the same config and clock.
 */
export async function startSecondInstance(t: TestApp): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const handle = openSameDatabase(t.handle);
  const app = await buildApp({
    config: t.config,
    db: handle.db,
    dbKind: handle.kind,
    sessionSecret: TEST_SECRET,
    demo: false,
    mailTransport: t.mail.kind,
    now: () => t.clock.now,
  });
  return {
    app,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** Cookies from a response, as a Cookie header value merged over previous ones. */
export function mergeCookies(previous: Record<string, string>, setCookie: string | string[] | undefined): Record<string, string> {
  const jar = { ...previous };
  for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) delete jar[name];
    else jar[name] = value;
  }
  return jar;
}

export function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

/** A tiny browser-like session over app.inject(): keeps cookies, reads the CSRF token of the last page. */
export class Visitor {
  jar: Record<string, string> = {};
  lastHtml = "";
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = "127.0.0.1",
    readonly userAgent?: string,
  ) {}

  private headers(extra: Record<string, string>): Record<string, string> {
    return { cookie: cookieHeader(this.jar), ...extra, ...(this.userAgent ? { "user-agent": this.userAgent } : {}) };
  }

  async get(url: string) {
    const response = await this.app.inject({ method: "GET", url, headers: this.headers({ accept: "text/html" }), remoteAddress: this.ip });
    this.jar = mergeCookies(this.jar, response.headers["set-cookie"]);
    this.lastHtml = response.body;
    return response;
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!match) throw new Error("no CSRF token on the last page");
    return match[1]!;
  }

  async post(url: string, fields: Record<string, string>, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false && !("_csrf" in fields)) body.set("_csrf", this.csrfToken());
    const response = await this.app.inject({
      method: "POST",
      url,
      payload: body.toString(),
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded", accept: "text/html" }),
      remoteAddress: this.ip,
    });
    this.jar = mergeCookies(this.jar, response.headers["set-cookie"]);
    this.lastHtml = response.body;
    return response;
  }
}
