// What every back-office handler does first: who is asking, may they use the back office, which place.
import type { FastifyRequest } from "fastify";
import { HttpError } from "../../../web/errors.ts";
import { requireViewer } from "../../auth/auth.routes.ts";
import { canUsePlaceAdmin, type PlaceActor } from "./place-admin.policy.ts";
import { type LoadedPlace, loadActor, loadVisiblePlace, type PlaceAdminDeps } from "./place-admin.service.ts";

/** Anonymous visitors are sent to sign in; signed-in people outside the back office get 403. */
export async function requireActor(deps: PlaceAdminDeps, request: FastifyRequest): Promise<PlaceActor> {
  const actor = await loadActor(deps.db, requireViewer(request));
  if (!canUsePlaceAdmin(actor)) throw new HttpError("forbidden");
  return actor;
}

/** The place, or 404 when it does not exist or the viewer may not see it (ids cannot be probed). */
export async function requirePlace(deps: PlaceAdminDeps, actor: PlaceActor, id: string): Promise<LoadedPlace> {
  const found = await loadVisiblePlace(deps, actor, id);
  if (!found) throw new HttpError("not_found");
  return found;
}

export type FormBody = Record<string, string | string[]>;
