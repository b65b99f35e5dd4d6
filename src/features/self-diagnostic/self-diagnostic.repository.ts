// Queries of the self-diagnostic: the day counter (no answers, no person), the coming workshops that may
// be proposed, and the figures of the statistics dashboard.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { CandidateWorkshop } from "./workshop-match.ts";

/** One more self-diagnostic completed on `day` (Paris date, YYYY-MM-DD). */
export async function countTaken(db: DbOrTx, day: string): Promise<void> {
  await db
    .insertInto("self_diagnostic_days")
    .values({ day, taken: 1 })
    .onConflict((oc) => oc.column("day").doUpdateSet({ taken: sql<number>`self_diagnostic_days.taken + 1` }))
    .execute();
}

/** Coming public workshops of one of `levels` teaching one of `themes`, soonest first. */
export async function candidateWorkshops(db: DbOrTx, now: Date, levels: readonly string[], themes: readonly string[], limit: number): Promise<CandidateWorkshop[]> {
  if (levels.length === 0 || themes.length === 0) return [];
  const rows = await db
    .selectFrom("workshops as w")
    .leftJoin("places as p", "p.id", "w.place_id")
    .leftJoin("communes as c", "c.code", "p.commune_code")
    .where("w.is_public", "=", true)
    .where("w.cancelled_at", "is", null)
    .where("w.starts_at", ">", now)
    .where("w.level", "in", [...levels] as ("debutant" | "intermediaire")[])
    .where(sql<boolean>`w.themes && ${sql.val([...themes])}::text[]`)
    .select(["w.id", "w.title", "w.themes", "w.level", "w.is_remote", "w.starts_at", "p.name as place_name", "c.name as commune_name", "p.latitude", "p.longitude"])
    .orderBy("w.starts_at")
    .orderBy("w.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    themes: r.themes,
    level: r.level,
    isRemote: r.is_remote,
    startsAt: r.starts_at,
    placeName: r.place_name,
    communeName: r.commune_name,
    location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
  }));
}

export interface SelfDiagnosticFigures {
  taken: number;
  /** Registrations made in the period (the moment of consent) from a result's link, not cancelled since. */
  booked: number;
}

/** Between two Paris dates, inclusive. */
export async function selfDiagnosticFigures(db: DbOrTx, from: string, to: string): Promise<SelfDiagnosticFigures> {
  const taken = await db
    .selectFrom("self_diagnostic_days")
    .select(sql<number>`coalesce(sum(taken), 0)::int`.as("n"))
    .where("day", ">=", from)
    .where("day", "<=", to)
    .executeTakeFirstOrThrow();
  const booked = await db
    .selectFrom("workshop_registrations as r")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("r.source", "=", "self_diagnostic")
    .where("r.status", "!=", "cancelled")
    .where(sql<boolean>`(r.consent_at at time zone 'Europe/Paris')::date between ${from}::date and ${to}::date`)
    .executeTakeFirstOrThrow();
  return { taken: taken.n, booked: booked.n };
}
