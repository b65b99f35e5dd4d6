// What every request handler does first: who is asking, may they use requests at all, which request.
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { isUuid } from "../agenda/agenda.service.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { canUseRequests, requestScope } from "./requests.policy.ts";
import { findRequest, type RequestDetail } from "./requests.repository.ts";
import { type Actor, loadRequestActor, type RequestsDeps } from "./requests.service.ts";

export const FORM_BODY = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Type.String({ maxLength: 10_000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]));
export const ID_PARAMS = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** Signed-in people of a role that uses requests; the others get 403, visitors the sign-in page. */
export async function requestActor(deps: RequestsDeps, request: FastifyRequest): Promise<Actor> {
  const actor = await loadRequestActor(deps.db, requireViewer(request));
  if (!canUseRequests(actor)) throw new HttpError("forbidden");
  return actor;
}

/** The request when it is in the viewer's scope; 404 otherwise, malformed ids included. */
export async function requireRequest(deps: RequestsDeps, actor: Actor, id: string): Promise<RequestDetail> {
  const found = isUuid(id) ? await findRequest(deps.db, id, requestScope(actor)) : undefined;
  if (!found) throw new HttpError("not_found", "Cette demande n'existe pas ou ne vous concerne pas.");
  return found;
}
