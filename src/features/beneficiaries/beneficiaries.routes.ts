// Routes of beneficiaries: list, search, record, consent, sharing, duplicates, merge, RGPD export and erasure, read log.
import type { FastifyInstance } from "fastify";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";

export async function beneficiariesRoutes(_app: FastifyInstance, _deps: BookingFeatureDeps): Promise<void> {}
