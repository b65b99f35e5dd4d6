// The lists of the dashboard's selects, limited to the viewer's scope: advisors and places of the
// structures they may see, and the département's structures, EPCI and communes for network readers.
import type { DbOrTx } from "../../../db/schema.ts";

export interface Option {
  value: string;
  label: string;
}

/** Advisors of these structures (every structure when null), inactive ones too: their past counts. */
export async function advisorOptions(db: DbOrTx, structureIds: string[] | null): Promise<Option[]> {
  if (structureIds !== null && structureIds.length === 0) return [];
  let query = db
    .selectFrom("advisors")
    .innerJoin("structures", "structures.id", "advisors.structure_id")
    .select(["advisors.id", "advisors.first_name", "advisors.last_name", "advisors.active", "structures.name as structure"])
    .orderBy("advisors.last_name")
    .orderBy("advisors.first_name")
    .orderBy("advisors.id");
  if (structureIds !== null) query = query.where("advisors.structure_id", "in", structureIds);
  const rows = await query.execute();
  const many = structureIds === null || structureIds.length > 1;
  return rows.map((r) => ({
    value: r.id,
    label: `${r.last_name} ${r.first_name}${many ? ` (${r.structure})` : ""}${r.active ? "" : " (ancien)"}`,
  }));
}

/** Places of these structures (every place when null), by name. */
export async function placeOptions(db: DbOrTx, structureIds: string[] | null): Promise<Option[]> {
  if (structureIds !== null && structureIds.length === 0) return [];
  let query = db
    .selectFrom("places")
    .leftJoin("communes", "communes.code", "places.commune_code")
    .select(["places.id", "places.name", "communes.name as commune"])
    .orderBy("places.name")
    .orderBy("places.id");
  if (structureIds !== null) query = query.where("places.structure_id", "in", structureIds);
  const rows = await query.execute();
  return rows.map((r) => ({ value: r.id, label: r.commune ? `${r.name} (${r.commune})` : r.name }));
}

export async function structureOptions(db: DbOrTx): Promise<Option[]> {
  const rows = await db.selectFrom("structures").select(["id", "name"]).orderBy("name").orderBy("id").execute();
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

export async function epciOptions(db: DbOrTx, departement: string): Promise<Option[]> {
  const rows = await db
    .selectFrom("epcis")
    .select(["code", "name"])
    .where("code", "in", (eb) => eb.selectFrom("communes").select("epci_code").where("departement", "=", departement).where("epci_code", "is not", null))
    .orderBy("name")
    .execute();
  return rows.map((r) => ({ value: r.code, label: r.name }));
}

export async function communeOptions(db: DbOrTx, departement: string): Promise<Option[]> {
  const rows = await db.selectFrom("communes").select(["code", "name"]).where("departement", "=", departement).orderBy("name").orderBy("code").execute();
  return rows.map((r) => ({ value: r.code, label: r.name }));
}

export async function structureName(db: DbOrTx, id: string): Promise<string | null> {
  const row = await db.selectFrom("structures").select("name").where("id", "=", id).executeTakeFirst();
  return row?.name ?? null;
}
