// Reads what openings are computed from, and writes the computed rows, the horizon and the stale marks.

import { sql } from "kysely";
import type { DbOrTx } from "../../../db/schema.ts";
import { permanencesOf } from "../search/search.repository.ts";
import type { DayRange, Opening, OpeningInputs } from "./openings.ts";

export interface OpeningsState {
  horizon: (DayRange & { departement: string }) | null;
  stale: boolean;
}

export async function readOpeningsState(db: DbOrTx): Promise<OpeningsState> {
  const row = await db
    .selectNoFrom([
      sql<string | null>`(select from_day::text from place_openings_horizon)`.as("from_day"),
      sql<string | null>`(select to_day::text from place_openings_horizon)`.as("to_day"),
      sql<string | null>`(select departement from place_openings_horizon)`.as("departement"),
      sql<boolean>`exists (select 1 from place_openings_stale)`.as("stale"),
    ])
    .executeTakeFirstOrThrow();
  const horizon = row.from_day && row.to_day && row.departement ? { fromDay: row.from_day, toDay: row.to_day, departement: row.departement } : null;
  return { horizon, stale: row.stale };
}

/** Serialises rebuilds and refreshes across connections and instances, until the transaction ends. */
export async function lockOpenings(trx: DbOrTx): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('place_openings'))`.execute(trx);
}

export async function stalePlaceIds(db: DbOrTx): Promise<string[]> {
  return (await db.selectFrom("place_openings_stale").select("place_id").execute()).map((r) => r.place_id);
}

/** Opening hours and current permanences (active advisors) of these places, or of every place (null). */
export async function openingInputsOf(db: DbOrTx, placeIds: string[] | null, fromDay: string): Promise<Map<string, OpeningInputs>> {
  const out = new Map<string, OpeningInputs>();
  if (placeIds?.length === 0) return out;
  const places = await db
    .selectFrom("places")
    .select(["id", "opening_hours"])
    .$if(placeIds !== null, (q) => q.where("id", "in", placeIds as string[]))
    .execute();
  for (const p of places) out.set(p.id, { openingHours: p.opening_hours, permanences: [] });
  for (const [placeId, rules] of await permanencesOf(db, placeIds, fromDay)) out.get(placeId)?.permanences.push(...rules);
  return out;
}

const BATCH = 20_000;

/**
 * Replaces the rows of these places (every place: null), clears their stale marks, packs their openings
 * as the search API's cards read them and takes a new openings version, so that every application instance
 * reloads the cards it keeps (place-cards.ts).
 */
export async function replaceOpenings(trx: DbOrTx, placeIds: string[] | null, openings: Map<string, Opening[]>): Promise<void> {
  if (placeIds === null) {
    await sql`delete from place_openings`.execute(trx);
    await sql`delete from place_openings_stale`.execute(trx);
  } else if (placeIds.length > 0) {
    await trx.deleteFrom("place_openings").where("place_id", "in", placeIds).execute();
    await trx.deleteFrom("place_openings_stale").where("place_id", "in", placeIds).execute();
  }
  let ids: string[] = [];
  let starts: string[] = [];
  let ends: string[] = [];
  let kinds: string[] = [];
  const flush = async () => {
    if (ids.length === 0) return;
    await sql`insert into place_openings (place_id, starts_at, ends_at, kind)
      select * from unnest(${ids}::uuid[], ${starts}::timestamptz[], ${ends}::timestamptz[], ${kinds}::text[])`.execute(trx);
    ids = [];
    starts = [];
    ends = [];
    kinds = [];
  };
  for (const [placeId, list] of openings) {
    for (const o of list) {
      ids.push(placeId);
      starts.push(o.start.toISOString());
      ends.push(o.end.toISOString());
      kinds.push(o.kind);
    }
    if (ids.length >= BATCH) await flush();
  }
  await flush();
  await packOpenings(trx, placeIds);
}

/** The openings of these places (every place: null) packed from their rows, under a new openings version. */
async function packOpenings(trx: DbOrTx, placeIds: string[] | null): Promise<void> {
  const packed = sql`string_agg(place_search_openings_record(o.starts_at, o.ends_at, o.kind), ''::bytea order by o.starts_at, o.kind, o.ends_at)`;
  if (placeIds === null) {
    await sql`delete from place_search_openings`.execute(trx);
    await sql`insert into place_search_openings (place_id, openings) select o.place_id, ${packed} from place_openings o group by o.place_id`.execute(trx);
  } else if (placeIds.length > 0) {
    await trx.deleteFrom("place_search_openings").where("place_id", "in", placeIds).execute();
    await sql`insert into place_search_openings (place_id, openings)
      select o.place_id, ${packed} from place_openings o where o.place_id = any(${placeIds}::uuid[]) group by o.place_id`.execute(trx);
  }
  await sql`update place_openings_horizon set openings_version = nextval('place_search_version_seq')`.execute(trx);
}

export async function saveHorizon(trx: DbOrTx, range: DayRange, departement: string, now: Date): Promise<void> {
  await trx
    .insertInto("place_openings_horizon")
    .values({ from_day: range.fromDay, to_day: range.toDay, departement, computed_at: now })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        from_day: range.fromDay,
        to_day: range.toDay,
        departement,
        computed_at: now,
        openings_version: sql<string>`nextval('place_search_version_seq')`,
      }),
    )
    .execute();
}
