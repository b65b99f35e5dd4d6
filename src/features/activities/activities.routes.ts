// Routes of the activity report form: new, from an appointment or a workshop, edit, duplicate, delete.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function activitiesRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
