// Routes of coverage of the territory (maillage), what-if, recommendations and GET /api/v1/maillage.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function coverageRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
