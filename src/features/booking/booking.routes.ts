// Routes of the booking slice: the JSON API, the public booking steps, booking on behalf from the back
// office, and the personal link to see or cancel an appointment.
import type { FastifyInstance } from "fastify";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { bookableReferral, referralBookingHook, referralDetails } from "../referrals/referral-booking.ts";
import { bookingApiRoutes } from "./booking.api.ts";
import type { BookingFeatureDeps } from "./booking.deps.ts";
import { findBookingPlace, listPlacesForStaff } from "./booking.repository.ts";
import { asText } from "./booking-details.ts";
import { registerBookingFlow } from "./booking-flow.routes.ts";
import { bookingManageRoutes } from "./booking-manage.routes.ts";
import { bookableStructures, canBookOnBehalf, isBookingStaff } from "./booking-staff.ts";
import { StaffPlacePage } from "./booking-staff.views.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function bookingRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  await bookingApiRoutes(app, deps);
  await bookingManageRoutes(app, deps);

  registerBookingFlow(app, deps, {
    prefix: "/lieux/:slug/rendez-vous",
    resolve: async (request) => {
      const slug = (request.params as { slug: string }).slug;
      const place = await findBookingPlace(deps.db, { slug });
      if (place === null || !place.isPublic) throw new HttpError("not_found", "Ce lieu n'existe pas ou n'est plus affiché.");
      return { base: `/lieux/${encodeURIComponent(place.slug)}/rendez-vous`, fixed: {}, staff: false, place };
    },
  });

  registerBookingFlow(app, deps, {
    prefix: "/gestion/rendez-vous/nouveau",
    resolve: async (request, params) => {
      const viewer = requireViewer(request);
      if (!isBookingStaff(viewer)) throw new HttpError("forbidden");
      const placeId = asText(params.lieu);
      if (placeId === "") return null;
      const place = UUID.test(placeId) ? await findBookingPlace(deps.db, { id: placeId }) : null;
      if (place === null) throw new HttpError("not_found", "Ce lieu n'existe pas.");
      if (!canBookOnBehalf(viewer, place.structureId)) throw new HttpError("forbidden", "Vous ne pouvez pas prendre de rendez-vous dans ce lieu.");
      // Booking for a referred person: the referral must be one this person receives and may still book.
      const orientation = asText(params.orientation);
      const referral = orientation === "" ? null : await bookableReferral(deps.db, viewer, orientation);
      return { base: "/gestion/rendez-vous/nouveau", fixed: { lieu: place.id, ...(referral ? { orientation: referral.id } : {}) }, staff: true, place };
    },
    prefill: async (request, params) => {
      const orientation = asText(params.orientation);
      return orientation === "" ? null : referralDetails(await bookableReferral(deps.db, requireViewer(request), orientation));
    },
    onBooked: (request, params) => {
      const orientation = asText(params.orientation);
      const notify = { brandName: deps.config.brand.name, publicUrl: deps.config.publicUrl };
      return orientation === "" ? undefined : referralBookingHook(requireViewer(request), orientation, notify);
    },
    landing: async (request, reply) => {
      const places = await listPlacesForStaff(deps.db, bookableStructures(requireViewer(request)));
      return sendHtml(reply, StaffPlacePage({ ctx: pageContext(request, reply), places }));
    },
  });
}
