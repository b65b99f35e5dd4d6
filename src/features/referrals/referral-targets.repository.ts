// The partner structures an advisor may refer a person to from an activity report: the partners directory's
// targets (archived partners left out), those whose coverage zone includes the commune of the advisor's
// structure first, then the others, by name.
import type { DbOrTx } from "../../db/schema.ts";
import { partnerTargetsFor } from "../partners/partners.repository.ts";

export interface PartnerTarget {
  id: string;
  name: string;
  /** The partner's zone includes the commune of the advisor's structure. */
  covers: boolean;
}

export async function partnerTargets(db: DbOrTx, where: { structureId: string }): Promise<PartnerTarget[]> {
  const structure = await db.selectFrom("structures").select("commune_code").where("id", "=", where.structureId).executeTakeFirst();
  const targets = await partnerTargetsFor(db, { communeCode: structure?.commune_code ?? null });
  return targets.map((t) => ({ id: t.id, name: t.name, covers: t.covers }));
}
