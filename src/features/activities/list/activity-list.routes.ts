// Routes of the lists of activity reports, their CSV and XLSX exports and GET /api/v1/activites.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../../booking/booking.deps.ts";

export async function activityListRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
