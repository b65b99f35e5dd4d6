// Routes of the admins' back office of API tokens.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function apiTokenRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
