// The statistics of the network: the one entry point every dashboard, export and API calls. Queries
// the rollup answers exactly (see stats-rollup-plan.ts) read it; the others read this instance's
// in-memory copy of the reports when it is on (stats-memory.repository.ts); any call inside a
// transaction, and everything else, reads the base tables. Labels are looked up after.
import { sql } from "kysely";
import type { Db, DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import type { Dimension, Granularity, StatsFilters, StatsResult } from "./statistics.ts";
import { baseFigures } from "./statistics-queries.repository.ts";
import { rollupFigures } from "./statistics-rollup.repository.ts";
import { type LabelSources, type RawFigures, shapeStatistics } from "./statistics-shape.ts";
import { NOT_COMMUNICATED } from "./stats-figures.ts";
import { type StatsMemory, statsMemoryOf } from "./stats-memory.repository.ts";
import { rollupPlan } from "./stats-rollup-plan.ts";

const NC = NOT_COMMUNICATED.code;

/**
 * `path` forces one way of computing (tests compare them); "auto" takes the rollup when it can answer, else
 * the in-memory copy when there is one. `memory`: the copy to use instead of the one set for `db`.
 */
export interface StatsOptions {
  path?: "auto" | "base" | "rollup" | "memory";
  memory?: StatsMemory;
}

/** `= any($1)` with the whole list as one array parameter. */
const anyOf = (values: string[], type: "uuid" | "text") => sql<string>`any(${values}::${sql.raw(type)}[])`;

async function labelSources(db: DbOrTx, figures: RawFigures): Promise<LabelSources> {
  const ids = (d: Dimension) => {
    const codes = new Set<string>();
    for (const c of figures.cells[d] ?? []) if (c.code !== null && c.code !== NC) codes.add(c.code);
    for (const c of figures.collective) if (c.dim === d && c.code !== null && c.code !== NC) codes.add(c.code);
    return [...codes];
  };
  // One array parameter each (not one parameter per id): thousands of places and advisors at national scale.
  const [places, advisors, structures, communes] = await Promise.all([
    db.selectFrom("places").select(["id", "name"]).where("id", "=", anyOf(ids("place"), "uuid")).execute(),
    db.selectFrom("advisors").select(["id", "first_name", "last_name"]).where("id", "=", anyOf(ids("advisor"), "uuid")).execute(),
    db.selectFrom("structures").select(["id", "kind"]).where("id", "=", anyOf(ids("employerKind"), "uuid")).execute(),
    db.selectFrom("communes").select(["code", "name"]).where("code", "=", anyOf(ids("residenceCommune"), "text")).execute(),
  ]);
  return {
    places: new Map(places.map((p) => [p.id, p.name])),
    advisors: new Map(advisors.map((a) => [a.id, `${a.first_name} ${a.last_name}`])),
    structureKinds: new Map(structures.map((s) => [s.id, s.kind])),
    communes: new Map(communes.map((c) => [c.code, c.name])),
  };
}

/**
 * Filters the base tables reach through an index (an advisor's own reports, a place, a commune, a residence
 * commune: 10–30 ms at 1 M reports) are read there: the in-memory copy would scan every report (~45 ms).
 */
function indexedFilter(f: StatsFilters): boolean {
  return f.advisorId !== null || f.placeId !== null || f.communeCode !== null || f.residenceCommuneCode !== null;
}

/** The in-memory copy this read may use: none when forced elsewhere, inside a transaction, or for an indexed filter in `auto`. */
function copyFor(db: DbOrTx, filters: StatsFilters, path: NonNullable<StatsOptions["path"]>, given: StatsMemory | undefined): StatsMemory | undefined {
  if (path === "base" || path === "rollup" || db.isTransaction) return undefined;
  if (path === "auto" && indexedFilter(filters)) return undefined;
  return given ?? statsMemoryOf(db as Db);
}

export async function computeStatistics(db: DbOrTx, filters: StatsFilters, granularity: Granularity, options: StatsOptions = {}): Promise<StatsResult> {
  const path = options.path ?? "auto";
  const plan = path === "base" || path === "memory" || db.isTransaction ? null : rollupPlan(filters, granularity, toParis(new Date()).date);
  if (path === "rollup" && plan === null) throw new Error("The statistics rollup cannot answer this query.");
  const memory = copyFor(db, filters, path, options.memory);
  if (path === "memory" && memory === undefined) throw new Error("No in-memory statistics copy for this database.");
  const fromMemory = plan === null && memory !== undefined ? await memory.figures(db as Db, filters, granularity) : null;
  if (path === "memory" && fromMemory === null) throw new Error("The in-memory statistics copy cannot answer exactly.");
  const figures = plan !== null ? await rollupFigures(db as Db, filters, plan) : (fromMemory ?? (await baseFigures(db, filters, granularity)));
  return shapeStatistics(filters, granularity, figures, await labelSources(db, figures));
}
