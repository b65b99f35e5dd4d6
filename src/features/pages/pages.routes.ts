// Public pages: home, legal notices, accessibility statement, personal data.
import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/schema.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { nextWorkshops } from "../workshops/workshop-highlights.service.ts";
import { networkFigures } from "./pages.repository.ts";
import { AccessibilitePage, DonneesPersonnellesPage, HomePage, MentionsLegalesPage } from "./pages.views.tsx";

/** Enough to show both kinds (at a place, remote) without pushing the rest of the home page down. */
const HOME_WORKSHOPS = 3;

export async function pagesRoutes(app: FastifyInstance, deps: { db: Db; departement: { code: string; name: string }; publicUrl: string; now: () => Date }) {
  app.get("/", { schema: { hide: true } }, async (request, reply) => {
    const stats = await networkFigures(deps.db, deps.departement.code);
    const workshops = await nextWorkshops(deps.db, deps.now(), HOME_WORKSHOPS);
    return sendHtml(reply, HomePage({ ctx: pageContext(request, reply), stats, workshops }));
  });
  app.get("/mentions-legales", { schema: { hide: true } }, async (request, reply) =>
    sendHtml(reply, MentionsLegalesPage({ ctx: pageContext(request, reply), departementName: deps.departement.name, publicUrl: deps.publicUrl })),
  );
  app.get("/accessibilite", { schema: { hide: true } }, async (request, reply) =>
    sendHtml(reply, AccessibilitePage({ ctx: pageContext(request, reply) })),
  );
  app.get("/donnees-personnelles", { schema: { hide: true } }, async (request, reply) =>
    sendHtml(reply, DonneesPersonnellesPage({ ctx: pageContext(request, reply) })),
  );
}
