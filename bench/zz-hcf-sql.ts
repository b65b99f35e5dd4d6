import { sql } from "kysely";
import { openPostgres } from "../src/db/database.ts";
import { loadActivePlaces } from "../src/features/coverage/coverage.repository.ts";
import { readFileSync } from "node:fs";
const h = openPostgres("postgres://postgres@127.0.0.1:5432/h_coverage_full_bench");
const q2 = readFileSync("/tmp/hcf/q2.sql", "utf8");
const variants: Record<string, () => Promise<unknown>> = {
  current: () => loadActivePlaces(h.db, "2026-11-02", { services: [], employers: [] }),
  preagg: () => sql.raw(q2).execute(h.db),
};
for (let round = 0; round < 3; round++) for (const [name, fn] of Object.entries(variants)) {
  await fn();
  const w: number[] = []; const c: number[] = [];
  for (let i = 0; i < 10; i++) { const c0 = process.cpuUsage(); const t = performance.now(); await fn(); w.push(performance.now() - t); const u = process.cpuUsage(c0); c.push((u.user + u.system) / 1000); }
  w.sort((a, b) => a - b); c.sort((a, b) => a - b);
  console.log(name, "wall p50", w[5]?.toFixed(1), "min", w[0]?.toFixed(1), "cpu p50", c[5]?.toFixed(1));
}
await h.close();
