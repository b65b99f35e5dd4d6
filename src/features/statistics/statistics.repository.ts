// The statistics of the network, computed from the reports: the only statistics code that queries.
// Four independent queries run concurrently (one scan each): single-valued activity dimensions with
// totals and series (GROUPING SETS), multi-valued ones (unnest), people profiles of collective
// activities (known participants + anonymous counts), and distinct people. Labels are looked up after.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import type { Dimension, Granularity, StatsFilters, StatsResult } from "./statistics.ts";
import {
  ANONYMOUS_KEYS,
  anonymousFilter,
  countedReports,
  hasProfileFilter,
  PARTICIPANT,
  personMatch,
} from "./statistics-filters.repository.ts";
import { type DimRow, type LabelSources, type MainTotals, type RawCell, type RawFigures, shapeStatistics } from "./statistics-shape.ts";
import { NOT_COMMUNICATED } from "./stats-figures.ts";

const NC = NOT_COMMUNICATED.code;

/** The grouped columns of the main query, in GROUPING() bit order, and the dimension each feeds. */
const GROUPED = [
  ["type", "type"],
  ["band", "durationBand"],
  ["place_type", "placeType"],
  ["place_id", "place"],
  ["autonomy", "autonomy"],
  ["oriented", "orientation"],
  ["structure_id", "employerKind"],
  ["advisor_id", "advisor"],
  ["bucket", "series"],
  ["beneficiary_gender", "gender"],
  ["beneficiary_age_band", "ageBand"],
  ["beneficiary_social_status", "socialStatus"],
  ["beneficiary_commune_code", "residenceCommune"],
] as const;
type GroupedTarget = (typeof GROUPED)[number][1];

interface MainRow extends MainTotals {
  g: number;
  key: string | null;
  ind_minutes: number;
}

async function mainFigures(db: DbOrTx, f: StatsFilters, granularity: Granularity): Promise<MainRow[]> {
  const columns = GROUPED.map(([c]) => sql.ref(`x.${c}`));
  const key = sql.join(
    GROUPED.map(([c]) => sql`(${sql.ref(`x.${c}`)})::text`),
    sql`, `,
  );
  const sets = sql.join(
    [sql`()`, ...columns.map((c) => sql`(${c})`)],
    sql`, `,
  );
  const result = await sql<MainRow>`
    select grouping(${sql.join(columns, sql`, `)})::int as g, coalesce(${key}) as key,
      count(*)::int as activities, coalesce(sum(x.acc), 0)::int as acc, coalesce(sum(x.duration_minutes), 0)::float8 as minutes,
      (count(*) filter (where x.type = 'individuel'))::int as ind,
      coalesce(sum(x.duration_minutes) filter (where x.type = 'individuel'), 0)::float8 as ind_minutes,
      coalesce(sum(x.acc) filter (where x.type = 'collectif'), 0)::int as coll_acc,
      (count(*) filter (where x.type = 'individuel' and x.beneficiary_id is null))::int as ind_anon,
      coalesce(sum(x.anon) filter (where x.type = 'collectif'), 0)::int as coll_anon
    from ${countedReports(f, granularity)} x
    group by grouping sets (${sets})`.execute(db);
  return result.rows;
}

async function multiValued(db: DbOrTx, f: StatsFilters, granularity: Granularity): Promise<DimRow[]> {
  const result = await sql<DimRow>`
    select d.dim, d.code, count(*)::int as activities, sum(x.acc)::int as acc, sum(x.duration_minutes)::float8 as minutes
    from ${countedReports(f, granularity)} x
    cross join lateral (
      select 'theme' as dim, t as code from unnest(x.themes) t
      union all select 'procedureArea', t from unnest(x.procedure_areas) t
      union all select 'equipment', t from unnest(x.equipment) t
    ) d
    group by d.dim, d.code`.execute(db);
  return result.rows;
}

/** Anonymous participants of collective report `c` per profile dimension (the remainder is « non communiqué »). */
function anonymousRows(f: StatsFilters) {
  const which = anonymousFilter(f);
  if (which === "none") return sql`select null::uuid as id, null::int as duration_minutes, null::text as dim, null::text as code, 0 as n where false`;
  if (which !== "all") {
    const rows = (Object.keys(ANONYMOUS_KEYS) as (keyof typeof ANONYMOUS_KEYS)[]).map((d) =>
      d === which.dimension ? sql`(${d}, ${which.code}::text)` : sql`(${d}, ${NC}::text)`,
    );
    return sql`select c.id, c.duration_minutes, v.dim, v.code, c.anon as n from c
      cross join lateral (values ${sql.join(rows, sql`, `)}, ('residenceCommune', null::text)) v(dim, code) where c.anon > 0`;
  }
  const parts = Object.entries(ANONYMOUS_KEYS).map(
    ([dim, key]) => sql`select ${dim}::text as dim, e.key as code, e.value::int as n from jsonb_each_text(c.anonymous_participants -> ${key}::text) e where e.key <> ${NC}
      union all select ${dim}::text, ${NC}::text, c.anonymous_total - coalesce((select sum(e.value::int) from jsonb_each_text(c.anonymous_participants -> ${key}::text) e where e.key <> ${NC}), 0)`,
  );
  return sql`select c.id, c.duration_minutes, a.dim, a.code, a.n from c cross join lateral (
      ${sql.join(parts, sql` union all `)} union all select 'residenceCommune', null::text, c.anonymous_total) a
    where c.anonymous_total > 0`;
}

/** Per-person dimensions of collective activities: an activity counts once per value its participants have. */
async function collectiveProfiles(db: DbOrTx, f: StatsFilters, granularity: Granularity): Promise<DimRow[]> {
  const result = await sql<DimRow>`
    with c as materialized (select x.id, x.duration_minutes, x.anonymous_participants, x.anonymous_total, x.anon
      from ${countedReports(f, granularity)} x where x.type = 'collectif')
    select w.dim, w.code, count(*)::int as activities, sum(w.n)::int as acc, sum(w.duration_minutes)::float8 as minutes
    from (
      select u.id, u.dim, u.code, sum(u.n) as n, min(u.duration_minutes) as duration_minutes
      from (
        select c.id, c.duration_minutes, v.dim, v.code, 1 as n from c
        join activity_participants p on p.report_id = c.id and ${personMatch(f, PARTICIPANT)}
        cross join lateral (values ('gender', p.gender), ('ageBand', p.age_band), ('socialStatus', p.social_status), ('residenceCommune', p.commune_code)) v(dim, code)
        union all ${anonymousRows(f)}
      ) u group by u.id, u.dim, u.code
    ) w where w.n > 0
    group by w.dim, w.code`.execute(db);
  return result.rows;
}

/** Identified people accompanied in the period, and those of them never accompanied before it. */
async function identifiedPeople(db: DbOrTx, f: StatsFilters): Promise<{ people: number; newPeople: number }> {
  const participants = hasProfileFilter(f) ? personMatch(f, PARTICIPANT) : sql`true`;
  const result = await sql<{ people: number; new_people: number }>`
    with x as materialized (select r.id, r.type, r.beneficiary_id from ${countedReports(f, "jour")} r),
    ids as (
      select x.beneficiary_id as id from x where x.type = 'individuel' and x.beneficiary_id is not null
      union select p.beneficiary_id from x join activity_participants p on p.report_id = x.id and ${participants} where x.type = 'collectif'
    ),
    earlier as (
      select r.beneficiary_id as id from activity_reports r where r.deleted_at is null and r.date < ${f.from}::date and r.beneficiary_id is not null
      union select p.beneficiary_id from activity_participants p join activity_reports r on r.id = p.report_id where r.deleted_at is null and r.date < ${f.from}::date
    )
    select count(*)::int as people, (count(*) filter (where earlier.id is null))::int as new_people
    from ids left join earlier on earlier.id = ids.id`.execute(db);
  const row = result.rows[0];
  return { people: row?.people ?? 0, newPeople: row?.new_people ?? 0 };
}

function cellsOf(rows: MainRow[]): Pick<RawFigures, "cells" | "series" | "main"> {
  const n = GROUPED.length;
  const cells: Partial<Record<GroupedTarget, MainRow[]>> = {};
  let main: MainRow | undefined;
  for (const row of rows) {
    const index = GROUPED.findIndex((_, i) => ((row.g >> (n - 1 - i)) & 1) === 0);
    if (index === -1) {
      main = row;
      continue;
    }
    const target = GROUPED[index]![1];
    cells[target] = [...(cells[target] ?? []), row];
  }
  const individualOnly = (target: GroupedTarget): RawCell[] =>
    (cells[target] ?? []).filter((r) => r.ind > 0).map((r) => ({ code: r.key, activities: r.ind, accompaniments: r.ind, minutes: r.ind_minutes }));
  const all = (target: GroupedTarget): RawCell[] => (cells[target] ?? []).map((r) => ({ code: r.key, activities: r.activities, accompaniments: r.acc, minutes: r.minutes }));
  const byDimension: Partial<Record<Dimension, RawCell[]>> = {
    type: all("type"),
    durationBand: all("durationBand"),
    placeType: all("placeType"),
    place: all("place"),
    autonomy: individualOnly("autonomy"),
    orientation: individualOnly("orientation"),
    employerKind: all("employerKind"),
    advisor: all("advisor"),
    gender: individualOnly("gender"),
    ageBand: individualOnly("ageBand"),
    socialStatus: individualOnly("socialStatus"),
    residenceCommune: individualOnly("residenceCommune"),
  };
  return { cells: byDimension, series: all("series"), main: main ?? null };
}

async function labelSources(db: DbOrTx, figures: RawFigures): Promise<LabelSources> {
  const collective = (d: Dimension) => figures.collective.filter((r) => r.dim === d);
  const ids = (d: Dimension) => [...new Set([...(figures.cells[d] ?? []), ...collective(d)].flatMap((c) => (c.code !== null && c.code !== NC ? [c.code] : [])))];
  const none = ["00000000-0000-0000-0000-000000000000"];
  const [places, advisors, structures, communes] = await Promise.all([
    db.selectFrom("places").select(["id", "name"]).where("id", "in", ids("place").length > 0 ? ids("place") : none).execute(),
    db.selectFrom("advisors").select(["id", "first_name", "last_name"]).where("id", "in", ids("advisor").length > 0 ? ids("advisor") : none).execute(),
    db.selectFrom("structures").select(["id", "kind"]).where("id", "in", ids("employerKind").length > 0 ? ids("employerKind") : none).execute(),
    db.selectFrom("communes").select(["code", "name"]).where("code", "in", ids("residenceCommune").length > 0 ? ids("residenceCommune") : ["-"]).execute(),
  ]);
  return {
    places: new Map(places.map((p) => [p.id, p.name])),
    advisors: new Map(advisors.map((a) => [a.id, `${a.first_name} ${a.last_name}`])),
    structureKinds: new Map(structures.map((s) => [s.id, s.kind])),
    communes: new Map(communes.map((c) => [c.code, c.name])),
  };
}

export async function computeStatistics(db: DbOrTx, filters: StatsFilters, granularity: Granularity): Promise<StatsResult> {
  const [main, multi, collective, people] = await Promise.all([
    mainFigures(db, filters, granularity),
    multiValued(db, filters, granularity),
    collectiveProfiles(db, filters, granularity),
    identifiedPeople(db, filters),
  ]);
  const figures: RawFigures = { ...cellsOf(main), multi, collective, people };
  return shapeStatistics(filters, granularity, figures, await labelSources(db, figures));
}

