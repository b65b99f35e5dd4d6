// The dashboard (/statistiques): the filters, the key figures in large type, the series and every
// breakdown as a chart with its sentence and its table, and the downloads. Pure function of its model.
import { ErrorSummary, type FieldErrors, Notice } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { StatsResult } from "../statistics.ts";
import { BreakdownChart, type ChartOptions, SeriesChart } from "./stats-charts.views.tsx";
import { KeyFigures } from "./stats-figures.views.tsx";
import { type FilterChoices, StatsFiltersForm, type StatsInput } from "./stats-filters.views.tsx";
import { headlineSentence, isEmptyResult } from "./stats-summary.ts";
import type { TableKey } from "./stats-tables.ts";

export interface DashboardModel {
  /** « Mes statistiques », « Statistiques : Association Clic et Lien », « Statistiques du département ». */
  title: string;
  /** Whose activities are counted, in one sentence. */
  scopeSentence: string;
  input: StatsInput;
  errors: FieldErrors;
  choices: FilterChoices;
  /** Null when the filters have errors: nothing is counted. */
  result: StatsResult | null;
  /** The query string of the filters in use (« ?du=…&au=… »), for the download and report links. */
  query: string;
  /** The month of the monthly report that matches the period (YYYY-MM). */
  reportMonth: string;
  /** Sections other features add for the same period (the communes' requests), after the activity figures. */
  sections?: SafeHtml[];
}

const withParam = (query: string, name: string, value: string) => `${query === "" ? "?" : `${query}&`}${name}=${encodeURIComponent(value)}`;

export function DashboardPage(props: { ctx: PageContext; model: DashboardModel }): SafeHtml {
  const { model } = props;
  const { result } = model;
  const options: ChartOptions = {
    privacy: "exact",
    csvHref: (key: TableKey) => `/statistiques/export.csv${withParam(model.query, "tableau", key)}`,
  };
  return (
    <Layout ctx={props.ctx} title={model.title} scripts={["/static/commune-search.js"]}>
      <h1>{model.title}</h1>
      <p class="lead">{model.scopeSentence}</p>
      <ErrorSummary errors={model.errors} />
      {result && !isEmptyResult(result) ? <p class="stats-headline">{headlineSentence(result)}</p> : null}
      <StatsFiltersForm action="/statistiques" input={model.input} errors={model.errors} choices={model.choices} />
      {result === null ? (
        <Notice kind="warning" title="Chiffres non calculés">
          <p>Corrigez les filtres signalés pour afficher les chiffres.</p>
        </Notice>
      ) : isEmptyResult(result) ? (
        <Notice title="Aucune activité sur cette période">
          <p>Aucun compte rendu d'activité ne correspond à ces filtres. Élargissez la période ou retirez des filtres.</p>
        </Notice>
      ) : (
        <>
          <h2 id="chiffres-cles">Chiffres clés</h2>
          <KeyFigures totals={result.totals} privacy="exact" />
          <ul class="stats-downloads">
            <li>
              <a href={options.csvHref?.("totaux")} download>
                Télécharger les chiffres clés (CSV)
              </a>
            </li>
            <li>
              <a href={`/statistiques/export.xlsx${model.query}`} download>
                Télécharger tous les tableaux (XLSX, un onglet par tableau)
              </a>
            </li>
            <li>
              <a href={`/statistiques/rapport${withParam(model.query, "mois", model.reportMonth)}`}>Rapport mensuel imprimable</a>
            </li>
          </ul>
          <SeriesChart result={result} options={options} />
          {result.breakdowns.map((breakdown) => (
            <BreakdownChart breakdown={breakdown} result={result} options={options} />
          ))}
        </>
      )}
      {model.sections ?? null}
    </Layout>
  );
}
