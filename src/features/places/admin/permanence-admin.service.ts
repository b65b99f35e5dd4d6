// Use cases of a place's permanences: whom they may be given to, creating, editing and deleting them,
// each with its line in the place's history, in one transaction.

import type { DbOrTx } from "../../../db/schema.ts";
import { toParis } from "../../calendar/paris-time.ts";
import { refreshPlaceOpenings } from "../openings/openings.service.ts";
import {
  deletePermanence,
  findAdvisor,
  insertPermanence,
  listAdvisorOptions,
  type PermanenceListRow,
  type PermanenceValues,
  updatePermanence,
} from "./permanence-admin.repository.ts";
import { permanenceColumns } from "./permanence-form.ts";
import { canAssignAdvisor, canEditPlace, managedStructureIds, type PlaceActor, seesAllPlaces } from "./place-admin.policy.ts";
import { insertPlaceChange, updatePlace } from "./place-admin.repository.ts";
import type { LoadedPlace, PlaceAdminDeps } from "./place-admin.service.ts";
import { managedPlace } from "./place-admin.service.ts";
import { diffColumns } from "./place-changes.ts";

/** Advisors the viewer may choose: everyone, their structures' advisors, or themself (plus the current holder). */
export async function advisorOptions(deps: PlaceAdminDeps, actor: PlaceActor, found: LoadedPlace, currentAdvisorId: string | null) {
  const options = await listAdvisorOptions(
    deps.db,
    seesAllPlaces(actor)
      ? { all: true }
      : {
          all: false,
          structureIds: canEditPlace(actor, managedPlace(found)) ? managedStructureIds(actor) : [],
          advisorIds: [...actor.advisorIds, ...(currentAdvisorId ? [currentAdvisorId] : [])],
        },
  );
  return options;
}

export type PermanenceSaveResult = { ok: true } | { ok: false; errors: Record<string, string> };

/** Work another feature does in the same transaction as a new permanence (a commune request it answers). */
export type AfterPermanenceCreated = (trx: DbOrTx, permanenceId: string) => Promise<void>;

export async function savePermanence(
  deps: PlaceAdminDeps,
  actor: PlaceActor,
  found: LoadedPlace,
  existing: PermanenceListRow | null,
  input: PermanenceValues,
  afterCreated?: AfterPermanenceCreated,
): Promise<PermanenceSaveResult> {
  if (existing === null || existing.advisor_id !== input.advisorId) {
    const advisor = await findAdvisor(deps.db, input.advisorId);
    if (!advisor || !canAssignAdvisor(actor, { id: advisor.id, structureId: advisor.structure_id })) {
      return { ok: false, errors: { advisor_id: "Choisissez un conseiller ou une conseillère de la liste." } };
    }
  }
  const now = deps.now();
  const after = permanenceColumns(input);
  await deps.db.transaction().execute(async (trx) => {
    let id = existing?.id ?? "";
    let changes = diffColumns(null, after);
    if (existing === null) id = await insertPermanence(trx, found.place.id, input);
    else {
      changes = diffColumns(existing, after);
      if (Object.keys(changes).length === 0) return;
      await updatePermanence(trx, existing.id, input, now);
    }
    await updatePlace(trx, found.place.id, { updated_on: toParis(now).date, updated_at: now });
    await insertPlaceChange(trx, {
      placeId: found.place.id,
      permanenceId: id,
      actorUserId: actor.userId,
      action: existing === null ? "permanence_create" : "permanence_update",
      changes,
      at: now,
    });
    await refreshPlaceOpenings(trx, [found.place.id], deps.departement);
    if (existing === null && afterCreated) await afterCreated(trx, id);
  });
  return { ok: true };
}

export async function removePermanence(deps: PlaceAdminDeps, actor: PlaceActor, found: LoadedPlace, existing: PermanenceListRow): Promise<void> {
  const now = deps.now();
  const before = permanenceColumns({
    advisorId: existing.advisor_id,
    weekdays: existing.weekdays,
    startTime: existing.start_time,
    endTime: existing.end_time,
    everyWeeks: existing.every_weeks,
    validFrom: existing.valid_from,
    validTo: existing.valid_to,
    cancelledDates: existing.cancelled_dates,
    mode: existing.mode,
  });
  const changes = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, { before: v, after: null }]));
  await deps.db.transaction().execute(async (trx) => {
    await deletePermanence(trx, existing.id);
    await updatePlace(trx, found.place.id, { updated_on: toParis(now).date, updated_at: now });
    await insertPlaceChange(trx, { placeId: found.place.id, permanenceId: existing.id, actorUserId: actor.userId, action: "permanence_delete", changes, at: now });
    await refreshPlaceOpenings(trx, [found.place.id], deps.departement);
  });
}
