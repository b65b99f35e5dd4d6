// Registration use cases. Each one runs in ONE transaction that first locks the workshop row, so that
// concurrent registrations, cancellations and offers of one workshop run one after the other and the
// seats held never exceed the capacity, whatever the number of app instances on one PostgreSQL.

import { randomUUID } from "node:crypto";
import { retryingTransaction } from "../../db/retry-transaction.ts";
import type { Db, DbOrTx } from "../../db/schema.ts";
import type { RegistrationSource, RegistrationStatus, WorkshopRow } from "../booking/booking.table.ts";
import { enqueueMessage } from "../outbox/outbox.repository.ts";
import { publishEvent } from "../webhooks/publish.ts";
import { manageToken, manageTokenHash, personalUrl } from "./manage-token.ts";
import type { ValidRegistration } from "./registration-form.ts";
import { type RegistrationMessage, registrationMessages } from "./workshop-messages.ts";
import {
  findRegistrationByTokenHash,
  insertRegistration,
  lockWorkshop,
  registrationStates,
  updateRegistration,
  workshopsWithLapsedOffers,
} from "./workshops.repository.ts";
import { admission, applyChanges, type RegistrationState, rebalance } from "./workshops.ts";

export interface MessagingContext {
  secret: string;
  publicUrl: string;
  brandName: string;
}

export interface RegistrationDeps extends MessagingContext {
  db: Db;
  now: () => Date;
  afterCommit: () => void;
}

type Contact = { id: string; firstName: string; phone: string | null; email: string | null };
type Registrant = RegistrationState & Omit<Contact, "id">;

async function placeOf(trx: DbOrTx, workshop: WorkshopRow) {
  if (!workshop.place_id) return { name: null, address: null };
  const place = await trx.selectFrom("places").select(["name", "address", "postcode"]).where("id", "=", workshop.place_id).executeTakeFirst();
  return { name: place?.name ?? null, address: place ? `${place.address}, ${place.postcode}` : null };
}

async function send(trx: DbOrTx, ctx: MessagingContext, now: Date, workshop: WorkshopRow, who: Contact, message: RegistrationMessage, expiresAt: Date | null = null) {
  const place = await placeOf(trx, workshop);
  const url = message === "offer-expired" ? null : personalUrl(ctx.publicUrl, manageToken(ctx.secret, who.id));
  const info = { title: workshop.title, startsAt: workshop.starts_at, placeName: place.name, placeAddress: place.address, isRemote: workshop.is_remote };
  for (const m of registrationMessages(who, message, info, { now, brandName: ctx.brandName, personalUrl: url }, expiresAt)) await enqueueMessage(trx, m);
}

function stateOf(workshop: WorkshopRow) {
  return { capacity: workshop.capacity, startsAt: workshop.starts_at, cancelled: workshop.cancelled_at !== null };
}

/** Lapses old offers and offers free seats to the first in line, with their messages; returns the new list. */
async function settle(trx: DbOrTx, ctx: MessagingContext, workshop: WorkshopRow, registrants: Registrant[], now: Date): Promise<Registrant[]> {
  const changes = rebalance(stateOf(workshop), registrants, now);
  for (const change of changes) {
    const who = registrants.find((r) => r.id === change.id)!;
    if (change.kind === "offered") {
      await updateRegistration(trx, change.id, { status: "offered", offeredAt: change.offeredAt, offerExpiresAt: change.offerExpiresAt, now });
      await send(trx, ctx, now, workshop, who, "offered", change.offerExpiresAt);
    } else {
      await updateRegistration(trx, change.id, { status: "cancelled", now });
      await send(trx, ctx, now, workshop, who, "offer-expired");
    }
  }
  const byId = new Map(registrants.map((r) => [r.id, r]));
  return applyChanges(registrants, changes).map((r) => ({ ...byId.get(r.id)!, ...r }));
}

export type RegisterOutcome = { kind: "done"; status: "registered" | "waiting"; token: string } | { kind: "not_found" } | { kind: "closed" };

export async function register(
  deps: RegistrationDeps,
  workshopId: string,
  person: ValidRegistration,
  bookedByUserId: string | null = null,
  source: RegistrationSource | null = null,
): Promise<RegisterOutcome> {
  const id = randomUUID();
  const token = manageToken(deps.secret, id);
  const outcome = await retryingTransaction(deps.db, async (trx): Promise<RegisterOutcome> => {
    const workshop = await lockWorkshop(trx, workshopId);
    if (!workshop || (!workshop.is_public && bookedByUserId === null)) return { kind: "not_found" };
    const now = deps.now();
    const registrants = await settle(trx, deps, workshop, await registrationStates(trx, workshop.id), now);
    const decision = admission(stateOf(workshop), registrants, now);
    if (decision === "closed") return { kind: "closed" };
    await insertRegistration(trx, {
      id,
      workshop_id: workshop.id,
      first_name: person.firstName,
      last_name: person.lastName,
      phone: person.phone,
      email: person.email,
      status: decision,
      consent_at: now,
      manage_token_hash: manageTokenHash(token),
      booked_by_user_id: bookedByUserId,
      source,
      updated_at: now,
    });
    await publishEvent(trx, "workshop_registration.created", { registration_id: id, workshop_id: workshop.id, status: decision }, now);
    await send(trx, deps, now, workshop, { id, ...person }, decision);
    return { kind: "done", status: decision, token };
  });
  if (outcome.kind === "done") deps.afterCommit();
  return outcome;
}

export type ChangeOutcome = "done" | "not_found" | "expired" | "closed" | "not_allowed";

async function withRegistration(
  deps: RegistrationDeps,
  token: string,
  act: (trx: DbOrTx, workshop: WorkshopRow, me: Registrant, now: Date) => Promise<ChangeOutcome>,
): Promise<ChangeOutcome> {
  const found = await findRegistrationByTokenHash(deps.db, manageTokenHash(token));
  if (!found) return "not_found";
  const outcome = await retryingTransaction(deps.db, async (trx) => {
    const workshop = await lockWorkshop(trx, found.workshop_id);
    if (!workshop) return "not_found" as const;
    const now = deps.now();
    const registrants = await settle(trx, deps, workshop, await registrationStates(trx, workshop.id), now);
    const me = registrants.find((r) => r.id === found.id);
    if (!me) return "not_found" as const;
    return act(trx, workshop, me, now);
  });
  deps.afterCommit();
  return outcome;
}

/** The first in line takes the seat offered to them, within 24 hours. */
export function confirmOffer(deps: RegistrationDeps, token: string): Promise<ChangeOutcome> {
  return withRegistration(deps, token, async (trx, workshop, me, now) => {
    if (me.status === "registered") return "done";
    if (me.status !== "offered") return me.status === "cancelled" ? "expired" : "not_allowed";
    if (now.getTime() >= workshop.starts_at.getTime()) return "closed";
    await updateRegistration(trx, me.id, { status: "registered", now });
    await send(trx, deps, now, workshop, me, "registered");
    return "done";
  });
}

const CANCELLABLE: readonly RegistrationStatus[] = ["registered", "offered", "waiting"];

/** Cancelling frees the seat, which goes at once to the first in line. */
export function cancelRegistration(deps: RegistrationDeps, token: string): Promise<ChangeOutcome> {
  return withRegistration(deps, token, async (trx, workshop, me, now) => {
    if (me.status === "cancelled") return "done";
    if (!CANCELLABLE.includes(me.status) || now.getTime() >= workshop.starts_at.getTime()) return "closed";
    await updateRegistration(trx, me.id, { status: "cancelled", now });
    const rest = (await registrationStates(trx, workshop.id)) as Registrant[];
    await settle(trx, deps, workshop, rest, now);
    return "done";
  });
}

/** Passes lapsed offers on to the next in line; for the worker and housekeeping. Returns the workshops touched. */
export async function expireOffers(db: Db, now: Date, ctx: MessagingContext): Promise<number> {
  const ids = await workshopsWithLapsedOffers(db, now);
  for (const workshopId of ids) {
    await retryingTransaction(db, async (trx) => {
      const workshop = await lockWorkshop(trx, workshopId);
      if (workshop) await settle(trx, ctx, workshop, await registrationStates(trx, workshopId), now);
    });
  }
  return ids.length;
}
