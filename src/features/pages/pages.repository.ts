import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";

/** The network's headline figures for the home page. */
export async function networkFigures(db: DbOrTx, departement: string) {
  return db
    .selectNoFrom([
      sql<number>`(select count(*)::int from places where is_public)`.as("places"),
      sql<number>`(select count(*)::int from advisors where active)`.as("advisors"),
      sql<number>`(select count(*)::int from communes where departement = ${departement})`.as("communes"),
    ])
    .executeTakeFirstOrThrow();
}
