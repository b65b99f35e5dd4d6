// Pure: turns the grouped counts of the statistics queries into the StatsResult of the contract —
// totals, a series with every bucket, and breakdowns with French labels, sorted.
import {
  ACTIVITY_TYPES,
  AGE_BANDS,
  AUTONOMY_LEVELS,
  EQUIPMENT,
  GENDERS,
  ORIENTATION_ANSWERS,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  SOCIAL_STATUSES,
  type TaxonomyOption,
  THEMES,
} from "../activities/taxonomy.ts";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../organisation/organisation.ts";
import { type Breakdown, type BreakdownRow, DIMENSIONS, type Dimension, type Granularity, type StatsFilters, type StatsResult, type StatsTotals } from "./statistics.ts";
import { DURATION_BANDS, NOT_COMMUNICATED } from "./stats-figures.ts";
import { bucketStarts } from "./stats-query.ts";

const NC = NOT_COMMUNICATED.code;
/** The place row of activities held elsewhere than at one of the network's places. */
export const NO_PLACE = { code: "hors-lieu", label: "Hors des lieux d'activité (domicile, à distance, autre lieu)" } as const;

/** One grouped count: `code` null when the value is unknown. */
export interface RawCell {
  code: string | null;
  activities: number;
  accompaniments: number;
  minutes: number;
}

/** A per-dimension count as the queries return it. */
export interface DimRow {
  dim: string;
  code: string | null;
  activities: number;
  acc: number;
  minutes: number;
}

/** The whole-period figures of the counted reports. */
export interface MainTotals {
  activities: number;
  acc: number;
  minutes: number;
  /** Individual activities. */
  ind: number;
  /** Accompaniments of collective activities. */
  coll_acc: number;
  /** Individual activities without an identified person. */
  ind_anon: number;
  /** Anonymous participants of collective activities. */
  coll_anon: number;
}

export interface RawFigures {
  main: MainTotals | null;
  /** Single-valued dimensions; per-person ones hold individual activities only. */
  cells: Partial<Record<Dimension, RawCell[]>>;
  series: RawCell[];
  /** Themes, procedure areas, equipment. */
  multi: DimRow[];
  /** Per-person dimensions of collective activities. */
  collective: DimRow[];
  people: { people: number; newPeople: number };
}

export interface LabelSources {
  places: Map<string, string>;
  advisors: Map<string, string>;
  /** Structure id → kind. */
  structureKinds: Map<string, string>;
  communes: Map<string, string>;
}

const TABLES: Partial<Record<Dimension, readonly TaxonomyOption[] | readonly { code: string; label: string }[]>> = {
  type: ACTIVITY_TYPES,
  theme: THEMES,
  procedureArea: PROCEDURE_AREAS,
  durationBand: DURATION_BANDS,
  placeType: PLACE_TYPES,
  equipment: EQUIPMENT,
  autonomy: [...AUTONOMY_LEVELS, NOT_COMMUNICATED],
  orientation: [...ORIENTATION_ANSWERS, NOT_COMMUNICATED],
  ageBand: AGE_BANDS,
  gender: GENDERS,
  socialStatus: SOCIAL_STATUSES,
  employerKind: EMPLOYER_KINDS.map((kind) => ({ code: kind, label: STRUCTURE_KINDS[kind] })),
};

/** `localeCompare(…, "fr")` with one collator for every comparison (thousands of place and advisor rows). */
const FRENCH = new Intl.Collator("fr");

const PER_PERSON: Dimension[] = ["ageBand", "gender", "socialStatus", "residenceCommune"];

function add(into: Map<string, RawCell>, code: string, cell: { activities: number; accompaniments: number; minutes: number }): void {
  const row = into.get(code) ?? { code, activities: 0, accompaniments: 0, minutes: 0 };
  row.activities += cell.activities;
  row.accompaniments += cell.accompaniments;
  row.minutes += cell.minutes;
  into.set(code, row);
}

function codeOf(dimension: Dimension, code: string | null, labels: LabelSources): string {
  if (dimension === "place") return code ?? NO_PLACE.code;
  if (code === null) return NC;
  if (dimension === "orientation") return code === "true" ? "oui" : code === "false" ? "non" : NC;
  if (dimension === "employerKind") return labels.structureKinds.get(code) ?? NC;
  return code;
}

function labelOf(dimension: Dimension, code: string, labels: LabelSources): string {
  if (code === NC) return NOT_COMMUNICATED.label;
  const table = TABLES[dimension];
  if (table !== undefined) return table.find((o) => o.code === code)?.label ?? code;
  if (dimension === "place") return code === NO_PLACE.code ? NO_PLACE.label : (labels.places.get(code) ?? "Lieu supprimé");
  if (dimension === "advisor") return labels.advisors.get(code) ?? "Conseiller inconnu";
  if (dimension === "residenceCommune") return labels.communes.get(code) ?? `Commune ${code}`;
  return code;
}

function breakdown(dimension: Dimension, cells: RawCell[], labels: LabelSources): Breakdown {
  const merged = new Map<string, RawCell>();
  for (const option of TABLES[dimension] ?? []) add(merged, option.code, { activities: 0, accompaniments: 0, minutes: 0 });
  for (const cell of cells) add(merged, codeOf(dimension, cell.code, labels), cell);
  const rows: BreakdownRow[] = [...merged.values()].map((c) => ({ ...c, code: c.code ?? NC, label: labelOf(dimension, c.code ?? NC, labels) }));
  const perPerson = DIMENSIONS[dimension].unit === "accompaniment";
  rows.sort(
    (a, b) =>
      (perPerson ? b.accompaniments - a.accompaniments : b.activities - a.activities) ||
      (perPerson ? b.activities - a.activities : b.accompaniments - a.accompaniments) ||
      FRENCH.compare(a.label, b.label),
  );
  return { dimension, rows };
}

function fromDimRows(rows: DimRow[], dimension: Dimension): RawCell[] {
  return rows.filter((r) => r.dim === dimension).map((r) => ({ code: r.code, activities: r.activities, accompaniments: r.acc, minutes: r.minutes }));
}

export function totalsOf(figures: RawFigures): StatsTotals {
  const m = figures.main ?? { activities: 0, acc: 0, minutes: 0, ind: 0, coll_acc: 0, ind_anon: 0, coll_anon: 0 };
  const anonymousPeople = m.ind_anon + m.coll_anon;
  return {
    activities: m.activities,
    individualActivities: m.ind,
    collectiveActivities: m.activities - m.ind,
    accompaniments: m.acc,
    people: figures.people.people + anonymousPeople,
    newPeople: figures.people.newPeople,
    followedPeople: figures.people.people - figures.people.newPeople,
    anonymousPeople,
    workshopParticipants: m.coll_acc,
    minutes: m.minutes,
  };
}

export function shapeStatistics(filters: StatsFilters, granularity: Granularity, figures: RawFigures, labels: LabelSources): StatsResult {
  const byStart = new Map(figures.series.map((c) => [c.code, c]));
  const series = bucketStarts(filters.from, filters.to, granularity).map((start) => {
    const cell = byStart.get(start);
    return { start, activities: cell?.activities ?? 0, accompaniments: cell?.accompaniments ?? 0, minutes: cell?.minutes ?? 0 };
  });
  const breakdowns = (Object.keys(DIMENSIONS) as Dimension[]).map((dimension) => {
    if (DIMENSIONS[dimension].multiValued) return breakdown(dimension, fromDimRows(figures.multi, dimension), labels);
    const own = figures.cells[dimension] ?? [];
    const cells = PER_PERSON.includes(dimension) ? [...own, ...fromDimRows(figures.collective, dimension)] : own;
    return breakdown(dimension, cells, labels);
  });
  return { filters, totals: totalsOf(figures), granularity, series, breakdowns };
}
