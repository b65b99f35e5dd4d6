// A chart of the statistics pages: its title, its one-sentence summary (the chart's accessible name,
// with the title), the SVG, and the table of the same figures (caption, th scope) with its downloads.

import { hoursText } from "../../../web/french-format.ts";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { unsafeHtml } from "../../../web/html/jsx-runtime.ts";
import type { Breakdown, StatsResult } from "../statistics.ts";
import { bucketLabel, formatCount, isHidden, MULTI_VALUED_NOTES, measureOf, type Privacy } from "./stats-format.ts";
import { breakdownSentence, seriesSentence } from "./stats-summary.ts";
import { type Bar, barChartHtml, columnChartSvg } from "./stats-svg.ts";
import { breakdownTable, type CellValue, type Column, type StatsTable, seriesTable, type TableKey } from "./stats-tables.ts";

/** How many rows a breakdown chart draws. */
export const CHART_ROWS = 10;
/** How many rows a breakdown table shows on a page that offers its CSV (which holds every row). */
export const TABLE_ROWS = 25;

export interface ChartOptions {
  privacy: Privacy;
  /** The CSV link of a table, or null where there is no export (the public page). */
  csvHref: ((key: TableKey) => string) | null;
  headingLevel?: 2 | 3;
}

const ONE_DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** A table cell as read on screen; a hidden public count hides its hours and share too. */
function cellText(value: CellValue, column: Column, rowHidden: boolean, privacy: Privacy): string {
  if (typeof value === "string") return value;
  if (column.kind === "count") return formatCount(value, privacy);
  if (rowHidden) return "–";
  if (column.kind === "hours") return hoursText(ONE_DECIMAL.format(value));
  return `${ONE_DECIMAL.format(value)} %`;
}

export function DataTable(props: { table: StatsTable; id: string; privacy: Privacy; caption?: string; maxRows?: number }): SafeHtml {
  const { table, privacy } = props;
  const rows = props.maxRows === undefined ? table.rows : table.rows.slice(0, props.maxRows);
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-legende`} tabindex="0">
      <table class="stats-table">
        <caption id={`${props.id}-legende`}>{props.caption ?? `${table.title} : tableau des chiffres`}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" class={c.kind === "label" ? undefined : "num"}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const hidden = row.some((v, i) => table.columns[i]?.kind === "count" && typeof v === "number" && isHidden(v, privacy));
            return (
              <tr>
                {row.map((value, i) => {
                  const column = table.columns[i] as Column;
                  const text = cellText(value, column, hidden, privacy);
                  return i === 0 ? <th scope="row">{text}</th> : <td class="num">{text}</td>;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Heading(props: { level: 2 | 3; id: string; children: string }): SafeHtml {
  return props.level === 2 ? <h2 id={props.id}>{props.children}</h2> : <h3 id={props.id}>{props.children}</h3>;
}

function Download(props: { href: string; title: string }): SafeHtml {
  return (
    <p class="stats-download">
      <a href={props.href} download>
        Télécharger ce tableau (CSV)<span class="visually-hidden"> : {props.title}</span>
      </a>
    </p>
  );
}

export function SeriesChart(props: { result: StatsResult; options: ChartOptions }): SafeHtml {
  const { result, options } = props;
  const id = "graphique-serie";
  const table = seriesTable(result);
  const bars: Bar[] = result.series.map((p) => ({
    label: bucketLabel(p.start, result.granularity, true),
    value: p.accompaniments,
    text: formatCount(p.accompaniments, options.privacy),
    hidden: isHidden(p.accompaniments, options.privacy),
  }));
  return (
    <section class="stats-chart" aria-labelledby={`${id}-titre`}>
      <Heading level={options.headingLevel ?? 2} id={`${id}-titre`}>{`Accompagnements ${table.title.replace(/^Évolution /, "")}`}</Heading>
      <p id={`${id}-resume`} class="stats-chart__summary">
        {seriesSentence(result, options.privacy)}
      </p>
      <div class="stats-scroll" tabindex="0" role="group" aria-labelledby={`${id}-titre`}>
        {unsafeHtml(columnChartSvg(bars, { labelledBy: `${id}-titre ${id}-resume` }))}
      </div>
      <DataTable table={table} id={id} privacy={options.privacy} caption={`${table.title} : activités, accompagnements et heures`} />
      {options.csvHref ? <Download href={options.csvHref("serie")} title={table.title} /> : null}
    </section>
  );
}

export function BreakdownChart(props: { breakdown: Breakdown; result: StatsResult; options: ChartOptions }): SafeHtml {
  const { breakdown, result, options } = props;
  const id = `graphique-${breakdown.dimension}`;
  const table = breakdownTable(breakdown, result.totals);
  const measure = measureOf(breakdown.dimension);
  const shown = breakdown.rows.slice(0, CHART_ROWS);
  const bars: Bar[] = shown.map((r) => ({
    label: r.label,
    value: r[measure],
    text: formatCount(r[measure], options.privacy),
    hidden: isHidden(r[measure], options.privacy),
  }));
  const note = MULTI_VALUED_NOTES[breakdown.dimension];
  const unit = measure === "activities" ? "activités" : "accompagnements";
  const cut = options.csvHref !== null && breakdown.rows.length > TABLE_ROWS;
  return (
    <section class="stats-chart" aria-labelledby={`${id}-titre`}>
      <Heading level={options.headingLevel ?? 2} id={`${id}-titre`}>{table.title}</Heading>
      <p id={`${id}-resume`} class="stats-chart__summary">
        {breakdownSentence(breakdown, result, options.privacy)}
      </p>
      {note ? <p class="stats-chart__note">{note}</p> : null}
      {breakdown.rows.length === 0 ? null : (
        <>
          {breakdown.rows.length > CHART_ROWS ? (
            <p class="meta">
              Le graphique montre les {CHART_ROWS} premières valeurs ({unit}) sur {breakdown.rows.length}
              {cut ? ` ; le tableau en montre ${TABLE_ROWS}, le fichier CSV les donne toutes.` : " ; le tableau les donne toutes."}
            </p>
          ) : null}
          {unsafeHtml(barChartHtml(bars, { labelledBy: `${id}-titre ${id}-resume` }))}
          <DataTable
            table={table}
            id={id}
            privacy={options.privacy}
            caption={`${table.title} : ${unit} par valeur, accompagnements et heures${cut ? ` (les ${TABLE_ROWS} premières valeurs)` : ""}`}
            maxRows={cut ? TABLE_ROWS : undefined}
          />
          {options.csvHref ? <Download href={options.csvHref(breakdown.dimension)} title={table.title} /> : null}
        </>
      )}
    </section>
  );
}
