// Booking on behalf of a referred person: the back office's booking steps carry « orientation=<id> »; the
// referral must be one the viewer receives and may still book, its person fills the last step, and the
// new appointment moves it to « rendez-vous fixé » in the booking's transaction.
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import { isUuid } from "../agenda/agenda.service.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { BookingRequest } from "../booking/booking.service.ts";
import type { DetailsInput } from "../booking/booking-details.ts";
import type { NotifyDeps } from "./referral-status.service.ts";
import { receivingStructureIds } from "./referrals.policy.ts";
import { findReferral, type ReferralDetail } from "./referrals.repository.ts";
import { referralActor, referralBooked } from "./referrals.service.ts";
import { canBook } from "./referrals.ts";

export async function bookableReferral(db: Db, viewer: Viewer, id: string): Promise<ReferralDetail> {
  const targetStructureIds = receivingStructureIds(referralActor(viewer));
  const found = isUuid(id) ? await findReferral(db, id, { all: false, fromStructureIds: [], targetStructureIds }) : undefined;
  if (!found) throw new HttpError("not_found", "Cette orientation n'existe pas ou ne vous concerne pas.");
  if (!canBook(found.status, found.source)) throw new HttpError("bad_request", "Cette orientation a déjà un rendez-vous ou est close : elle ne se réserve plus.");
  return found;
}

export function referralDetails(r: ReferralDetail): Partial<DetailsInput> {
  if (r.anonymised_at !== null) return {};
  return {
    prenom: r.first_name ?? "",
    nom: r.last_name ?? "",
    telephone: r.phone ? r.phone.replace(/^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/, "0$1 $2 $3 $4 $5") : "",
    courriel: r.email ?? "",
    commune: r.commune_name ?? "",
    besoins: "",
    // The person gave their consent to the referrer; the advisor confirms it again on the last step.
    consentement: false,
  };
}

export function referralBookingHook(viewer: Viewer, referralId: string, deps: NotifyDeps): BookingRequest["onBooked"] {
  return (trx, appointmentId, at) => referralBooked(trx, referralId, appointmentId, { userId: viewer.userId, email: viewer.email }, at, deps);
}
