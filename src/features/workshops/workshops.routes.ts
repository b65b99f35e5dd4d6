// Routes of this slice (being written).
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function workshopsRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
