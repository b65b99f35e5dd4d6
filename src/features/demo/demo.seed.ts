// Placeholder replaced by the demo network loader.
import type { Db } from "../../db/schema.ts";

export interface DemoSummary {
  structures: number;
  advisors: number;
  places: number;
  users: number;
}

export async function loadDemoNetwork(_db: Db, _options: { departement: string; now: Date }): Promise<DemoSummary> {
  return { structures: 0, advisors: 0, places: 0, users: 0 };
}
