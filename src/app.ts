// Builds the Fastify application from its dependencies. Tests call it with app.inject().
import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Config } from "./config.ts";
import type { DatabaseKind } from "./db/database.ts";
import type { Db } from "./db/schema.ts";
import { activitiesRoutes } from "./features/activities/activities.routes.ts";
import { activityListRoutes } from "./features/activities/list/activity-list.routes.ts";
import { agendaRoutes } from "./features/agenda/agenda.routes.ts";
import { apiTokenRoutes } from "./features/api-tokens/api-tokens.routes.ts";
import { viewerPlugin } from "./features/auth/auth.plugin.ts";
import { authRoutes } from "./features/auth/auth.routes.ts";
import type { AuthDeps } from "./features/auth/auth.service.ts";
import { proconnectRoutes } from "./features/auth/proconnect/proconnect.routes.ts";
import { createProvider, signOutUrl } from "./features/auth/proconnect/proconnect.service.ts";
import { secondFactorRoutes } from "./features/auth/second-factor/second-factor.routes.ts";
import { sessionsRoutes } from "./features/auth/sessions/sessions.routes.ts";
import { beneficiariesRoutes } from "./features/beneficiaries/beneficiaries.routes.ts";
import { bookingRoutes } from "./features/booking/booking.routes.ts";
import { coverageRoutes } from "./features/coverage/coverage.routes.ts";
import { healthRoutes } from "./features/health/health.routes.ts";
import { networkRoutes } from "./features/network/network.routes.ts";
import { notificationsRoutes } from "./features/notifications/notifications.routes.ts";
import { outboxRoutes } from "./features/outbox/outbox.routes.ts";
import { pagesRoutes } from "./features/pages/pages.routes.ts";
import { partnersRoutes } from "./features/partners/partners.routes.ts";
import { placeAdminRoutes } from "./features/places/admin/place-admin.routes.ts";
import { opendataRoutes } from "./features/places/opendata/opendata.routes.ts";
import { placePageRoutes } from "./features/places/page/place-page.routes.ts";
import { searchRoutes } from "./features/places/search/search.routes.ts";
import { referralsRoutes } from "./features/referrals/referrals.routes.ts";
import { requestsRoutes } from "./features/requests/requests.routes.ts";
import { selfDiagnosticRoutes } from "./features/self-diagnostic/self-diagnostic.routes.ts";
import { statisticsRoutes } from "./features/statistics/statistics.routes.ts";
import { StatsMemory, useStatsMemory } from "./features/statistics/stats-memory.repository.ts";
import { territoryRoutes } from "./features/territory/territory.routes.ts";
import { webhookRoutes } from "./features/webhooks/webhooks.routes.ts";
import { workshopsRoutes } from "./features/workshops/workshops.routes.ts";
import { clientErrorHandler, errorCodeOf, sendError } from "./web/error-handling.ts";
import { finiteNumbersValidator } from "./web/finite-numbers.ts";
import type { SiteInfo } from "./web/layout.tsx";
import { webPlugin } from "./web/web.plugin.ts";

export interface AppDeps {
  config: Readonly<Config>;
  db: Db;
  dbKind: DatabaseKind;
  sessionSecret: string;
  demo: boolean;
  mailTransport: "smtp" | "database";
  now?: () => Date;
  /** Called after a transaction that wrote to the outbox, so the worker delivers at once. */
  nudgeOutbox?: () => void;
  logger?: FastifyBaseLogger;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  if (config.statsMemory) useStatsMemory(db, new StatsMemory(config.statsMemoryMaxReports));
  const now = deps.now ?? (() => new Date());
  const site: SiteInfo = {
    brandName: config.brand.name,
    tagline: config.brand.tagline,
    departementName: config.departement.name,
    hasLogo: config.brand.logoPath !== null,
    demo: deps.demo,
  };
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Starting compresses the static files at best quality once (web.plugin.ts): seconds on a small or busy
    // server. Fastify's 10 s default made a first start on a loaded machine fail; two minutes still catches a hang.
    pluginTimeout: 120_000,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: true, useDefaults: true, allErrors: true } },
    schemaController: { compilersFactory: { buildValidator: finiteNumbersValidator() } },
    // Errors raised while routing (a 3,000-character slug, a bad percent-encoding) get our pages too.
    frameworkErrors: (error, request, reply) => sendError(request, reply, errorCodeOf(error)),
    clientErrorHandler: clientErrorHandler(() => site),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate("site", site);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: `API ${config.brand.name}`,
        version: "1",
        description: "API publique du réseau d'inclusion numérique. Les erreurs suivent RFC 9457 (application/problem+json).",
        license: { name: "AGPL-3.0-or-later" },
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          jeton: {
            type: "http",
            scheme: "bearer",
            description: "Jeton d'accès créé par un administrateur (/admin/jetons-api ou npm run cli -- token create) ; chaque jeton a des portées.",
          },
        },
      },
    },
  });
  await app.register(webPlugin, { config, sessionSecret: deps.sessionSecret });
  await app.register(viewerPlugin, { db, now, secondFactorRoles: config.secondFactorRoles });

  const authDeps: AuthDeps = {
    db,
    now,
    secret: deps.sessionSecret,
    publicUrl: config.publicUrl,
    brandName: config.brand.name,
    demo: deps.demo,
    afterCommit: deps.nudgeOutbox ?? (() => {}),
    secondFactorRoles: config.secondFactorRoles,
  };
  const proconnect = config.proconnect ? { deps: { ...authDeps, proconnect: config.proconnect }, provider: createProvider(config.proconnect) } : null;
  if (proconnect) authDeps.proconnectSignOut = (sessionHash) => signOutUrl(proconnect.deps, proconnect.provider, sessionHash);
  await app.register(pagesRoutes, { db, departement: config.departement, publicUrl: config.publicUrl, now });
  await app.register(healthRoutes, { db, dbKind: deps.dbKind });
  await app.register(territoryRoutes, { db, departement: config.departement.code });
  const placesDeps = { db, config, now, secret: deps.sessionSecret };
  await app.register(searchRoutes, placesDeps);
  await app.register(placePageRoutes, placesDeps);
  await app.register(placeAdminRoutes, placesDeps);
  await app.register(opendataRoutes, placesDeps);
  const bookingDeps = { db, config, now, secret: deps.sessionSecret, afterCommit: deps.nudgeOutbox ?? (() => {}) };
  await app.register(bookingRoutes, bookingDeps);
  await app.register(notificationsRoutes, bookingDeps);
  await app.register(workshopsRoutes, bookingDeps);
  await app.register(agendaRoutes, bookingDeps);
  await app.register(activitiesRoutes, bookingDeps);
  await app.register(activityListRoutes, bookingDeps);
  await app.register(apiTokenRoutes, bookingDeps);
  await app.register(beneficiariesRoutes, bookingDeps);
  await app.register(statisticsRoutes, bookingDeps);
  await app.register(coverageRoutes, bookingDeps);
  await app.register(networkRoutes, bookingDeps);
  await app.register(requestsRoutes, bookingDeps);
  await app.register(selfDiagnosticRoutes, bookingDeps);
  await app.register(referralsRoutes, bookingDeps);
  await app.register(partnersRoutes, bookingDeps);
  await app.register(webhookRoutes, bookingDeps);
  await app.register(authRoutes, authDeps);
  await app.register(secondFactorRoutes, authDeps);
  await app.register(sessionsRoutes, authDeps);
  if (proconnect) await app.register(proconnectRoutes, proconnect);
  await app.register(outboxRoutes, { db, transport: deps.mailTransport });

  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  return app;
}
