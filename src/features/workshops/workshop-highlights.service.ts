// What the home page and a place's page show of the coming public workshops: the next few, and the way to
// the catalogue. Reads only: the series are turned into dated workshops by the upkeep job and the catalogue.
import type { DbOrTx } from "../../db/schema.ts";
import { type CatalogueRow, listCatalogue, NO_CATALOGUE_FILTER } from "./catalogue.repository.ts";

export interface WorkshopHighlights {
  rows: CatalogueRow[];
  /** Every coming workshop the link leads to. */
  total: number;
  /** The catalogue, filtered as the list is. */
  href: string;
}

/**
 * The next workshops anywhere. When none of them is held remotely, the last one gives way to the next remote
 * workshop (« Les Jeudis de l'inclusion »): someone who cannot travel sees at once that there are some.
 */
export async function nextWorkshops(db: DbOrTx, now: Date, limit: number): Promise<WorkshopHighlights> {
  const first = { limit, offset: 0 };
  const { rows, total } = await listCatalogue(db, now, NO_CATALOGUE_FILTER, first);
  if (rows.length < limit || rows.some((r) => r.is_remote)) return { rows, total, href: "/ateliers" };
  const remote = (await listCatalogue(db, now, { ...NO_CATALOGUE_FILTER, remoteOnly: true }, { limit: 1, offset: 0 })).rows;
  // The next remote workshop starts after all of `rows` (or it would be among them): it goes last.
  return { rows: [...rows.slice(0, limit - remote.length), ...remote], total, href: "/ateliers" };
}

/** The next workshops held at one place. */
export async function nextWorkshopsAt(db: DbOrTx, now: Date, placeSlug: string, limit: number): Promise<WorkshopHighlights> {
  const { rows, total } = await listCatalogue(db, now, { ...NO_CATALOGUE_FILTER, placeSlug }, { limit, offset: 0 });
  return { rows, total, href: `/ateliers?lieu=${encodeURIComponent(placeSlug)}` };
}
