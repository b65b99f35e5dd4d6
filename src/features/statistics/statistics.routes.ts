// Routes of dashboards per role, the monthly report, the public figures and GET /api/v1/statistiques.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function statisticsRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
