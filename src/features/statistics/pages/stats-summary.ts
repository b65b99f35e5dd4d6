// One French sentence per chart: what a person would say looking at it. The chart's text alternative
// (with its table). Pure; a hidden public figure (« moins de 5 ») never leaks through a share.

import { type Breakdown, DIMENSIONS, type StatsResult } from "../statistics.ts";
import {
  bucketLabel,
  countOf,
  formatCount,
  formatShare,
  inSentence,
  isHidden,
  measureOf,
  measureWords,
  type Privacy,
  periodPhrase,
  wholeOf,
} from "./stats-format.ts";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function isEmptyResult(result: StatsResult): boolean {
  return result.totals.activities === 0;
}

/** « En octobre 2026, 2 431 accompagnements, surtout en aide aux démarches administratives (38 %). » */
export function headlineSentence(result: StatsResult, privacy: Privacy = "exact"): string {
  const period = capitalize(periodPhrase(result.filters.from, result.filters.to));
  if (isEmptyResult(result)) return `${period}, aucune activité.`;
  const { totals } = result;
  const main = `${period}, ${countOf(totals.accompaniments, "accompagnement", "accompagnements", privacy)} pour ${countOf(totals.activities, "activité", "activités", privacy)}`;
  const top = result.breakdowns.find((b) => b.dimension === "theme")?.rows[0];
  if (!top || isHidden(top.activities, privacy) || isHidden(totals.activities, privacy)) return `${main}.`;
  return `${main}, surtout en ${inSentence(top.label)} (${formatShare(top.activities, totals.activities)} des activités).`;
}

/** « Du 1er mai au 31 octobre 2026, 2 431 accompagnements ; le plus haut : octobre 2026, avec 312. » */
export function seriesSentence(result: StatsResult, privacy: Privacy = "exact"): string {
  const period = capitalize(periodPhrase(result.filters.from, result.filters.to));
  const total = result.totals.accompaniments;
  if (result.series.length === 0 || total === 0) return `${period}, aucun accompagnement.`;
  const peak = result.series.reduce((best, p) => (p.accompaniments > best.accompaniments ? p : best));
  const lead = `${period}, ${countOf(total, "accompagnement", "accompagnements", privacy)} en ${countOf(result.series.length, unitWord(result), unitWord(result) === "mois" ? "mois" : `${unitWord(result)}s`)}`;
  if (result.series.length === 1) return `${lead}.`;
  return `${lead} ; le plus haut : ${bucketLabel(peak.start, result.granularity)}, avec ${formatCount(peak.accompaniments, privacy)}.`;
}

function unitWord(result: StatsResult): string {
  return result.granularity === "jour" ? "jour" : result.granularity === "semaine" ? "semaine" : "mois";
}

/** « Le plus souvent : aide aux démarches administratives, 38 % des activités (924 sur 2 431). » */
export function breakdownSentence(breakdown: Breakdown, result: StatsResult, privacy: Privacy = "exact"): string {
  const definition = DIMENSIONS[breakdown.dimension];
  const measure = measureOf(breakdown.dimension);
  const words = measureWords(measure);
  const whole = wholeOf(breakdown.dimension, result.totals);
  const [top, second] = breakdown.rows;
  if (!top || whole === 0) return `${definition.label} : aucune ${words.one === "activité" ? "activité" : "donnée"} sur cette période.`;
  if (isHidden(top[measure], privacy)) return `${definition.label} : les effectifs sont trop petits pour être publiés.`;
  const share = isHidden(whole, privacy) ? "" : `, ${formatShare(top[measure], whole)} des ${words.many}`;
  const first = `${definition.label} : en tête, ${inSentence(top.label)}${share} (${countOf(top[measure], words.one, words.many, privacy)})`;
  if (!second) return `${first}.`;
  const next = isHidden(second[measure], privacy) ? "" : `, puis ${inSentence(second.label)} (${formatCount(second[measure], privacy)})`;
  return `${first}${next}.`;
}
