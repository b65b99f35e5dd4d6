// A place's permanences in the back office: list, creation, edition, deletion.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../../web/errors.ts";
import { pageContext, sendHtml } from "../../../web/page.ts";
import { toParis } from "../../calendar/paris-time.ts";
import { PermanenceFormPage, PermanenceListPage } from "./permanence.views.tsx";
import { findPermanence, listPermanencesOfPlace, type PermanenceListRow } from "./permanence-admin.repository.ts";
import { advisorOptions, removePermanence, savePermanence } from "./permanence-admin.service.ts";
import { blankPermanenceForm, type PermanenceFormValues, permanenceToForm, readPermanenceForm, validatePermanenceForm } from "./permanence-form.ts";
import { type FormBody, requireActor, requirePlace } from "./place-admin.context.ts";
import { canAddPermanence, canEditPermanence, type PlaceActor } from "./place-admin.policy.ts";
import { type LoadedPlace, managedPlace, type PlaceAdminDeps } from "./place-admin.service.ts";

const FORM_BODY = Type.Record(
  Type.String({ maxLength: 60 }),
  Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })]),
);
const PLACE_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });
const PERMANENCE_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }), pid: Type.String({ maxLength: 64 }) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NOTICES: Record<string, string> = {
  ajoutee: "La permanence a été ajoutée.",
  enregistree: "La permanence a été enregistrée.",
  supprimee: "La permanence a été supprimée.",
};

export async function permanenceAdminRoutes(app: FastifyInstance, deps: PlaceAdminDeps): Promise<void> {
  /** The permanence when the viewer may edit it; 404 when it is not at this place, 403 when it is someone else's. */
  async function requirePermanence(actor: PlaceActor, found: LoadedPlace, pid: string): Promise<PermanenceListRow> {
    const permanence = UUID.test(pid) ? await findPermanence(deps.db, found.place.id, pid) : undefined;
    if (!permanence) throw new HttpError("not_found");
    if (!canEditPermanence(actor, managedPlace(found), { advisorId: permanence.advisor_id })) throw new HttpError("forbidden");
    return permanence;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: PlaceActor,
    found: LoadedPlace,
    permanence: PermanenceListRow | null,
    values: PermanenceFormValues,
    errors: Record<string, string>,
  ) {
    const advisors = await advisorOptions(deps, actor, found, permanence?.advisor_id ?? null);
    if (values.advisor_id === "" && advisors.length === 1) values.advisor_id = advisors[0]!.id;
    const model = { placeId: found.place.id, placeName: found.place.name, permanenceId: permanence?.id ?? null, values, errors, advisors };
    return sendHtml(reply, PermanenceFormPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  const base = (placeId: string) => `/gestion/lieux/${placeId}/permanences`;

  app.get(
    "/gestion/lieux/:id/permanences",
    { schema: { hide: true, params: PLACE_PARAMS, querystring: Type.Object({ message: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const actor = await requireActor(deps, request);
      const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
      const place = managedPlace(found);
      const rows = (await listPermanencesOfPlace(deps.db, found.place.id)).map((p) => ({
        ...p,
        canEdit: canEditPermanence(actor, place, { advisorId: p.advisor_id }),
      }));
      const { message } = request.query as { message?: string };
      const model = {
        placeId: found.place.id,
        placeName: found.place.name,
        rows,
        canAdd: canAddPermanence(actor, place),
        notice: message ? (NOTICES[message] ?? null) : null,
      };
      return sendHtml(reply, PermanenceListPage({ ctx: pageContext(request, reply), model }));
    },
  );

  app.get("/gestion/lieux/:id/permanences/nouvelle", { schema: { hide: true, params: PLACE_PARAMS } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
    if (!canAddPermanence(actor, managedPlace(found))) throw new HttpError("forbidden");
    return renderForm(request, reply, actor, found, null, blankPermanenceForm(toParis(deps.now()).date, ""), {});
  });

  app.post("/gestion/lieux/:id/permanences/nouvelle", { schema: { hide: true, params: PLACE_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const found = await requirePlace(deps, actor, (request.params as { id: string }).id);
    if (!canAddPermanence(actor, managedPlace(found))) throw new HttpError("forbidden");
    const values = readPermanenceForm(request.body as FormBody);
    const { input, errors } = validatePermanenceForm(values);
    const result = input ? await savePermanence(deps, actor, found, null, input) : { ok: false as const, errors };
    if (result.ok) return reply.redirect(`${base(found.place.id)}?message=ajoutee`, 303);
    return renderForm(request, reply, actor, found, null, values, result.errors);
  });

  app.get("/gestion/lieux/:id/permanences/:pid/modifier", { schema: { hide: true, params: PERMANENCE_PARAMS } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const params = request.params as { id: string; pid: string };
    const found = await requirePlace(deps, actor, params.id);
    const permanence = await requirePermanence(actor, found, params.pid);
    return renderForm(request, reply, actor, found, permanence, permanenceToForm(permanence), {});
  });

  app.post(
    "/gestion/lieux/:id/permanences/:pid/modifier",
    { schema: { hide: true, params: PERMANENCE_PARAMS, body: FORM_BODY } },
    async (request, reply) => {
      const actor = await requireActor(deps, request);
      const params = request.params as { id: string; pid: string };
      const found = await requirePlace(deps, actor, params.id);
      const permanence = await requirePermanence(actor, found, params.pid);
      const values = readPermanenceForm(request.body as FormBody);
      const { input, errors } = validatePermanenceForm(values);
      const result = input ? await savePermanence(deps, actor, found, permanence, input) : { ok: false as const, errors };
      if (result.ok) return reply.redirect(`${base(found.place.id)}?message=enregistree`, 303);
      return renderForm(request, reply, actor, found, permanence, values, result.errors);
    },
  );

  app.post("/gestion/lieux/:id/permanences/:pid/supprimer", { schema: { hide: true, params: PERMANENCE_PARAMS } }, async (request, reply) => {
    const actor = await requireActor(deps, request);
    const params = request.params as { id: string; pid: string };
    const found = await requirePlace(deps, actor, params.id);
    const permanence = await requirePermanence(actor, found, params.pid);
    await removePermanence(deps, actor, found, permanence);
    return reply.redirect(`${base(found.place.id)}?message=supprimee`, 303);
  });
}
