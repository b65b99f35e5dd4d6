// Accepting a request by creating what answers it with the back office's own forms and services (a
// permanence, a place, workshops), pre-filled from the request, or by linking what already exists. The
// creation and the acceptance commit together: if the request changed meanwhile, nothing is created.
import type { DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import { geocoderFor } from "../geocoding/geocoding.ts";
import type { PermanenceValues } from "../places/admin/permanence-admin.repository.ts";
import { savePermanence } from "../places/admin/permanence-admin.service.ts";
import type { PermanenceFormValues } from "../places/admin/permanence-form.ts";
import type { PlaceActor } from "../places/admin/place-admin.policy.ts";
import type { LoadedPlace, PlaceAdminDeps } from "../places/admin/place-admin.service.ts";
import { createWorkshops } from "../workshops/admin/workshop-creation.ts";
import { blankWorkshopForm, type FormKind, type ValidWorkshop, type WorkshopFormValues } from "../workshops/admin/workshop-form.ts";
import { outcomeText, permanenceOutcome, workshopOutcome } from "./request-outcome.ts";
import { findPermanenceOutcome, findSeriesTitle, findWorkshopOutcome, linkableOutcomes } from "./request-outcomes.repository.ts";
import { type RequestOutcome, recordRequestStatus } from "./request-status.service.ts";
import type { RequestDetail } from "./requests.repository.ts";
import type { Actor, RequestsDeps } from "./requests.service.ts";
import { REQUEST_RHYTHMS } from "./requests.ts";

export function placeAdminDeps(deps: RequestsDeps): PlaceAdminDeps {
  return { db: deps.db, departement: deps.config.departement.code, now: deps.now, geocoder: geocoderFor(deps.config) };
}

const everyWeeksOf = (r: RequestDetail) => (r.rhythm ? (REQUEST_RHYTHMS[r.rhythm].everyWeeks ?? 1) : 1);

/** The permanence form filled from what the commune asked: its days, hours, rhythm and start date. */
export function prefillPermanence(r: RequestDetail, today: string): PermanenceFormValues {
  const start = r.start_date !== null && r.start_date >= today ? r.start_date : today;
  return {
    advisor_id: "",
    weekdays: r.weekdays.map(String),
    start_time: r.start_time ?? "",
    end_time: r.end_time ?? "",
    every_weeks: String(everyWeeksOf(r)),
    valid_from: start,
    valid_to: r.rhythm === "once" ? start : "",
    cancelled_dates: "",
    mode: "both",
  };
}

/** One-off for an intervention, a weekly series for the rest, unless the coordinator chose. */
export function defaultWorkshopKind(r: RequestDetail): FormKind {
  return r.kind === "intervention" || r.rhythm === "once" ? "workshop" : "series";
}

/** The workshop form filled from the request; the place only when it belongs to the organising structure. */
export function prefillWorkshop(r: RequestDetail, structureId: string, placeIds: readonly string[], today: string): WorkshopFormValues {
  const start = r.start_date !== null && r.start_date >= today ? r.start_date : "";
  return {
    ...blankWorkshopForm(structureId),
    title: `${r.kind === "intervention" ? "Intervention numérique" : "Atelier numérique"} à ${r.commune_name}`,
    description: r.details.slice(0, 2000),
    place_id: r.place_id !== null && placeIds.includes(r.place_id) ? r.place_id : "",
    date: start,
    weekday: r.weekdays[0] === undefined ? "" : String(r.weekdays[0]),
    every_weeks: String(everyWeeksOf(r)),
    valid_from: start,
    start_time: r.start_time ?? "",
    end_time: r.end_time ?? "",
    capacity: String(Math.min(r.expected_people ?? 10, 500)),
    visibility: r.kind === "public" ? "reserved" : "public",
  };
}

/** Thrown inside the creation's transaction when the request can no longer be accepted: nothing is kept. */
class AcceptanceRefused extends Error {}

async function accept(trx: DbOrTx, deps: RequestsDeps, actor: Actor, request: RequestDetail, outcome: RequestOutcome): Promise<void> {
  const result = await recordRequestStatus(
    trx,
    { request, to: "accepted", side: "coordination", actor, reason: null, outcome, at: deps.now() },
    { brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl },
  );
  if (!result.ok) throw new AcceptanceRefused(result.error);
}

async function permanenceDescription(trx: DbOrTx, deps: RequestsDeps, permanenceId: string): Promise<string> {
  const found = await findPermanenceOutcome(trx, permanenceId);
  return found ? outcomeText(permanenceOutcome(found, deps.now(), deps.config.departement.code)) : "Permanence";
}

async function workshopDescription(trx: DbOrTx, deps: RequestsDeps, link: { workshopId: string | null; seriesId: string | null }): Promise<string> {
  const workshops = await findWorkshopOutcome(trx, link);
  const series = link.seriesId !== null ? await findSeriesTitle(trx, link.seriesId) : undefined;
  return outcomeText(workshopOutcome(workshops, deps.now(), series?.title ?? null));
}

export type AcceptResult = { ok: true } | { ok: false; errors: Record<string, string> };

async function guarded(deps: RequestsDeps, run: () => Promise<AcceptResult>): Promise<AcceptResult> {
  try {
    const result = await run();
    if (result.ok) deps.afterCommit();
    return result;
  } catch (error) {
    if (error instanceof AcceptanceRefused) return { ok: false, errors: { acceptation: error.message } };
    throw error;
  }
}

export async function acceptWithPermanence(
  deps: RequestsDeps,
  actor: Actor,
  placeActor: PlaceActor,
  place: LoadedPlace,
  request: RequestDetail,
  input: PermanenceValues,
): Promise<AcceptResult> {
  return guarded(deps, () =>
    savePermanence(placeAdminDeps(deps), placeActor, place, null, input, async (trx, permanenceId) => {
      await accept(trx, deps, actor, request, { permanenceId, description: await permanenceDescription(trx, deps, permanenceId) });
    }),
  );
}

export async function acceptWithWorkshops(deps: RequestsDeps, actor: Actor, request: RequestDetail, value: ValidWorkshop): Promise<AcceptResult> {
  return guarded(deps, () =>
    deps.db.transaction().execute(async (trx) => {
      const created = await createWorkshops(trx, value, deps.now(), deps.config.departement.code);
      const link = "workshopId" in created ? { workshopId: created.workshopId, seriesId: null } : { workshopId: null, seriesId: created.seriesId };
      await accept(trx, deps, actor, request, { ...created, description: await workshopDescription(trx, deps, link) });
      return { ok: true as const };
    }),
  );
}

/** `lien` is « permanence:<id> » or « atelier:<id> », one of the commune's linkable permanences or workshops. */
export async function acceptByLinking(deps: RequestsDeps, actor: Actor, request: RequestDetail, lien: string): Promise<AcceptResult> {
  const now = deps.now();
  const { permanences, workshops } = await linkableOutcomes(deps.db, request.commune_code, toParis(now).date, now);
  const [kind, id] = lien.split(":");
  const permanence = kind === "permanence" ? permanences.find((p) => p.id === id) : undefined;
  const workshop = kind === "atelier" ? workshops.find((w) => w.id === id) : undefined;
  if (!permanence && !workshop) return { ok: false, errors: { lien: "Choisissez une permanence ou un atelier de la liste." } };
  return guarded(deps, () =>
    deps.db.transaction().execute(async (trx) => {
      if (permanence) await accept(trx, deps, actor, request, { permanenceId: permanence.id, description: await permanenceDescription(trx, deps, permanence.id) });
      else if (workshop) {
        // A dated workshop of a series answers with its whole series.
        const link = workshop.series_id !== null ? { workshopId: null, seriesId: workshop.series_id } : { workshopId: workshop.id, seriesId: null };
        const outcome = { ...(link.seriesId !== null ? { seriesId: link.seriesId } : { workshopId: workshop.id }), description: await workshopDescription(trx, deps, link) };
        await accept(trx, deps, actor, request, outcome);
      }
      return { ok: true as const };
    }),
  );
}
