// SQL fragments of the statistics filters, shared by every statistics query: the reports in scope and
// period, and — under profile filters — how many accompaniments of each report match.
import { type RawBuilder, sql } from "kysely";
import type { Granularity, StatsFilters } from "./statistics.ts";
import { DURATION_BANDS, NOT_COMMUNICATED } from "./stats-figures.ts";

type Fragment = RawBuilder<unknown>;
const NC = NOT_COMMUNICATED.code;

/** Conditions on `r` (activity_reports): not deleted, in the period (inclusive Paris days), in scope, and `extra`. */
export function reportConditions(f: StatsFilters, extra?: Fragment): Fragment {
  const c: Fragment[] = [sql`r.deleted_at is null`, sql`r.date >= ${f.from}::date`, sql`r.date <= ${f.to}::date`];
  if (extra !== undefined) c.push(extra);
  if (f.advisorId !== null) c.push(sql`r.advisor_id = ${f.advisorId}::uuid`);
  if (f.structureId !== null) c.push(sql`r.structure_id = ${f.structureId}::uuid`);
  if (f.communeCode !== null) c.push(sql`r.commune_code = ${f.communeCode}`);
  if (f.epciCode !== null) c.push(sql`r.commune_code in (select code from communes where epci_code = ${f.epciCode})`);
  if (f.employerKind !== null) c.push(sql`r.structure_id in (select id from structures where kind = ${f.employerKind})`);
  if (f.type !== null) c.push(sql`r.type = ${f.type}`);
  if (f.theme !== null) c.push(sql`r.themes @> array[${f.theme}]::text[]`);
  if (f.procedureArea !== null) c.push(sql`r.procedure_areas @> array[${f.procedureArea}]::text[]`);
  if (f.placeType !== null) c.push(sql`r.place_type = ${f.placeType}`);
  if (f.placeId !== null) c.push(sql`r.place_id = ${f.placeId}::uuid`);
  // Implied by the residence filter (only these reports can have a matching accompaniment: anonymous
  // participants have no commune), stated so that the indexes read them instead of scanning the period.
  // An array computed once (not `in (subquery)`): without statistics (PGlite never analyzes) the planner
  // re-ran the subquery for every report of the period.
  if (f.residenceCommuneCode !== null) {
    c.push(sql`r.id = any(array(select i.id from activity_reports i where i.beneficiary_commune_code = ${f.residenceCommuneCode} and i.deleted_at is null
      union all select p.report_id from activity_participants p where p.commune_code = ${f.residenceCommuneCode}))`);
  }
  return sql.join(c, sql` and `);
}

export function hasProfileFilter(f: StatsFilters): boolean {
  return f.gender !== null || f.ageBand !== null || f.socialStatus !== null || f.residenceCommuneCode !== null;
}

/** Profile conditions on a person's snapshot columns (of an individual report, or of a participant). */
export function personMatch(f: StatsFilters, columns: { gender: string; ageBand: string; socialStatus: string; commune: string }): Fragment {
  const c: Fragment[] = [sql`true`];
  if (f.gender !== null) c.push(sql`${sql.ref(columns.gender)} = ${f.gender}`);
  if (f.ageBand !== null) c.push(sql`${sql.ref(columns.ageBand)} = ${f.ageBand}`);
  if (f.socialStatus !== null) c.push(sql`${sql.ref(columns.socialStatus)} = ${f.socialStatus}`);
  if (f.residenceCommuneCode !== null) c.push(sql`${sql.ref(columns.commune)} = ${f.residenceCommuneCode}`);
  return sql.join(c, sql` and `);
}

export const REPORT_PERSON = { gender: "r.beneficiary_gender", ageBand: "r.beneficiary_age_band", socialStatus: "r.beneficiary_social_status", commune: "r.beneficiary_commune_code" };
export const PARTICIPANT = { gender: "p.gender", ageBand: "p.age_band", socialStatus: "p.social_status", commune: "p.commune_code" };

/** The jsonb key of the anonymous breakdown of each profile dimension. */
export const ANONYMOUS_KEYS = { gender: "genders", ageBand: "ageBands", socialStatus: "socialStatuses" } as const;

/**
 * The one profile filter anonymous participants can answer, or null. Their counts are stored one
 * dimension at a time (not crossed) and without a commune: under two profile filters, or a residence
 * filter, none of them can be said to match, so they count 0.
 */
export function anonymousFilter(f: StatsFilters): { dimension: keyof typeof ANONYMOUS_KEYS; code: string } | "all" | "none" {
  if (f.residenceCommuneCode !== null) return "none";
  const given = (["gender", "ageBand", "socialStatus"] as const).filter((d) => f[d] !== null);
  if (given.length === 0) return "all";
  if (given.length > 1) return "none";
  const dimension = given[0] as keyof typeof ANONYMOUS_KEYS;
  return { dimension, code: f[dimension] as string };
}

/** How many anonymous participants of `r` have `code` in the given breakdown (the rest is « non communiqué »). */
export function anonymousCount(key: string, code: string): Fragment {
  if (code !== NC) return sql`coalesce((r.anonymous_participants -> ${key}::text ->> ${code}::text)::int, 0)`;
  return sql`(r.anonymous_total - coalesce((select sum(e.value::int) from jsonb_each_text(r.anonymous_participants -> ${key}::text) e where e.key <> ${NC}), 0))`;
}

/** Matching anonymous participants of collective report `r`. */
function anonymousMatched(f: StatsFilters): Fragment {
  const which = anonymousFilter(f);
  if (which === "all") return sql`r.anonymous_total`;
  if (which === "none") return sql`0`;
  return anonymousCount(ANONYMOUS_KEYS[which.dimension], which.code);
}

/** Matching accompaniments of report `r`: all of them without profile filters. */
function accompanimentsMatched(f: StatsFilters): Fragment {
  if (!hasProfileFilter(f)) return sql`r.participants_total`;
  return sql`case when r.type = 'individuel' then (case when ${personMatch(f, REPORT_PERSON)} then 1 else 0 end)
    else (select count(*) from activity_participants p where p.report_id = r.id and ${personMatch(f, PARTICIPANT)})::int + ${anonymousMatched(f)} end`;
}

function durationBand(): Fragment {
  const finite = DURATION_BANDS.filter((b) => Number.isFinite(b.max));
  const last = DURATION_BANDS[DURATION_BANDS.length - 1]!.code;
  return sql`case ${sql.join(
    finite.map((b) => sql`when r.duration_minutes <= ${sql.lit(b.max)} then ${sql.lit(b.code)}`),
    sql` `,
  )} else ${sql.lit(last)} end`;
}

const TRUNC_UNIT: Record<Granularity, string> = { jour: "day", semaine: "week", mois: "month" };

/**
 * The reports counted, one row each, with `acc` (matching accompaniments), `anon` (matching anonymous
 * ones), `band` (duration band) and `bucket` (first day of its series bucket). A report with no
 * matching accompaniment is not counted.
 */
export function countedReports(f: StatsFilters, granularity: Granularity, extra?: Fragment): Fragment {
  const inner = sql`select r.id, r.type, r.date, r.duration_minutes, r.place_type, r.place_id, r.autonomy, r.oriented,
      r.structure_id, r.advisor_id, r.beneficiary_id, r.beneficiary_gender, r.beneficiary_age_band, r.beneficiary_social_status,
      r.beneficiary_commune_code, r.themes, r.procedure_areas, r.equipment, r.anonymous_participants, r.anonymous_total,
      ${accompanimentsMatched(f)} as acc,
      case when r.type = 'collectif' then ${anonymousMatched(f)} else 0 end as anon,
      ${durationBand()} as band,
      to_char(date_trunc(${sql.lit(TRUNC_UNIT[granularity])}, r.date::timestamp), 'YYYY-MM-DD') as bucket
    from activity_reports r where ${reportConditions(f, extra)}`;
  // `offset 0` keeps the subquery whole: `acc` (a count per workshop) is computed once per report, not
  // again in the filter and in each row an outer query multiplies (themes unnested), which also kept the
  // planner's cost estimate high enough to turn on JIT compilation (~1.4 s for a one-commune filter).
  return hasProfileFilter(f) ? sql`(select * from (${inner} offset 0) m where m.acc > 0)` : sql`(${inner})`;
}
