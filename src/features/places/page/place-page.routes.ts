// Routes of this sub-feature (being written).
import type { FastifyInstance } from "fastify";
import type { PlacesFeatureDeps } from "../places.deps.ts";

export async function placePageRoutes(_app: FastifyInstance, _deps: PlacesFeatureDeps): Promise<void> {}
