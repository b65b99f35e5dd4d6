// Configuration is read from the environment once, at start-up, and nowhere else.
// Every variable is checked; a bad configuration stops the process with the full list of problems.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import departements from "@etalab/decoupage-administratif/data/departements.json" with { type: "json" };
import { DEFAULT_SECOND_FACTOR_ROLES } from "./features/auth/second-factor/second-factor.ts";
import { isRole, type Role } from "./features/organisation/organisation.ts";
import { contrastRatio, parseHexColor } from "./web/color.ts";

export type TerritorySource = "files" | "api";
export type WorkerMode = "inline" | "off";

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  dataDir: string;
  departement: { code: string; name: string };
  demo: boolean | null; // null: decide at start (true for a new embedded database)
  sessionSecret: string | null; // null: generated and kept in the data dir (embedded mode only)
  smtpUrl: string | null;
  mailFrom: string;
  sms: { provider: "none" } | { provider: "http"; url: string; token: string; sender: string };
  territory: {
    source: TerritorySource;
    geoApiUrl: string;
    timeoutMs: number;
    centresFile: string;
    boundariesFile: string | null;
  };
  brand: { name: string; tagline: string; primaryColor: string; logoPath: string | null };
  /** The national address API (Base Adresse Nationale), for place coordinates. */
  geocoder: { url: string; timeoutMs: number } | null;
  /** Map tiles, e.g. https://tile.example.org/{z}/{x}/{y}.png; null: the map draws our own data only. */
  mapTileUrl: string | null;
  mapAttribution: string;
  worker: WorkerMode;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  trustProxy: boolean;
  /** Identifying data of people with no activity for this many months is erased (RGPD). */
  retentionMonths: number;
  /** Bookings without an account allowed per client address per hour (0: no limit). */
  bookingLimitPerHour: number;
  /** Filtered statistics from an in-memory copy of the reports (docs/statistics.md); false: from the base tables. */
  statsMemory: boolean;
  /** The most reports the in-memory copy holds; above it filtered statistics read the base tables. */
  statsMemoryMaxReports: number;
  /** Roles that must give a second factor (TOTP) after an e-mail link; empty: none. */
  secondFactorRoles: Role[];
  /** Signed webhooks to partners' systems (docs/webhooks.md). */
  webhooks: WebhookConfig;
  /** ProConnect (OpenID Connect sign-in for public agents); null: off. */
  proconnect: ProConnectConfig | null;
}

export interface ProConnectConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** acr values asked through the `claims` parameter. */
  acr: string[];
  /** acr values that count as a second factor. */
  multiFactorAcr: string[];
}

export interface WebhookConfig {
  timeoutMs: number;
  maxAttempts: number;
  /** After a secret rotation, deliveries carry both signatures for this long. */
  rotationGraceHours: number;
  /** Delivered and failed deliveries are purged after this many days. */
  retentionDays: number;
  /** http:// addresses on this machine (localhost) are accepted: development and tests. */
  allowLocalHttp: boolean;
}

export type ConfigResult = { ok: true; config: Readonly<Config> } | { ok: false; errors: string[] };

const BUNDLED_TERRITORY = fileURLToPath(new URL("../fixtures/territory/", import.meta.url));
const METRO_DEPARTEMENTS = departements.filter((d) => d.zone === "metro");
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

type Env = Record<string, string | undefined>;

class Reader {
  readonly errors: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === "" ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.errors.push(`${name}="${value}": expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  boolean(name: string): boolean | null {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return null;
    if (["1", "true", "yes", "oui"].includes(value)) return true;
    if (["0", "false", "no", "non"].includes(value)) return false;
    this.errors.push(`${name}="${value}": expected true or false`);
    return null;
  }

  url(name: string, protocols: string[]): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) throw new Error("protocol");
      return value;
    } catch {
      this.errors.push(`${name}="${redact(value)}": expected a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`);
      return null;
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.errors.push(`${name}="${value}": expected one of ${allowed.join(", ")}`);
    return fallback;
  }

  fail(message: string): void {
    this.errors.push(message);
  }
}

function redact(value: string): string {
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}

export function loadConfig(env: Env): ConfigResult {
  const read = new Reader(env);
  const port = read.integer("PORT", 3000, 0, 65535);
  const host = read.string("HOST", "localhost");
  const publicUrl = (read.url("PUBLIC_URL", ["http:", "https:"]) ?? `http://localhost:${port}`).replace(/\/$/, "");
  const databaseUrl = read.url("DATABASE_URL", ["postgres:", "postgresql:"]);

  const departementCode = read.string("DEPARTEMENT", "47").toUpperCase();
  const departement = METRO_DEPARTEMENTS.find((d) => d.code === departementCode);
  if (!departement) {
    read.fail(`DEPARTEMENT="${departementCode}": not a metropolitan département code (01–95, 2A, 2B)`);
  }

  const sessionSecret = read.raw("SESSION_SECRET") ?? null;
  if (sessionSecret !== null && sessionSecret.length < 32) {
    read.fail("SESSION_SECRET: must be at least 32 characters long");
  }
  if (sessionSecret === null && databaseUrl !== null) {
    read.fail("SESSION_SECRET: required when DATABASE_URL is set (at least 32 random characters)");
  }

  const smsProvider = read.oneOf("SMS_PROVIDER", ["none", "http"] as const, "none");
  let sms: Config["sms"] = { provider: "none" };
  if (smsProvider === "http") {
    const url = read.url("SMS_HTTP_URL", ["http:", "https:"]);
    const token = read.raw("SMS_HTTP_TOKEN");
    const sender = read.string("SMS_SENDER", "DECLIC");
    if (url === null) read.fail("SMS_HTTP_URL: required when SMS_PROVIDER=http");
    if (token === undefined) read.fail("SMS_HTTP_TOKEN: required when SMS_PROVIDER=http");
    if (!/^[A-Za-z0-9 ]{1,11}$/.test(sender)) read.fail(`SMS_SENDER="${sender}": 1 to 11 letters, digits or spaces`);
    sms = { provider: "http", url: url ?? "", token: token ?? "", sender };
  }

  const source = read.oneOf("TERRITORY_SOURCE", ["files", "api"] as const, "files");
  const defaultBoundaries = departementCode === "47" ? `${BUNDLED_TERRITORY}communes-47.geojson` : null;

  const brandName = read.string("BRAND_NAME", departementCode === "47" ? "déClic47" : "Déclic");
  const primaryColor = read.string("BRAND_PRIMARY_COLOR", "#00607a");
  if (!parseHexColor(primaryColor)) {
    read.fail(`BRAND_PRIMARY_COLOR="${primaryColor}": expected a colour like #00607a`);
  } else if (contrastRatio(primaryColor, "#ffffff") < 4.5) {
    read.fail(`BRAND_PRIMARY_COLOR="${primaryColor}": white text on it has a contrast below 4.5:1 (WCAG AA)`);
  }

  const logoPath = read.raw("BRAND_LOGO_PATH") ?? null;
  if (logoPath !== null && !/\.(svg|png|jpe?g|webp)$/i.test(logoPath)) {
    read.fail(`BRAND_LOGO_PATH="${logoPath}": expected an .svg, .png, .jpg or .webp file`);
  } else if (logoPath !== null && !existsSync(logoPath)) {
    read.fail(`BRAND_LOGO_PATH="${logoPath}": no such file`);
  }

  const secondFactorRaw = read.raw("SECOND_FACTOR_ROLES");
  const secondFactorRoles =
    secondFactorRaw === undefined ? DEFAULT_SECOND_FACTOR_ROLES : secondFactorRaw === "none" ? [] : secondFactorRaw.split(",").map((r) => r.trim());
  const unknownRoles = secondFactorRoles.filter((r) => !isRole(r));
  if (unknownRoles.length > 0) read.fail(`SECOND_FACTOR_ROLES: unknown role(s) ${unknownRoles.join(", ")} (or "none")`);

  const proconnectIssuer = read.url("PROCONNECT_ISSUER", ["https:", "http:"]);
  const proconnectClientId = read.raw("PROCONNECT_CLIENT_ID");
  const proconnectSecret = read.raw("PROCONNECT_CLIENT_SECRET");
  const proconnectSet = [proconnectIssuer, proconnectClientId, proconnectSecret].filter((v) => v != null).length;
  if (proconnectSet > 0 && proconnectSet < 3) {
    read.fail("PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID and PROCONNECT_CLIENT_SECRET: set all three, or none");
  }
  const list = (name: string, fallback: string) =>
    read
      .string(name, fallback)
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");

  const config: Config = {
    port,
    host,
    publicUrl,
    databaseUrl,
    dataDir: read.string("DATA_DIR", "./data"),
    departement: { code: departementCode, name: departement?.nom ?? "" },
    demo: read.boolean("DEMO"),
    sessionSecret,
    smtpUrl: read.url("SMTP_URL", ["smtp:", "smtps:"]),
    mailFrom: read.string("MAIL_FROM", `${brandName} <ne-pas-repondre@localhost>`),
    sms,
    territory: {
      source,
      geoApiUrl: (read.url("GEO_API_URL", ["http:", "https:"]) ?? "https://geo.api.gouv.fr").replace(/\/$/, ""),
      timeoutMs: read.integer("GEO_API_TIMEOUT_MS", 10_000, 100, 120_000),
      centresFile: read.string("TERRITORY_CENTRES_FILE", `${BUNDLED_TERRITORY}communes-centres-2018.csv`),
      boundariesFile: read.raw("TERRITORY_BOUNDARIES_FILE") ?? defaultBoundaries,
    },
    brand: {
      name: brandName,
      tagline: read.string("BRAND_TAGLINE", "le numérique facile"),
      primaryColor,
      logoPath,
    },
    // Off by default on the embedded database (local demo, works offline); the national API with PostgreSQL.
    geocoder:
      read.raw("GEOCODER_URL") === "off" || (read.raw("GEOCODER_URL") === undefined && databaseUrl === null)
        ? null
        : {
            url: (read.url("GEOCODER_URL", ["http:", "https:"]) ?? "https://api-adresse.data.gouv.fr").replace(/\/$/, ""),
            timeoutMs: read.integer("GEOCODER_TIMEOUT_MS", 3000, 100, 60_000),
          },
    mapTileUrl: read.url("MAP_TILE_URL", ["https:", "http:"]),
    mapAttribution: read.string("MAP_ATTRIBUTION", ""),
    worker: read.oneOf("WORKER", ["inline", "off"] as const, "inline"),
    logLevel: read.oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
    trustProxy: read.boolean("TRUST_PROXY") ?? false,
    retentionMonths: read.integer("RETENTION_MONTHS", 24, 1, 120),
    bookingLimitPerHour: read.integer("BOOKING_LIMIT_PER_HOUR", 10, 0, 10_000),
    statsMemory: read.boolean("STATS_MEMORY") ?? true,
    statsMemoryMaxReports: read.integer("STATS_MEMORY_MAX_REPORTS", 2_000_000, 0, 100_000_000),
    webhooks: {
      timeoutMs: read.integer("WEBHOOK_TIMEOUT_MS", 10_000, 100, 60_000),
      maxAttempts: read.integer("WEBHOOK_MAX_ATTEMPTS", 8, 1, 20),
      rotationGraceHours: read.integer("WEBHOOK_ROTATION_GRACE_HOURS", 24, 0, 720),
      retentionDays: read.integer("WEBHOOK_RETENTION_DAYS", 30, 1, 3650),
      allowLocalHttp: read.boolean("WEBHOOK_ALLOW_LOCAL_HTTP") ?? databaseUrl === null,
    },
    secondFactorRoles: secondFactorRoles.filter(isRole),
    proconnect:
      proconnectIssuer && proconnectClientId && proconnectSecret
        ? {
            issuer: proconnectIssuer,
            clientId: proconnectClientId,
            clientSecret: proconnectSecret,
            acr: list("PROCONNECT_ACR", "eidas1"),
            multiFactorAcr: list("PROCONNECT_MFA_ACR", "eidas2,eidas3"),
          }
        : null,
  };

  if (read.errors.length > 0) return { ok: false, errors: read.errors };
  return { ok: true, config: Object.freeze(config) };
}
