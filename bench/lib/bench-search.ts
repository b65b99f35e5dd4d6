// The search the profiling scripts run (a commune, 20 km, one service, free): its statement shape and bound
// values, so that bench/search-explain.ts and bench/search-pg-cpu.ts time exactly the same thing.
import { toParis } from "../../src/features/calendar/paris-time.ts";
import { byCode, SERVICES } from "../../src/features/places/place-standard.ts";
import { openingWindowValues } from "../../src/features/places/search/search.repository.ts";
import { nextOpeningLimits, PAGE_SIZE } from "../../src/features/places/search/search.ts";
import { bind } from "../../src/features/places/search/search-statement.ts";

export const BENCH_SEARCH_SHAPE = {
  from: "commune",
  boundary: false,
  services: true,
  specificSupport: false,
  publics: false,
  free: true,
  remote: false,
  open: false,
  permanenceModes: false,
} as const;

/** The statement's values for the bench's search from commune `code` at `now`. */
export function benchSearchValues(statement: Parameters<typeof bind>[0], now: Date, code = "47001"): unknown[] {
  return bind(statement, {
    code,
    latitude: null,
    longitude: null,
    radiusKm: 20,
    beyondKm: 0,
    services: [byCode(SERVICES, "aide-aux-demarches-administratives")?.value as string],
    specificSupport: [],
    publics: [],
    openFrom: null,
    openTo: null,
    permanenceModes: null,
    today: toParis(now).date,
    ...openingWindowValues(nextOpeningLimits(now)),
    limit: PAGE_SIZE,
    offset: 0,
    known: [],
  });
}
