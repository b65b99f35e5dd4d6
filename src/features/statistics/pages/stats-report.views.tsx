// The printable monthly report (/statistiques/rapport?mois=YYYY-MM): title, scope, month, key figures
// compared with the previous month, the main breakdowns with their tables. Print styles hide the site's
// navigation and the form; printing needs no script (the browser's own command).
import { Button, ErrorSummary, type FieldErrors, Notice, TextField } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { Dimension, StatsResult } from "../statistics.ts";
import { BreakdownChart, type ChartOptions } from "./stats-charts.views.tsx";
import { KeyFigures } from "./stats-figures.views.tsx";
import { formatDay, formatMonth } from "./stats-format.ts";
import { headlineSentence, isEmptyResult } from "./stats-summary.ts";

/** The breakdowns a report shows, in this order (the dashboard shows them all). */
export const REPORT_DIMENSIONS: Dimension[] = ["type", "theme", "procedureArea", "placeType", "durationBand", "ageBand", "gender", "socialStatus", "residenceCommune", "advisor"];

export interface ReportModel {
  scopeTitle: string;
  /** The month as typed (kept on errors). */
  monthInput: string;
  errors: FieldErrors;
  /** Null when the month is not valid. */
  report: { month: string; current: StatsResult; previous: StatsResult; previousMonth: string; nextMonth: string | null; generatedOn: string } | null;
  /** Scope filters of the page's own URL, kept by the month form and the links (« &structure=… »). */
  scopeQuery: string;
}

const monthStart = (month: string) => `${month}-01`;

export function ReportPage(props: { ctx: PageContext; model: ReportModel }): SafeHtml {
  const { model } = props;
  const r = model.report;
  const title = r ? `Rapport d'activité : ${formatMonth(monthStart(r.month))}` : "Rapport mensuel d'activité";
  const options: ChartOptions = { privacy: "exact", csvHref: null, headingLevel: 2 };
  const link = (month: string) => `/statistiques/rapport?mois=${month}${model.scopeQuery}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <article class="stats-report">
        <p class="stats-report__kicker">{model.scopeTitle}</p>
        <h1>{title}</h1>
        <ErrorSummary errors={model.errors} />
        <div class="screen-only stats-report__tools">
          <p>Pour imprimer ce rapport ou l'enregistrer en PDF, utilisez la commande « Imprimer » de votre navigateur (Ctrl + P, ou ⌘ + P sur Mac).</p>
          <form method="get" action="/statistiques/rapport" class="stats-inline-form">
            {hiddenFields(model.scopeQuery)}
            <TextField name="mois" label="Mois du rapport" value={model.monthInput} error={model.errors.mois} hint="Année et mois, par exemple 2026-10." width="short" />
            <Button variant="secondary">Afficher ce mois</Button>
          </form>
          {r ? (
            <nav aria-label="Autres mois">
              <ul class="stats-months">
                <li>
                  <a href={link(r.previousMonth)}>← {formatMonth(monthStart(r.previousMonth))}</a>
                </li>
                {r.nextMonth ? (
                  <li>
                    <a href={link(r.nextMonth)}>{formatMonth(monthStart(r.nextMonth))} →</a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </div>
        {r ? <ReportBody r={r} options={options} /> : null}
      </article>
    </Layout>
  );
}

function ReportBody(props: { r: NonNullable<ReportModel["report"]>; options: ChartOptions }): SafeHtml {
  const { r, options } = props;
  const previousLabel = formatMonth(monthStart(r.previousMonth));
  return (
    <>
      <p class="meta">
        Du {formatDay(r.current.filters.from)} au {formatDay(r.current.filters.to)}. Rapport établi le {formatDay(r.generatedOn)} à partir des comptes
        rendus d'activité saisis par les conseillers numériques.
      </p>
      {isEmptyResult(r.current) ? (
        <Notice title="Aucune activité sur cette période">
          <p>Aucun compte rendu d'activité n'a été saisi pour ce mois.</p>
        </Notice>
      ) : (
        <>
          <p class="stats-headline">{headlineSentence(r.current)}</p>
          <h2>Chiffres clés</h2>
          <KeyFigures totals={r.current.totals} privacy="exact" previous={{ totals: r.previous.totals, label: previousLabel }} />
          {REPORT_DIMENSIONS.flatMap((d) => r.current.breakdowns.filter((b) => b.dimension === d)).map((breakdown) => (
            <BreakdownChart breakdown={breakdown} result={r.current} options={options} />
          ))}
        </>
      )}
    </>
  );
}

/** « &structure=x&epci=y » as hidden fields. */
function hiddenFields(query: string): SafeHtml[] {
  return [...new URLSearchParams(query.replace(/^&/, ""))].map(([name, value]) => <input type="hidden" name={name} value={value} />);
}
