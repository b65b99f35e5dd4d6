// /demandes/:id/accepter…: the coordination accepts a request by creating its permanence, its place or its
// workshops with the back office's own forms (pre-filled from the request, posted here so that the
// creation and the acceptance commit together), or by linking a permanence or workshop that exists.
// Only the coordination: everyone else gets 403 before any id is read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { isUuid } from "../agenda/agenda.service.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { toParis } from "../calendar/paris-time.ts";
import { PermanenceFormPage } from "../places/admin/permanence.views.tsx";
import { advisorOptions } from "../places/admin/permanence-admin.service.ts";
import { type PermanenceFormValues, readPermanenceForm, validatePermanenceForm } from "../places/admin/permanence-form.ts";
import { canAddPermanence, canCreatePlace, type PlaceActor } from "../places/admin/place-admin.policy.ts";
import { type LoadedPlace, loadActor, loadVisiblePlace, managedPlace, savePlace, structureOptions } from "../places/admin/place-admin.service.ts";
import { blankPlaceForm, type PlaceFormValues, readPlaceForm, validatePlaceForm } from "../places/admin/place-form.ts";
import { PlaceFormPage } from "../places/admin/place-form.views.tsx";
import type { CommuneMatch } from "../territory/territory.repository.ts";
import { structuresByIds, structureOptions as workshopStructureOptions } from "../workshops/admin/workshop-admin.repository.ts";
import { WorkshopFormPage } from "../workshops/admin/workshop-admin.views.tsx";
import { type FormKind, readWorkshopForm, validateWorkshopForm, type WorkshopFormValues } from "../workshops/admin/workshop-form.ts";
import { acceptByLinking, acceptWithPermanence, acceptWithWorkshops, defaultWorkshopKind, placeAdminDeps, prefillPermanence, prefillWorkshop } from "./request-accept.service.ts";
import { AcceptPage } from "./request-accept.views.tsx";
import { FORM_BODY, ID_PARAMS, requestActor, requireRequest } from "./request-context.ts";
import { linkableOutcomes } from "./request-outcomes.repository.ts";
import { RequestPage } from "./request-page.views.tsx";
import { pageModel } from "./request-pages.service.ts";
import { placeChoices } from "./request-parties.repository.ts";
import { isCoordination } from "./requests.policy.ts";
import { type RequestDetail, updateRequest } from "./requests.repository.ts";
import type { Actor, RequestsDeps } from "./requests.service.ts";
import { OPEN_STATUSES, requestTitle } from "./requests.ts";

const PLACE_QUERY = Type.Object({ lieu: Type.Optional(Type.String({ maxLength: 64 })) });
const WORKSHOP_QUERY = Type.Object({ structure: Type.Optional(Type.String({ maxLength: 64 })), type: Type.Optional(Type.String({ maxLength: 20 })) });
type Body = Record<string, string | string[]>;

export async function requestAcceptRoutes(app: FastifyInstance, deps: RequestsDeps): Promise<void> {
  const places = placeAdminDeps(deps);

  /** The coordination (403 for anyone else, before the id), then the request (404), then an open one. */
  async function decider(request: FastifyRequest, reply: FastifyReply): Promise<{ actor: Actor; found: RequestDetail } | null> {
    const actor = await requestActor(deps, request);
    if (!isCoordination(actor)) throw new HttpError("forbidden", "Seule la coordination accepte les demandes.");
    const found = await requireRequest(deps, actor, (request.params as { id: string }).id);
    if (!OPEN_STATUSES.includes(found.status)) {
      await reply.redirect(`/demandes/${found.id}`, 303);
      return null;
    }
    return { actor, found };
  }

  /** When the request changed meanwhile: its page, with why nothing was created. */
  async function refused(request: FastifyRequest, reply: FastifyReply, actor: Actor, found: RequestDetail, message: string) {
    const model = await pageModel(deps, actor, found, { errors: { actions: message } });
    return sendHtml(reply, RequestPage({ ctx: pageContext(request, reply), model }), 400);
  }

  const back = (found: RequestDetail) => ({ href: `/demandes/${found.id}/accepter`, label: "Autres façons d'accepter la demande" });
  const intro = (found: RequestDetail, what: string) =>
    `${requestTitle(found.number)} de ${found.commune_name} : ${what} est pré-rempli avec ce que la commune a demandé. En l'enregistrant, vous acceptez la demande et la commune reçoit les dates par courriel.`;

  app.get("/demandes/:id/accepter", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    return renderHub(request, reply, gate.found, {}, "");
  });

  async function renderHub(request: FastifyRequest, reply: FastifyReply, found: RequestDetail, errors: Record<string, string>, chosenLink: string) {
    const now = deps.now();
    const model = {
      request: found,
      places: await placeChoices(deps.db, { communeCode: found.commune_code, structureId: found.structure_id }),
      structures: await structuresByIds(deps.db, null),
      defaultWorkshopType: defaultWorkshopKind(found) === "workshop" ? ("ponctuel" as const) : ("regulier" as const),
      linkable: await linkableOutcomes(deps.db, found.commune_code, toParis(now).date, now),
      errors,
      chosenLink,
    };
    return sendHtml(reply, AcceptPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.post("/demandes/:id/accepter/lier", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const raw = (request.body as Body).lien;
    const lien = (Array.isArray(raw) ? raw[0] : raw) ?? "";
    const result = await acceptByLinking(deps, gate.actor, gate.found, lien);
    if (result.ok) return reply.redirect(`/demandes/${gate.found.id}?message=acceptee`, 303);
    if (result.errors.acceptation) return refused(request, reply, gate.actor, gate.found, result.errors.acceptation);
    return renderHub(request, reply, gate.found, result.errors, lien);
  });

  // --- A new permanence at a place of the commune.

  async function chosenPlace(request: FastifyRequest, placeActor: PlaceActor): Promise<LoadedPlace> {
    const id = (request.query as { lieu?: string }).lieu ?? "";
    const found = isUuid(id) ? await loadVisiblePlace(places, placeActor, id) : undefined;
    if (!found) throw new HttpError("not_found", "Ce lieu n'existe pas : choisissez-en un dans la liste.");
    if (!canAddPermanence(placeActor, managedPlace(found))) throw new HttpError("forbidden");
    return found;
  }

  async function renderPermanenceForm(request: FastifyRequest, reply: FastifyReply, found: RequestDetail, placeActor: PlaceActor, place: LoadedPlace, values: PermanenceFormValues, errors: Record<string, string>) {
    const advisors = await advisorOptions(places, placeActor, place, null);
    const model = {
      placeId: place.place.id,
      placeName: place.place.name,
      permanenceId: null,
      values,
      errors,
      advisors,
      reuse: { action: `/demandes/${found.id}/accepter/permanence?lieu=${place.place.id}`, back: back(found), intro: intro(found, "le formulaire de la permanence") },
    };
    return sendHtml(reply, PermanenceFormPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get("/demandes/:id/accepter/permanence", { schema: { hide: true, params: ID_PARAMS, querystring: PLACE_QUERY } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const placeActor = await loadActor(deps.db, requireViewer(request));
    const place = await chosenPlace(request, placeActor);
    return renderPermanenceForm(request, reply, gate.found, placeActor, place, prefillPermanence(gate.found, toParis(deps.now()).date), {});
  });

  app.post("/demandes/:id/accepter/permanence", { schema: { hide: true, params: ID_PARAMS, querystring: PLACE_QUERY, body: FORM_BODY } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const placeActor = await loadActor(deps.db, requireViewer(request));
    const place = await chosenPlace(request, placeActor);
    const values = readPermanenceForm(request.body as Body);
    const { input, errors } = validatePermanenceForm(values);
    const result = input ? await acceptWithPermanence(deps, gate.actor, placeActor, place, gate.found, input) : { ok: false as const, errors };
    if (result.ok) return reply.redirect(`/demandes/${gate.found.id}?message=acceptee`, 303);
    if (result.errors.acceptation) return refused(request, reply, gate.actor, gate.found, result.errors.acceptation);
    return renderPermanenceForm(request, reply, gate.found, placeActor, place, values, result.errors);
  });

  // --- A new place, from the address the commune gave; then its permanence.

  async function renderPlaceForm(request: FastifyRequest, reply: FastifyReply, found: RequestDetail, placeActor: PlaceActor, values: PlaceFormValues, errors: Record<string, string>, communeChoices: CommuneMatch[]) {
    const model = {
      placeId: null,
      placeName: "",
      values,
      errors,
      structures: await structureOptions(places, placeActor),
      communeChoices,
      reuse: { action: `/demandes/${found.id}/accepter/lieu`, back: back(found), intro: intro(found, "le formulaire du lieu") },
    };
    return sendHtml(reply, PlaceFormPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  async function placeCreator(request: FastifyRequest): Promise<PlaceActor> {
    const placeActor = await loadActor(deps.db, requireViewer(request));
    if (!canCreatePlace(placeActor)) throw new HttpError("forbidden");
    return placeActor;
  }

  app.get("/demandes/:id/accepter/lieu", { schema: { hide: true, params: ID_PARAMS } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const placeActor = await placeCreator(request);
    const values = blankPlaceForm(gate.found.structure_id ?? "");
    values.text.address = gate.found.address ?? "";
    values.text.commune = gate.found.commune_name;
    return renderPlaceForm(request, reply, gate.found, placeActor, values, {}, []);
  });

  app.post("/demandes/:id/accepter/lieu", { schema: { hide: true, params: ID_PARAMS, body: FORM_BODY } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const placeActor = await placeCreator(request);
    const values = readPlaceForm(request.body as Body);
    const { input, errors } = validatePlaceForm(values);
    const result = input ? await savePlace(places, placeActor, input, null) : { ok: false as const, errors, communeChoices: [] };
    if (!result.ok) return renderPlaceForm(request, reply, gate.found, placeActor, values, result.errors, result.communeChoices);
    await updateRequest(deps.db, gate.found.id, gate.found.status, { place_id: result.id, updated_at: deps.now() });
    return reply.redirect(`/demandes/${gate.found.id}/accepter/permanence?lieu=${result.id}`, 303);
  });

  // --- New workshops, one-off or weekly, organised by a structure of the network.

  function workshopKind(request: FastifyRequest, found: RequestDetail): FormKind {
    const type = (request.query as { type?: string }).type;
    return type === "ponctuel" ? "workshop" : type === "regulier" ? "series" : defaultWorkshopKind(found);
  }

  async function organiser(request: FastifyRequest) {
    const id = (request.query as { structure?: string }).structure ?? "";
    const structure = isUuid(id) ? (await structuresByIds(deps.db, [id]))[0] : undefined;
    if (!structure) throw new HttpError("not_found", "Cette structure n'existe pas : choisissez-en une dans la liste.");
    return { structure, options: await workshopStructureOptions(deps.db, structure.id) };
  }

  function renderWorkshopForm(request: FastifyRequest, reply: FastifyReply, found: RequestDetail, kind: FormKind, org: Awaited<ReturnType<typeof organiser>>, values: WorkshopFormValues, errors: Record<string, string>) {
    const query = `structure=${org.structure.id}&type=${kind === "workshop" ? "ponctuel" : "regulier"}`;
    const model = {
      kind,
      workshopId: null,
      structure: org.structure,
      ...org.options,
      values,
      errors,
      reuse: { action: `/demandes/${found.id}/accepter/atelier?${query}`, back: back(found), intro: intro(found, "le formulaire de l'atelier") },
    };
    return sendHtml(reply, WorkshopFormPage({ ctx: pageContext(request, reply), model }), Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get("/demandes/:id/accepter/atelier", { schema: { hide: true, params: ID_PARAMS, querystring: WORKSHOP_QUERY } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const org = await organiser(request);
    const values = prefillWorkshop(gate.found, org.structure.id, org.options.places.map((p) => p.id), toParis(deps.now()).date);
    return renderWorkshopForm(request, reply, gate.found, workshopKind(request, gate.found), org, values, {});
  });

  app.post("/demandes/:id/accepter/atelier", { schema: { hide: true, params: ID_PARAMS, querystring: WORKSHOP_QUERY, body: FORM_BODY } }, async (request, reply) => {
    const gate = await decider(request, reply);
    if (!gate) return reply;
    const org = await organiser(request);
    const kind = workshopKind(request, gate.found);
    const values = { ...readWorkshopForm(request.body as Body), structure_id: org.structure.id };
    const checked = validateWorkshopForm(kind, values, { placeIds: org.options.places.map((p) => p.id), advisorIds: org.options.advisors.map((a) => a.id), minCapacity: 0 });
    const result = checked.value ? await acceptWithWorkshops(deps, gate.actor, gate.found, checked.value) : { ok: false as const, errors: checked.errors };
    if (result.ok) return reply.redirect(`/demandes/${gate.found.id}?message=acceptee`, 303);
    if (result.errors.acceptation) return refused(request, reply, gate.actor, gate.found, result.errors.acceptation);
    return renderWorkshopForm(request, reply, gate.found, kind, org, values, result.errors);
  });
}
