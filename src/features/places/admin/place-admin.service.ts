// Use cases of the places back office: whom the viewer may act for, listing, creating and editing places,
// hiding them, and reading their history. Every change is written with its history in one transaction.

import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { Db } from "../../../db/schema.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { toParis } from "../../calendar/paris-time.ts";
import type { Geocoder } from "../../geocoding/geocoder.ts";
import { slugify } from "../../organisation/organisation.ts";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import { refreshPlaceOpenings } from "../openings/openings.service.ts";
import type { PlaceRow, PlacesTable } from "../places.table.ts";
import { canCreatePlaceFor, canEditPlace, canSeePlace, managedStructureIds, type PlaceActor, seesAllPlaces } from "./place-admin.policy.ts";
import {
  findAdvisorIdsOfUser,
  findPlaceForAdmin,
  insertPlace,
  insertPlaceChange,
  listPlacesForAdmin,
  listStructureOptions,
  type PlaceScope,
  slugsStartingWith,
  updatePlace,
} from "./place-admin.repository.ts";
import { diffColumns } from "./place-changes.ts";
import { checkPostcode, resolveCommune } from "./place-commune.ts";
import type { PlaceInput } from "./place-form.ts";

export interface PlaceAdminDeps {
  db: Db;
  departement: string;
  now: () => Date;
  geocoder: Geocoder;
}

export async function loadActor(db: Db, viewer: Viewer): Promise<PlaceActor> {
  const isAdvisor = viewer.roles.some((r) => r.role === "advisor");
  return { userId: viewer.userId, roles: viewer.roles, advisorIds: isAdvisor ? await findAdvisorIdsOfUser(db, viewer.userId) : [] };
}

export function scopeOf(actor: PlaceActor): PlaceScope {
  return seesAllPlaces(actor) ? { all: true } : { all: false, structureIds: managedStructureIds(actor), advisorIds: actor.advisorIds };
}

export const LIST_PAGE_SIZE = 20;

export async function listPlaces(deps: PlaceAdminDeps, actor: PlaceActor, search: string, page: number) {
  const { rows, total } = await listPlacesForAdmin(deps.db, scopeOf(actor), search, {
    limit: LIST_PAGE_SIZE,
    offset: (page - 1) * LIST_PAGE_SIZE,
  });
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)) };
}

export type LoadedPlace = NonNullable<Awaited<ReturnType<typeof findPlaceForAdmin>>>;

/** The place when the viewer may see it; undefined otherwise, so that ids cannot be probed (404 either way). */
export async function loadVisiblePlace(deps: PlaceAdminDeps, actor: PlaceActor, id: string): Promise<LoadedPlace | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const found = await findPlaceForAdmin(deps.db, id);
  if (!found) return undefined;
  return canSeePlace(actor, { structureId: found.place.structure_id, permanenceAdvisorIds: found.permanenceAdvisorIds }) ? found : undefined;
}

export function managedPlace(found: LoadedPlace) {
  return { structureId: found.place.structure_id, permanenceAdvisorIds: found.permanenceAdvisorIds };
}

/** Structures the viewer may give a place to. */
export async function structureOptions(deps: PlaceAdminDeps, actor: PlaceActor) {
  return listStructureOptions(deps.db, seesAllPlaces(actor) ? null : managedStructureIds(actor));
}

export type SaveResult = { ok: true; id: string } | { ok: false; errors: Record<string, string>; communeChoices: CommuneMatch[] };

async function uniqueSlug(deps: PlaceAdminDeps, name: string, communeName: string): Promise<string> {
  const base = slugify(`${name} ${communeName}`).slice(0, 80).replace(/-+$/, "") || "lieu";
  const taken = await slugsStartingWith(deps.db, base);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

type EditableColumns = Omit<Insertable<PlacesTable>, "id" | "slug" | "source_id" | "created_at" | "updated_at" | "updated_on">;

function editableColumns(input: PlaceInput, communeCode: string, postcode: string): EditableColumns {
  return {
    name: input.name,
    structure_id: input.structureId,
    address: input.address,
    address_complement: input.addressComplement,
    commune_code: communeCode,
    postcode,
    phone: input.phone,
    email: input.emails[0] ?? null,
    emails: input.emails,
    website: input.website,
    pivot: input.pivot,
    parent_structure: input.parentStructure,
    other_labels: input.otherLabels,
    summary: input.summary,
    description: input.description,
    ...input.enums,
    mobility: input.mobility,
    accessibility_url: input.accessibilityUrl,
    booking_url: input.bookingUrl,
    is_public: input.isPublic,
    opening_hours: input.openingHours,
  };
}

async function locate(deps: PlaceAdminDeps, input: PlaceInput, commune: CommuneMatch, postcode: string) {
  const found = await deps.geocoder.geocode({ address: input.address, communeCode: commune.code, postcode });
  if (found) return { latitude: found.latitude, longitude: found.longitude, coordinates_precision: "address" as const };
  return { latitude: commune.latitude, longitude: commune.longitude, coordinates_precision: "commune" as const };
}

/** Creates a place (existing = null) or edits one the caller has already checked the viewer may edit. */
export async function savePlace(deps: PlaceAdminDeps, actor: PlaceActor, input: PlaceInput, existing: PlaceRow | null): Promise<SaveResult> {
  const errors: Record<string, string> = {};
  const structureChanges = existing === null || existing.structure_id !== input.structureId;
  if (structureChanges && !canCreatePlaceFor(actor, input.structureId)) errors.structure_id = "Choisissez une structure que vous gérez.";
  const resolution = await resolveCommune(deps.db, deps.departement, input.communeText, input.communeChoice);
  let communeChoices: CommuneMatch[] = [];
  let postcode = "";
  if (resolution.kind === "unknown") errors.commune = "Cette commune n'est pas dans le département : vérifiez son nom ou son code postal.";
  else if (resolution.kind === "ambiguous") {
    errors.commune = resolution.misspelt
      ? "Aucune commune du département ne s'écrit ainsi : choisissez la bonne parmi les plus proches."
      : "Plusieurs communes correspondent : précisez laquelle.";
    communeChoices = resolution.choices;
  } else {
    const checked = checkPostcode(resolution.commune, input.postcode, input.communeText);
    if ("error" in checked) errors.postcode = checked.error;
    else postcode = checked.postcode;
  }
  if (Object.keys(errors).length > 0 || resolution.kind !== "found") return { ok: false, errors, communeChoices };

  const commune = resolution.commune;
  const now = deps.now();
  const today = toParis(now).date;
  const columns = editableColumns(input, commune.code, postcode);
  const moved =
    existing === null ||
    existing.address !== input.address ||
    existing.commune_code !== commune.code ||
    existing.postcode !== postcode ||
    existing.latitude === null;
  const position = moved ? await locate(deps, input, commune, postcode) : {};
  const after: EditableColumns = { ...columns, ...position };

  if (existing === null) {
    const id = randomUUID();
    const slug = await uniqueSlug(deps, input.name, commune.name);
    await deps.db.transaction().execute(async (trx) => {
      await insertPlace(trx, { id, source_id: id, slug, ...after, updated_on: today, created_at: now, updated_at: now });
      await insertPlaceChange(trx, { placeId: id, actorUserId: actor.userId, action: "create", changes: diffColumns(null, { slug, ...after }), at: now });
      await refreshPlaceOpenings(trx, [id], deps.departement);
    });
    return { ok: true, id };
  }
  const changes = diffColumns(existing, after);
  if (Object.keys(changes).length === 0) return { ok: true, id: existing.id };
  await deps.db.transaction().execute(async (trx) => {
    await updatePlace(trx, existing.id, { ...after, updated_on: today, updated_at: now });
    await insertPlaceChange(trx, { placeId: existing.id, actorUserId: actor.userId, action: "update", changes, at: now });
    if ("opening_hours" in changes) await refreshPlaceOpenings(trx, [existing.id], deps.departement);
  });
  return { ok: true, id: existing.id };
}

/** Shows or hides a place; false when the viewer may not. */
export async function setPlaceVisibility(deps: PlaceAdminDeps, actor: PlaceActor, found: LoadedPlace, isPublic: boolean): Promise<boolean> {
  if (!canEditPlace(actor, managedPlace(found))) return false;
  if (found.place.is_public === isPublic) return true;
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await updatePlace(trx, found.place.id, { is_public: isPublic, updated_on: toParis(now).date, updated_at: now });
    await insertPlaceChange(trx, {
      placeId: found.place.id,
      actorUserId: actor.userId,
      action: isPublic ? "show" : "hide",
      changes: { is_public: { before: found.place.is_public, after: isPublic } },
      at: now,
    });
  });
  return true;
}
