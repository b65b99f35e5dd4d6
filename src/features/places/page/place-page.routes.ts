// The public page of a place (/lieux/:slug), its poster, its orientation sheet and its error reports.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { toParis } from "../../calendar/paris-time.ts";
import { FEES, labelsOf } from "../place-standard.ts";
import type { PlacesFeatureDeps } from "../places.deps.ts";
import { checkOrientation, type OrientationInput } from "./orientation.ts";
import { OrientationFormPage, OrientationSheetPage } from "./place-orientation.views.tsx";
import { formatLongDate } from "./place-page.presenter.ts";
import { loadPlace, loadPlacePage } from "./place-page.service.ts";
import { PlacePage } from "./place-page.views.tsx";
import { PosterPage } from "./place-poster.views.tsx";
import { placeReportsRoutes } from "./place-reports.routes.ts";
import { EMPTY_REPORT } from "./place-reports.views.tsx";
import { qrCodeSvg } from "./qr-code.ts";

const PLACE_NOT_FOUND = "Ce lieu n'existe pas ou n'est plus affiché.";
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

async function placeOr404(deps: PlacesFeatureDeps, request: FastifyRequest) {
  const found = await loadPlace(deps, (request.params as { slug: string }).slug);
  if (!found) throw new HttpError("not_found", PLACE_NOT_FOUND);
  return found;
}

function qrFor(url: string) {
  return qrCodeSvg(url, `Code QR menant à la fiche du lieu : ${url}`);
}

export async function placePageRoutes(app: FastifyInstance, deps: PlacesFeatureDeps): Promise<void> {
  app.get(
    "/lieux/:slug",
    { schema: { hide: true, params: SlugParams, querystring: Type.Object({ signalement: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const found = await loadPlacePage(deps, (request.params as { slug: string }).slug);
      if (!found) throw new HttpError("not_found", PLACE_NOT_FOUND);
      const { view, workshops } = found;
      const reportSent = (request.query as { signalement?: string }).signalement === "merci";
      const model = { place: view, qrCode: await qrFor(view.url), report: EMPTY_REPORT, reportSent, workshops };
      return sendHtml(reply, PlacePage({ ctx: pageContext(request, reply), model }));
    },
  );

  app.get("/lieux/:slug/affiche", { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    const { row, view } = await placeOr404(deps, request);
    const fees = labelsOf(FEES, row.fees);
    return sendHtml(reply, PosterPage({ ctx: pageContext(request, reply), place: view, qrCode: await qrFor(view.url), fees }));
  });

  app.get(
    "/lieux/:slug/orientation",
    {
      schema: {
        hide: true,
        params: SlugParams,
        querystring: Type.Object({
          fiche: Type.Optional(Type.String({ maxLength: 5 })),
          prenom: Type.Optional(Type.String({ maxLength: 4000 })),
          note: Type.Optional(Type.String({ maxLength: 4000 })),
          orienteur: Type.Optional(Type.String({ maxLength: 4000 })),
        }),
      },
    },
    async (request, reply) => {
      // What the helper types comes back in the address: never cached, never sent on as a referrer.
      reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
      const { view } = await placeOr404(deps, request);
      const query = request.query as { fiche?: string; prenom?: string; note?: string; orienteur?: string };
      const input: OrientationInput = { firstName: query.prenom ?? "", note: query.note ?? "", referrer: query.orienteur ?? "" };
      const ctx = pageContext(request, reply);
      if (query.fiche !== "1") return sendHtml(reply, OrientationFormPage({ ctx, place: view, input, errors: {} }));
      const errors = checkOrientation(input);
      if (Object.keys(errors).length > 0) return sendHtml(reply, OrientationFormPage({ ctx, place: view, input, errors }), 400);
      const preparedOn = formatLongDate(toParis(deps.now()).date);
      return sendHtml(reply, OrientationSheetPage({ ctx, place: view, input, preparedOn }));
    },
  );

  await placeReportsRoutes(app, deps);
}
