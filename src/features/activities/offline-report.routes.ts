// What lets the report form work on a phone without network: the web app manifest, the service worker
// (served under /activites/ so that its scope is the report pages), the key that encrypts reports waiting
// on the phone, and the idempotent POST that receives them when the network returns.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { assetUrl, findAsset } from "../../web/assets.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { loadActivityActor } from "./activities.actor.ts";
import { type ActivityDeps, writerOf } from "./activities.service.ts";
import { offlineKey, receiveOfflineReport } from "./offline-report.service.ts";
import { MANIFEST_URL, OFFLINE_ENDPOINT, OFFLINE_SCOPE, SERVICE_WORKER_URL } from "./offline-report.ts";
import { readReportForm } from "./report-form.ts";

const SERVICE_WORKER_ASSET = "/static/report-service-worker.js";

const BODY = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([Type.String({ maxLength: 6000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 1000 })]),
);
const QUERY = Type.Object({
  "rendez-vous": Type.Optional(Type.String({ maxLength: 64 })),
  atelier: Type.Optional(Type.String({ maxLength: 64 })),
});

export async function offlineReportRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  const service: ActivityDeps = {
    db: deps.db,
    now: deps.now,
    departement: deps.config.departement.code,
    notify: { brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl },
  };
  const actorOf = (request: FastifyRequest) => loadActivityActor(deps.db, requireViewer(request));

  app.get(SERVICE_WORKER_URL, { schema: { hide: true } }, (_request, reply) => {
    const found = findAsset(SERVICE_WORKER_ASSET);
    if (!found) throw new Error(`${SERVICE_WORKER_ASSET} is missing`);
    // Always revalidated, so a new version reaches phones on their next visit.
    return reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("service-worker-allowed", OFFLINE_SCOPE)
      .send(found.asset.body);
  });

  app.get(MANIFEST_URL, { schema: { hide: true } }, (request, reply) => {
    const manifest = {
      name: `${request.server.site.brandName} : comptes rendus`,
      short_name: "Comptes rendus",
      lang: "fr",
      start_url: "/activites/nouveau",
      scope: OFFLINE_SCOPE,
      display: "standalone",
      background_color: "#ffffff",
      theme_color: "#00607a",
      icons: [{ src: assetUrl("/static/favicon.svg"), sizes: "any", type: "image/svg+xml", purpose: "any" }],
    };
    return reply.type("application/manifest+json; charset=utf-8").header("cache-control", "public, max-age=3600").send(JSON.stringify(manifest));
  });

  // The key and a fresh form token, asked by the page whenever it is online; never stored by any cache.
  app.get(`${OFFLINE_ENDPOINT}/cle`, { schema: { hide: true } }, async (request, reply) => {
    const writer = writerOf(await actorOf(request));
    return reply.header("cache-control", "no-store").send({ key: offlineKey(deps.secret, writer.userId), csrfToken: reply.generateCsrf() });
  });

  app.post(OFFLINE_ENDPOINT, { schema: { hide: true, querystring: QUERY, body: BODY } }, async (request, reply) => {
    const actor = await actorOf(request);
    const body = request.body as Record<string, unknown>;
    const query = request.query as { "rendez-vous"?: string; atelier?: string };
    const outcome = await receiveOfflineReport(
      service,
      actor,
      { appointmentId: query["rendez-vous"], workshopId: query.atelier },
      typeof body.clientId === "string" ? body.clientId : "",
      readReportForm(body),
    );
    return reply
      .code(outcome.status === "created" ? 201 : 200)
      .header("cache-control", "no-store")
      .send({ status: outcome.status, id: outcome.id, url: `/activites/${outcome.id}` });
  });
}
