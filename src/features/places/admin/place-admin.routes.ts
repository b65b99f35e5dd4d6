// The places back office (/gestion/lieux): list, creation, edition, hiding, history; permanences are
// registered from permanence-admin.routes.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { geocoderFor } from "../../geocoding/geocoding.ts";
import { findStructureNames } from "../../organisation/organisation.repository.ts";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import type { PlacesFeatureDeps } from "../places.deps.ts";
import { findAdvisorNames } from "./permanence-admin.repository.ts";
import { permanenceAdminRoutes } from "./permanence-admin.routes.ts";
import { type FormBody, requireActor, requirePlace } from "./place-admin.context.ts";
import { canCreatePlace, canEditPlace, canSeeHistory, type PlaceActor } from "./place-admin.policy.ts";
import { listPlaceChanges } from "./place-admin.repository.ts";
import { listPlaces, managedPlace, type PlaceAdminDeps, savePlace, setPlaceVisibility, structureOptions } from "./place-admin.service.ts";
import type { ChangeSet } from "./place-changes.ts";
import { blankPlaceForm, type PlaceFormValues, placeToForm, readPlaceForm, validatePlaceForm } from "./place-form.ts";
import { PlaceFormPage } from "./place-form.views.tsx";
import { PlaceHistoryPage } from "./place-history.views.tsx";
import { PlaceListPage, PlaceOverviewPage } from "./place-list.views.tsx";

export const FORM_BODY = Type.Record(
  Type.String({ maxLength: 60 }),
  Type.Union([Type.String({ maxLength: 10000 }), Type.Array(Type.String({ maxLength: 300 }), { maxItems: 80 })]),
);
const PAGE_QUERY = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) });
const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });

const NOTICES: Record<string, string> = {
  cree: "Le lieu a été créé.",
  enregistre: "Les modifications ont été enregistrées.",
  masque: "Le lieu est masqué : il n'apparaît plus dans la recherche ni sur sa page publique.",
  affiche: "Le lieu est de nouveau visible du public.",
};

export async function placeAdminRoutes(app: FastifyInstance, placesDeps: PlacesFeatureDeps): Promise<void> {
  const deps: PlaceAdminDeps = { db: placesDeps.db, departement: placesDeps.config.departement.code, now: placesDeps.now, geocoder: geocoderFor(placesDeps.config) };

  app.get(
    "/gestion/lieux",
    {
      schema: {
        hide: true,
        querystring: Type.Object({ nom: Type.Optional(Type.String({ maxLength: 100 })), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }),
      },
    },
    async (request, reply) => {
      const actor = await requireActor(deps, request);
      const { nom = "", page = 1 } = request.query as { nom?: string; page?: number };
      const { rows, total, pageCount } = await listPlaces(deps, actor, nom, page);
      const model = { rows, total, page: Math.min(page, pageCount), pageCount, search: nom, canCreate: canCreatePlace(actor) };
      return sendHtml(reply, PlaceListPage({ ctx: pageContext(request, reply), model }));
    },
  );

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { placeId: string | null; placeName: string; values: PlaceFormValues; errors: Record<string, string>; communeChoices: CommuneMatch[] },
    structures: { id: string; name: string }[],
  ) {
    const status = Object.keys(form.errors).length > 0 ? 400 : 200;
    return sendHtml(reply, PlaceFormPage({ ctx: pageContext(request, reply), model: { ...form, structures } }), status);
  }

  app.get("/gestion/lieux/nouveau", { schema: { hide: true } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    if (!canCreatePlace(actor)) throw new HttpError("forbidden");
    const structures = await structureOptions(deps, actor);
    const values = blankPlaceForm(structures.length === 1 ? structures[0]!.id : "");
    return renderForm(request, reply, { placeId: null, placeName: "", values, errors: {}, communeChoices: [] }, structures);
  });

  app.post("/gestion/lieux/nouveau", { schema: { hide: true, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    if (!canCreatePlace(actor)) throw new HttpError("forbidden");
    const values = readPlaceForm(request.body as FormBody);
    const structures = await structureOptions(deps, actor);
    const { input, errors } = validatePlaceForm(values);
    const result = input ? await savePlace(deps, actor, input, null) : { ok: false as const, errors, communeChoices: [] };
    if (result.ok) return reply.redirect(`/gestion/lieux/${result.id}?message=cree`, 303);
    return renderForm(request, reply, { placeId: null, placeName: "", values, errors: result.errors, communeChoices: result.communeChoices }, structures);
  });

  app.get(
    "/gestion/lieux/:id",
    { schema: { hide: true, params: ID_PARAMS, querystring: Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const actor = await requireActor(deps, request);
      const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
      const { message } = request.query as { message?: string };
      const model = { ...found, canEdit: canEditPlace(actor, managedPlace(found)), notice: message ? (NOTICES[message] ?? null) : null };
      return sendHtml(reply, PlaceOverviewPage({ ctx: pageContext(request, reply), model }));
    },
  );

  app.get("/gestion/lieux/:id/modifier", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
    if (!canEditPlace(actor, managedPlace(found))) throw new HttpError("forbidden");
    const structures = await editableStructures(actor, found.place.structure_id, found.structureName);
    const values = placeToForm(found.place, found.communeName);
    return renderForm(request, reply, { placeId: found.place.id, placeName: found.place.name, values, errors: {}, communeChoices: [] }, structures);
  });

  app.post("/gestion/lieux/:id/modifier", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
    if (!canEditPlace(actor, managedPlace(found))) throw new HttpError("forbidden");
    const values = readPlaceForm(request.body as FormBody);
    const { input, errors } = validatePlaceForm(values);
    const result = input ? await savePlace(deps, actor, input, found.place) : { ok: false as const, errors, communeChoices: [] };
    if (result.ok) return reply.redirect(`/gestion/lieux/${found.place.id}?message=enregistre`, 303);
    const structures = await editableStructures(actor, found.place.structure_id, found.structureName);
    const form = { placeId: found.place.id, placeName: found.place.name, values, errors: result.errors, communeChoices: result.communeChoices };
    return renderForm(request, reply, form, structures);
  });

  /** The viewer's structures, plus the place's current one so that editing never silently moves it. */
  async function editableStructures(actor: PlaceActor, currentId: string, currentName: string) {
    const options = await structureOptions(deps, actor);
    return options.some((s) => s.id === currentId) ? options : [{ id: currentId, name: currentName }, ...options];
  }

  for (const [path, isPublic] of [
    ["masquer", false],
    ["afficher", true],
  ] as const) {
    app.post(`/gestion/lieux/:id/${path}`, { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
      const actor = await requireActor(deps, request);
      const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
      if (!(await setPlaceVisibility(deps, actor, found, isPublic))) throw new HttpError("forbidden");
      return reply.redirect(`/gestion/lieux/${found.place.id}?message=${isPublic ? "affiche" : "masque"}`, 303);
    });
  }

  app.get("/gestion/lieux/:id/historique", { schema: { hide: true, params: ID_PARAMS, querystring: PAGE_QUERY } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
    if (!canSeeHistory(actor, managedPlace(found))) throw new HttpError("forbidden");
    const { page = 1 } = request.query as { page?: number };
    const size = 20;
    const { rows, total } = await listPlaceChanges(deps.db, found.place.id, { limit: size, offset: (page - 1) * size });
    const entries = rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      who: r.first_name ? `${r.first_name} ${r.last_name}` : "un compte supprimé",
      changes: r.changes as ChangeSet,
    }));
    const ids = (column: string) =>
      entries.flatMap((e) => [e.changes[column]?.before, e.changes[column]?.after]).filter((v): v is string => typeof v === "string");
    const [structures, advisors] = await Promise.all([findStructureNames(deps.db, ids("structure_id")), findAdvisorNames(deps.db, ids("advisor_id"))]);
    const model = {
      placeId: found.place.id,
      placeName: found.place.name,
      entries,
      page,
      pageCount: Math.max(1, Math.ceil(total / size)),
      total,
      names: new Map([...structures, ...advisors]),
    };
    return sendHtml(reply, PlaceHistoryPage({ ctx: pageContext(request, reply), model }));
  });

  await permanenceAdminRoutes(app, deps);
}
