// Routes of the network view and the coordinators' work log.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function networkRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
