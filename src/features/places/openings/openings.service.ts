// Keeps the precomputed openings right: rewritten for the places a write touched, in that write's
// transaction; rebuilt for every place when the horizon no longer serves today (the daily job does it
// ahead of time; the first search of a day catches up if the job did not run).
import type { Db, DbOrTx } from "../../../db/schema.ts";
import { toParis } from "../../calendar/paris-time.ts";
import {
  lockOpenings,
  openingInputsOf,
  readOpeningsState,
  replaceOpenings,
  saveHorizon,
  stalePlaceIds,
} from "./openings.repository.ts";
import { type DayRange, horizonFrom, type Opening, openingsContext, placeOpenings, serves } from "./openings.ts";

async function compute(db: DbOrTx, placeIds: string[] | null, range: DayRange, departement: string): Promise<Map<string, Opening[]>> {
  const inputs = await openingInputsOf(db, placeIds, range.fromDay);
  const context = openingsContext(range, departement);
  const out = new Map<string, Opening[]>();
  for (const [id, place] of inputs) out.set(id, placeOpenings(place, context));
  return out;
}

/**
 * Rewrites the openings of these places within the caller's transaction, after it wrote their hours,
 * permanences or advisors. Without a horizon yet, there is nothing to keep in step: the next search computes all.
 */
export async function refreshPlaceOpenings(trx: DbOrTx, placeIds: string[], departement: string): Promise<void> {
  if (placeIds.length === 0) return;
  await lockOpenings(trx);
  const { horizon } = await readOpeningsState(trx);
  if (!horizon || horizon.departement !== departement) return;
  const ids = [...new Set(placeIds)];
  await replaceOpenings(trx, ids, await compute(trx, ids, horizon, departement));
}

/** Recomputes every place over the horizon that starts the day before today, in the caller's transaction. */
export async function rebuildPlaceOpeningsIn(trx: DbOrTx, now: Date, departement: string): Promise<{ places: number; openings: number }> {
  await lockOpenings(trx);
  const range = horizonFrom(toParis(now).date);
  const openings = await compute(trx, null, range, departement);
  await replaceOpenings(trx, null, openings);
  await saveHorizon(trx, range, departement, now);
  let count = 0;
  for (const list of openings.values()) count += list.length;
  return { places: openings.size, openings: count };
}

/** The daily job: moves the horizon to start the day before today (idempotent: nothing to do twice a day). */
export async function extendPlaceOpenings(db: Db, now: Date, departement: string): Promise<{ places: number; openings: number } | null> {
  const { horizon } = await readOpeningsState(db);
  if (horizon && horizon.departement === departement && horizon.fromDay === horizonFrom(toParis(now).date).fromDay) return null;
  return db.transaction().execute((trx) => rebuildPlaceOpeningsIn(trx, now, departement));
}

/**
 * Makes the openings right for a search made now: nothing to do but one small read, unless a day went by
 * without the daily job or a write left places marked stale (a tool or a query that wrote directly).
 */
export async function ensurePlaceOpenings(db: Db, now: Date, departement: string): Promise<void> {
  const today = toParis(now).date;
  const state = await readOpeningsState(db);
  if (state.horizon && serves(state.horizon, today, departement) && !state.stale) return;
  await db.transaction().execute(async (trx) => {
    await lockOpenings(trx);
    const again = await readOpeningsState(trx);
    if (!again.horizon || !serves(again.horizon, today, departement)) await rebuildPlaceOpeningsIn(trx, now, departement);
    else if (again.stale) {
      const ids = await stalePlaceIds(trx);
      await replaceOpenings(trx, ids, await compute(trx, ids, again.horizon, departement));
    }
  });
}
