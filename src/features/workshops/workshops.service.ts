// Use cases behind the pages: the catalogue, a workshop, the personal page, attendance.

import type { Viewer } from "../auth/viewer.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { catalogueCommunes, cataloguePlaces, findCataloguePlace, listCatalogue } from "./catalogue.repository.ts";
import { manageTokenHash, personalUrl } from "./manage-token.ts";
import type { PersonalNotice, PersonalPageModel } from "./personal-page.views.tsx";
import { expireOffers, type RegistrationDeps } from "./registration.service.ts";
import { materialiseSeries } from "./workshop-series.service.ts";
import { canTakeAttendance } from "./workshops.policy.ts";
import { attendanceList, findRegistrationByTokenHash, findWorkshopDetails, registrationStates, setAttendance, type WorkshopDetails } from "./workshops.repository.ts";
import { waitingPosition } from "./workshops.ts";

export const PAGE_SIZE = 20;

export function registrationDeps(deps: BookingFeatureDeps): RegistrationDeps {
  return { db: deps.db, now: deps.now, afterCommit: deps.afterCommit, secret: deps.secret, publicUrl: deps.config.publicUrl, brandName: deps.config.brand.name };
}

/** Done lazily before showing workshops: the coming dated workshops exist and lapsed offers have passed on. */
export async function housekeeping(deps: BookingFeatureDeps): Promise<void> {
  const now = deps.now();
  await materialiseSeries(deps.db, now, deps.config.departement.code);
  if ((await expireOffers(deps.db, now, registrationDeps(deps))) > 0) deps.afterCommit();
}

export interface CatalogueQuery {
  theme: string | null;
  commune: string | null;
  /** A place's slug; ignored when no public place has it. */
  place: string | null;
  remote: boolean;
  page: number;
}

export async function catalogue(deps: BookingFeatureDeps, query: CatalogueQuery) {
  await housekeeping(deps);
  const now = deps.now();
  const hosts = await cataloguePlaces(deps.db, now);
  // The chosen place stays in the filter's list even when it hosts nothing coming: the page says so.
  const chosen = query.place ? (hosts.find((p) => p.slug === query.place) ?? (await findCataloguePlace(deps.db, query.place))) : undefined;
  const places = chosen && !hosts.includes(chosen) ? [...hosts, chosen] : hosts;
  const filter = { theme: query.theme, communeCode: query.commune, placeSlug: chosen?.slug ?? null, remoteOnly: query.remote };
  const { rows, total } = await listCatalogue(deps.db, now, filter, { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE });
  const communes = (await catalogueCommunes(deps.db, now)).map((c) => ({ value: c.code, label: c.name }));
  return {
    rows,
    total,
    communes,
    places: places.map((p) => ({ value: p.slug, label: `${p.name} (${p.commune_name})` })),
    place: chosen?.slug ?? null,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** A public workshop, or null (unknown or reserved). */
export async function publicWorkshop(deps: BookingFeatureDeps, id: string): Promise<{ workshop: WorkshopDetails; open: boolean } | null> {
  await housekeeping(deps);
  const workshop = await findWorkshopDetails(deps.db, id);
  if (!workshop?.is_public) return null;
  return { workshop, open: workshop.cancelled_at === null && deps.now().getTime() < workshop.starts_at.getTime() };
}

export async function personalPage(deps: BookingFeatureDeps, token: string, notice: PersonalNotice): Promise<PersonalPageModel | null> {
  await expireOffers(deps.db, deps.now(), registrationDeps(deps));
  const registration = await findRegistrationByTokenHash(deps.db, manageTokenHash(token));
  if (!registration) return null;
  const workshop = await findWorkshopDetails(deps.db, registration.workshop_id);
  if (!workshop) return null;
  const states = await registrationStates(deps.db, workshop.id);
  return {
    token,
    link: personalUrl(deps.config.publicUrl, token),
    firstName: registration.first_name,
    status: registration.status,
    offerExpiresAt: registration.offer_expires_at,
    waitingPosition: waitingPosition(states, registration.id),
    workshop,
    started: deps.now().getTime() >= workshop.starts_at.getTime(),
    notice,
  };
}

type Access = { kind: "not_found" } | { kind: "forbidden" } | { kind: "ok"; workshop: WorkshopDetails };

async function attendanceAccess(deps: BookingFeatureDeps, viewer: Viewer, id: string): Promise<Access> {
  const workshop = await findWorkshopDetails(deps.db, id);
  if (!workshop) return { kind: "not_found" };
  if (!canTakeAttendance(viewer, workshop)) return { kind: "forbidden" };
  return { kind: "ok", workshop };
}

export async function attendanceSheet(deps: BookingFeatureDeps, viewer: Viewer, id: string) {
  const access = await attendanceAccess(deps, viewer, id);
  if (access.kind !== "ok") return access;
  return { ...access, people: await attendanceList(deps.db, id) };
}

/** Marks each listed registrant present or absent; fields are `presence-<registration id>`. */
export async function saveAttendance(deps: BookingFeatureDeps, viewer: Viewer, id: string, body: Record<string, unknown>): Promise<Access["kind"]> {
  const access = await attendanceAccess(deps, viewer, id);
  if (access.kind !== "ok") return access.kind;
  const marks = new Map<string, "attended" | "absent">();
  for (const person of await attendanceList(deps.db, id)) {
    const value = body[`presence-${person.id}`];
    if (value === "attended" || value === "absent") marks.set(person.id, value);
  }
  await setAttendance(deps.db, id, marks, deps.now());
  return "ok";
}
