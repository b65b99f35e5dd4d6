// The public catalogue: upcoming public workshops, filtered by theme, commune, place or « à distance », paged.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";

export interface CatalogueFilter {
  theme: string | null;
  communeCode: string | null;
  /** A place's slug: the workshops held there. */
  placeSlug: string | null;
  remoteOnly: boolean;
}

export const NO_CATALOGUE_FILTER: CatalogueFilter = { theme: null, communeCode: null, placeSlug: null, remoteOnly: false };

function publicUpcoming(db: DbOrTx, now: Date, filter: CatalogueFilter) {
  let query = db
    .selectFrom("workshops as w")
    .leftJoin("places as p", "p.id", "w.place_id")
    .leftJoin("communes as c", "c.code", "p.commune_code")
    .where("w.is_public", "=", true)
    .where("w.cancelled_at", "is", null)
    .where("w.starts_at", ">", now);
  if (filter.theme) query = query.where(sql<boolean>`${filter.theme} = any(w.themes)`);
  if (filter.remoteOnly) query = query.where("w.is_remote", "=", true);
  if (filter.communeCode) query = query.where("p.commune_code", "=", filter.communeCode);
  if (filter.placeSlug) query = query.where("p.slug", "=", filter.placeSlug);
  return query;
}

export async function listCatalogue(db: DbOrTx, now: Date, filter: CatalogueFilter, page: { limit: number; offset: number }) {
  const base = publicUpcoming(db, now, filter);
  const [rows, count] = await Promise.all([
    base
      .select([
        "w.id",
        "w.title",
        "w.themes",
        "w.level",
        "w.is_remote",
        "w.starts_at",
        "w.ends_at",
        "w.capacity",
        "p.name as place_name",
        "p.slug as place_slug",
        "c.name as commune_name",
        sql<number>`(select count(*)::int from workshop_registrations r where r.workshop_id = w.id and r.status in ('registered', 'offered', 'attended', 'absent'))`.as(
          "seats_taken",
        ),
      ])
      .orderBy("w.starts_at")
      .orderBy("w.id")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export type CatalogueRow = Awaited<ReturnType<typeof listCatalogue>>["rows"][number];

/** Communes that hold at least one upcoming public workshop, for the filter. */
export async function catalogueCommunes(db: DbOrTx, now: Date): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom("workshops as w")
    .innerJoin("places as p", "p.id", "w.place_id")
    .innerJoin("communes as c", "c.code", "p.commune_code")
    .select(["c.code", "c.name"])
    .distinct()
    .where("w.is_public", "=", true)
    .where("w.cancelled_at", "is", null)
    .where("w.starts_at", ">", now)
    .orderBy("c.name")
    .execute();
}

/** Places that hold at least one upcoming public workshop, for the filter. */
export async function cataloguePlaces(db: DbOrTx, now: Date): Promise<{ slug: string; name: string; commune_name: string }[]> {
  return db
    .selectFrom("workshops as w")
    .innerJoin("places as p", "p.id", "w.place_id")
    .innerJoin("communes as c", "c.code", "p.commune_code")
    .select(["p.slug", "p.name", "c.name as commune_name"])
    .distinct()
    .where("w.is_public", "=", true)
    .where("w.cancelled_at", "is", null)
    .where("w.starts_at", ">", now)
    .where("p.is_public", "=", true)
    .orderBy("c.name")
    .orderBy("p.name")
    .execute();
}

/** A public place's name and commune, by its slug: the place filter of the catalogue names it. */
export async function findCataloguePlace(db: DbOrTx, slug: string): Promise<{ slug: string; name: string; commune_name: string } | undefined> {
  return db
    .selectFrom("places as p")
    .innerJoin("communes as c", "c.code", "p.commune_code")
    .select(["p.slug", "p.name", "c.name as commune_name"])
    .where("p.slug", "=", slug)
    .where("p.is_public", "=", true)
    .executeTakeFirst();
}
