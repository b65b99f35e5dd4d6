// Creating what the workshop form describes: one dated workshop, or a weekly series whose dates of the
// coming months are written at once. Runs in the caller's transaction (the back office, or a commune
// request accepted by creating its workshops).
import type { DbOrTx } from "../../../db/schema.ts";
import { materialiseSeries } from "../workshop-series.service.ts";
import { insertSeries, insertWorkshop } from "./workshop-admin.repository.ts";
import type { ValidWorkshop } from "./workshop-form.ts";

export async function createWorkshops(trx: DbOrTx, value: ValidWorkshop, now: Date, departement: string): Promise<{ workshopId: string } | { seriesId: string }> {
  if (value.kind === "workshop") return { workshopId: await insertWorkshop(trx, value) };
  const { common, kind: _kind, ...rule } = value;
  const seriesId = await insertSeries(trx, common, rule);
  await materialiseSeries(trx, now, departement);
  return { seriesId };
}
