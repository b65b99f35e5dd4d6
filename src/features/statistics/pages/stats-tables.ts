// Every table of the statistics (key figures, the series, each breakdown) as plain rows and typed
// columns. One source for the HTML tables, the CSV and the XLSX, so they always hold the same figures.

import { type Breakdown, DIMENSIONS, type Dimension, type StatsResult, type StatsTotals } from "../statistics.ts";
import { bucketLabel, HIDDEN, measureOf } from "./stats-format.ts";

export type ColumnKind = "label" | "count" | "hours" | "share";

export interface Column {
  header: string;
  kind: ColumnKind;
}

export type CellValue = string | number;

export interface StatsTable {
  /** `totaux`, `serie` or a dimension: the `tableau` parameter of the CSV export. */
  key: TableKey;
  title: string;
  columns: Column[];
  rows: CellValue[][];
}

export type TableKey = "totaux" | "serie" | Dimension;

export function isTableKey(value: string): value is TableKey {
  return value === "totaux" || value === "serie" || Object.hasOwn(DIMENSIONS, value);
}

/** Hours with one decimal, as a number (spreadsheets compute with it); a hidden figure stays hidden. */
export const hoursOf = (minutes: number) => (minutes === HIDDEN ? HIDDEN : Math.round(minutes / 6) / 10);

/** A share in percent with one decimal; 0 when the whole is zero or either figure is hidden. */
export const percentOf = (part: number, whole: number) => (whole > 0 && part >= 0 ? Math.round((part / whole) * 1000) / 10 : 0);

const TOTALS: { key: keyof StatsTotals; label: string }[] = [
  { key: "activities", label: "Activités" },
  { key: "individualActivities", label: "dont accompagnements individuels" },
  { key: "collectiveActivities", label: "dont ateliers collectifs" },
  { key: "accompaniments", label: "Accompagnements" },
  { key: "people", label: "Personnes accompagnées" },
  { key: "newPeople", label: "dont nouvelles personnes" },
  { key: "followedPeople", label: "dont personnes déjà accompagnées avant" },
  { key: "anonymousPeople", label: "dont accompagnements anonymes" },
  { key: "workshopParticipants", label: "Participations aux ateliers" },
];

export function totalsTable(totals: StatsTotals): StatsTable {
  return {
    key: "totaux",
    title: "Chiffres clés",
    columns: [
      { header: "Indicateur", kind: "label" },
      { header: "Valeur", kind: "count" },
    ],
    rows: [...TOTALS.map((t): CellValue[] => [t.label, totals[t.key]]), ["Heures d'accompagnement", hoursOf(totals.minutes)]],
  };
}

export function seriesTable(result: StatsResult): StatsTable {
  return {
    key: "serie",
    title: `Évolution ${result.granularity === "jour" ? "par jour" : result.granularity === "semaine" ? "par semaine" : "par mois"}`,
    columns: [
      { header: "Période", kind: "label" },
      { header: "Activités", kind: "count" },
      { header: "Accompagnements", kind: "count" },
      { header: "Heures", kind: "hours" },
    ],
    rows: result.series.map((p) => [bucketLabel(p.start, result.granularity), p.activities, p.accompaniments, hoursOf(p.minutes)]),
  };
}

export function breakdownTable(breakdown: Breakdown, totals: StatsTotals): StatsTable {
  const measure = measureOf(breakdown.dimension);
  const whole = measure === "activities" ? totals.activities : totals.accompaniments;
  return {
    key: breakdown.dimension,
    title: DIMENSIONS[breakdown.dimension].label,
    columns: [
      { header: DIMENSIONS[breakdown.dimension].label, kind: "label" },
      { header: "Activités", kind: "count" },
      { header: "Accompagnements", kind: "count" },
      { header: "Heures", kind: "hours" },
      { header: measure === "activities" ? "Part des activités (%)" : "Part des accompagnements (%)", kind: "share" },
    ],
    rows: breakdown.rows.map((r) => [r.label, r.activities, r.accompaniments, hoursOf(r.minutes), percentOf(r[measure], whole)]),
  };
}

/** Every table of a result, in the order of the page. */
export function allTables(result: StatsResult): StatsTable[] {
  return [totalsTable(result.totals), seriesTable(result), ...result.breakdowns.map((b) => breakdownTable(b, result.totals))];
}
