// Moves the precomputed openings of places (the public search's « ouvert » filter and « prochaine
// ouverture ») one day further each day. Run hourly: it does nothing until the Paris day changes.
import type { Db } from "../db/schema.ts";
import { extendPlaceOpenings } from "../features/places/openings/openings.service.ts";

export async function runPlaceOpeningsUpkeep(db: Db, now: Date, departement: string): Promise<{ places: number; openings: number } | null> {
  return extendPlaceOpenings(db, now, departement);
}
