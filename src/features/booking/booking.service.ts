// Use cases of booking: the free slots of a place, booking one (re-checked and inserted in one
// transaction, the database refusing any overlap), and cancelling through the personal link.
import { retryingTransaction } from "../../db/retry-transaction.ts";
import type { DbOrTx } from "../../db/schema.ts";
import { addDays, toParis } from "../calendar/paris-time.ts";
import { type NotificationContext, notifyAppointment } from "../notifications/appointment-notifications.ts";
import { searchKey } from "../territory/territory.ts";
import { publishAppointmentEvent } from "../webhooks/appointment-events.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import {
  type BookingPlace,
  countRecentBookings,
  findAdvisorContact,
  findBookingPlace,
  findCommuneCode,
  findKind,
  insertAppointment,
  listKinds,
  loadSlotData,
  lockAdvisor,
} from "./booking.repository.ts";
import type { AppointmentKindRow } from "./booking.table.ts";
import { type AppointmentLocation, isBookingThrottled } from "./booking.ts";
import type { Details, FieldProblem } from "./booking-details.ts";
import { manageUrl, newManageToken } from "./manage-token.ts";
import { computeSlots, parseSlotId } from "./slots.ts";

export type Audience = "public" | "staff";

export interface SlotView {
  id: string;
  start: Date;
  end: Date;
  placeId: string;
  placeName: string;
  advisorFirstName: string;
  kind: { id: string; name: string; durationMinutes: number; location: AppointmentLocation };
}

type Deps = Pick<BookingFeatureDeps, "db" | "config" | "now">;

function kindForSlots(k: AppointmentKindRow) {
  return { id: k.id, durationMinutes: k.duration_minutes, earliestMinutes: k.earliest_minutes, latestMonths: k.latest_months };
}

/** Free slots of these motifs at the place over the Paris dates [from, to], earliest first. */
export async function listSlots(deps: Deps, place: BookingPlace, kinds: AppointmentKindRow[], from: string, to: string): Promise<SlotView[]> {
  if (kinds.length === 0) return [];
  const data = await loadSlotData(deps.db, { placeId: place.id }, from, to);
  const now = deps.now();
  const out: SlotView[] = [];
  for (const kind of kinds) {
    const slots = computeSlots({ ...data, kind: kindForSlots(kind), now, from, to, departement: deps.config.departement.code });
    for (const s of slots) {
      if (s.placeId !== place.id) continue;
      out.push({
        id: s.id,
        start: s.start,
        end: s.end,
        placeId: place.id,
        placeName: place.name,
        advisorFirstName: data.advisorNames.get(s.advisorId) ?? "",
        kind: { id: kind.id, name: kind.name, durationMinutes: kind.duration_minutes, location: kind.location },
      });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.kind.name.localeCompare(b.kind.name, "fr"));
}

/** A few free slots from the day of a refused one, to offer instead. */
export async function nextFreeSlots(deps: Deps, place: BookingPlace, kind: AppointmentKindRow, fromDate: string, count = 5): Promise<SlotView[]> {
  const slots = await listSlots(deps, place, [kind], fromDate, addDays(fromDate, 20));
  return slots.slice(0, count);
}

export interface ChosenSlot {
  slot: SlotView;
  place: BookingPlace;
  kind: AppointmentKindRow;
}

/**
 * Why a slot cannot be booked: "taken" when an appointment now holds that time (someone chose it just
 * before), "unavailable" when it is simply no longer offered (past, too soon, an absence, a made-up time).
 */
export type GoneReason = "taken" | "unavailable";

export type SlotLookup =
  | { kind: "found"; chosen: ChosenSlot }
  | { kind: "unknown" }
  | { kind: "taken"; reason: GoneReason; place: BookingPlace; kindRow: AppointmentKindRow; next: SlotView[] };

/** Would this slot be offered if no appointment held its time? Then it was taken by someone. */
async function heldByAppointment(deps: Deps, place: BookingPlace, kind: AppointmentKindRow, slotId: string, date: string): Promise<boolean> {
  const data = await loadSlotData(deps.db, { placeId: place.id }, date, date);
  const slots = computeSlots({ ...data, appointments: [], kind: kindForSlots(kind), now: deps.now(), from: date, to: date, departement: deps.config.departement.code });
  return slots.some((s) => s.id === slotId);
}

/** A slot id given back by a person: still offered to this audience (at this place, when given)? */
export async function lookUpSlot(deps: Deps, slotId: string, audience: Audience, placeId?: string): Promise<SlotLookup> {
  const key = parseSlotId(slotId);
  if (key === null || (placeId !== undefined && key.placeId !== placeId)) return { kind: "unknown" };
  const [place, kind] = await Promise.all([findBookingPlace(deps.db, { id: key.placeId }), findKind(deps.db, key.kindId)]);
  if (place === null || kind === null || !kind.active || kind.structure_id !== place.structureId) return { kind: "unknown" };
  if (audience === "public" && (kind.bookable_by !== "public" || !place.isPublic)) return { kind: "unknown" };
  const date = toParis(key.start).date;
  const slot = (await listSlots(deps, place, [kind], date, date)).find((s) => s.id === slotId);
  if (slot) return { kind: "found", chosen: { slot, place, kind } };
  const reason: GoneReason = (await heldByAppointment(deps, place, kind, slotId, date)) ? "taken" : "unavailable";
  const today = toParis(deps.now()).date;
  // A slot of a past day: the next ones from today.
  return { kind: "taken", reason, place, kindRow: kind, next: await nextFreeSlots(deps, place, kind, [date, today].sort()[1]!) };
}

export interface BookingRequest {
  slotId: string;
  details: Details;
  themes: string[];
  via: "public" | "staff" | "api";
  bookedByUserId: string | null;
  placeId?: string;
  /** Keyed hash of the client address (public and API bookings), for the hourly limit. */
  clientIpHash?: string | null;
  /** Runs in the booking's transaction once the appointment exists (a referral booked on the person's behalf). */
  onBooked?: (trx: DbOrTx, appointmentId: string, at: Date) => Promise<void>;
}

export interface BookedAppointment {
  id: string;
  slot: SlotView;
  token: string;
  manageUrl: string;
}

export type BookingOutcome =
  | { kind: "booked"; appointment: BookedAppointment }
  | { kind: "invalid"; errors: FieldProblem[] }
  | { kind: "taken"; reason: GoneReason; kindId: string; next: SlotView[] }
  | { kind: "throttled" };

const UNKNOWN_SLOT: FieldProblem = { field: "creneau", message: "Ce créneau n'existe pas ou n'est plus proposé. Choisissez-en un autre." };

function isOverlapViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23P01";
}

export async function book(deps: BookingFeatureDeps, request: BookingRequest): Promise<BookingOutcome> {
  const clientIpHash = request.via === "staff" ? null : (request.clientIpHash ?? null);
  const limit = deps.config.bookingLimitPerHour;
  if (clientIpHash !== null && limit > 0 && isBookingThrottled(await countRecentBookings(deps.db, clientIpHash, deps.now()), limit)) {
    return { kind: "throttled" };
  }
  const audience: Audience = request.via === "staff" ? "staff" : "public";
  const found = await lookUpSlot(deps, request.slotId, audience, request.placeId);
  if (found.kind === "unknown") return { kind: "invalid", errors: [UNKNOWN_SLOT] };
  if (found.kind === "taken") return { kind: "taken", reason: found.reason, kindId: found.kindRow.id, next: found.next };
  const { slot, place, kind } = found.chosen;
  const key = parseSlotId(request.slotId)!;

  let communeCode: string | null = null;
  if (request.details.commune !== null) {
    communeCode = await findCommuneCode(deps.db, deps.config.departement.code, request.details.commune, searchKey(request.details.commune));
    if (communeCode === null) {
      const message = `Nous ne trouvons pas cette commune en ${deps.config.departement.name} : vérifiez son nom ou son code postal, ou laissez le champ vide.`;
      return { kind: "invalid", errors: [{ field: "commune", message }] };
    }
  }

  const now = deps.now();
  const token = newManageToken();
  const link = manageUrl(deps.config.publicUrl, token.token);
  const ctx: NotificationContext = {
    now,
    brandName: deps.config.brand.name,
    publicUrl: deps.config.publicUrl,
    smsEnabled: deps.config.sms.provider !== "none",
  };
  const date = toParis(key.start).date;
  try {
    const id = await retryingTransaction(deps.db, async (trx) => {
      if (!(await lockAdvisor(trx, key.advisorId))) return null;
      // The same computation as the pages, on fresh data, inside the transaction that inserts.
      const data = await loadSlotData(trx, { advisorIds: [key.advisorId] }, date, date);
      const slots = computeSlots({ ...data, kind: kindForSlots(kind), now, from: date, to: date, departement: deps.config.departement.code });
      if (!slots.some((s) => s.id === request.slotId)) return null;
      const d = request.details;
      const row = await insertAppointment(trx, {
        advisor_id: key.advisorId,
        place_id: key.placeId,
        kind_id: kind.id,
        starts_at: slot.start,
        ends_at: slot.end,
        first_name: d.firstName,
        last_name: d.lastName,
        phone: d.phone,
        email: d.email,
        birth_year: d.birthYear,
        commune_code: communeCode,
        accompanied: d.accompanied,
        needs: d.needs,
        themes: request.themes,
        consent_at: now,
        booked_via: request.via,
        booked_by_user_id: request.bookedByUserId,
        manage_token_hash: token.hash,
        booked_ip_hash: clientIpHash,
        // The application clock, so the hourly limit and tests with a fixed clock agree.
        created_at: now,
      });
      await publishAppointmentEvent(trx, "appointment.created", row.id, now);
      const advisor = await findAdvisorContact(trx, key.advisorId);
      await notifyAppointment(
        trx,
        "booked",
        {
          id: row.id,
          startsAt: slot.start,
          endsAt: slot.end,
          firstName: d.firstName,
          phone: d.phone,
          email: d.email,
          advisorFirstName: advisor?.firstName ?? slot.advisorFirstName,
          advisorEmail: advisor?.email ?? null,
          placeName: place.name,
          placeAddress: `${place.address}, ${place.postcode} ${place.communeName}`,
          kindName: kind.name,
          location: kind.location,
          manageUrl: link,
        },
        ctx,
      );
      if (request.onBooked) await request.onBooked(trx, row.id, now);
      return row.id;
    });
    // Free a moment ago, gone now: a booking committed between the look-up and the lock.
    if (id === null) return { kind: "taken", reason: "taken", kindId: kind.id, next: await nextFreeSlots(deps, place, kind, date) };
    deps.afterCommit();
    return { kind: "booked", appointment: { id, slot, token: token.token, manageUrl: link } };
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    return { kind: "taken", reason: "taken", kindId: kind.id, next: await nextFreeSlots(deps, place, kind, date) };
  }
}

export async function kindsOf(deps: Deps, place: BookingPlace, audience: Audience): Promise<AppointmentKindRow[]> {
  if (audience === "public" && !place.isPublic) return [];
  return listKinds(deps.db, place.structureId, audience);
}
