// The partner structures an advisor may refer a person to from an activity report. One function, so the
// partners directory's own query (`partnerTargetsFor`, by commune and coverage zone) can replace it.
import type { DbOrTx } from "../../db/schema.ts";

export interface PartnerTarget {
  id: string;
  name: string;
}

/** Every structure of kind « partner » of the network, by name (the commune is for a coverage-aware successor). */
export async function partnerTargets(db: DbOrTx, _where: { communeCode: string | null }): Promise<PartnerTarget[]> {
  return db.selectFrom("structures").select(["id", "name"]).where("kind", "=", "partner").orderBy("name").execute();
}
