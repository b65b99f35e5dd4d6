// The public figures of the network (/chiffres, no sign-in): the last 12 months, network-wide, where any
// count from 1 to 4 reads « moins de 5 » so that no one can be singled out.
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { Dimension, StatsResult } from "../statistics.ts";
import { BreakdownChart, type ChartOptions, SeriesChart } from "./stats-charts.views.tsx";
import { KeyFigures } from "./stats-figures.views.tsx";
import { formatDay } from "./stats-format.ts";
import { headlineSentence, isEmptyResult } from "./stats-summary.ts";

/** Breakdowns that say nothing about a single place, advisor or small commune. */
export const PUBLIC_DIMENSIONS: Dimension[] = ["type", "theme", "procedureArea", "placeType", "durationBand", "equipment", "ageBand", "gender", "socialStatus", "employerKind"];

export interface PublicModel {
  result: StatsResult;
  departementName: string;
  generatedOn: string;
}

export function PublicFiguresPage(props: { ctx: PageContext; model: PublicModel }): SafeHtml {
  const { result } = props.model;
  const options: ChartOptions = { privacy: "public", csvHref: null };
  const breakdowns = PUBLIC_DIMENSIONS.flatMap((d) => result.breakdowns.filter((b) => b.dimension === d));
  return (
    <Layout ctx={props.ctx} title="Chiffres du réseau">
      <h1>Chiffres du réseau</h1>
      <p class="lead">
        L'activité des conseillers numériques du département ({props.model.departementName}) sur les 12 derniers mois, du {formatDay(result.filters.from)} au{" "}
        {formatDay(result.filters.to)}, d'après leurs comptes rendus d'activité.
      </p>
      <p>
        Pour protéger les personnes, un nombre inférieur à 5 est écrit « moins de 5 ». Les chiffres sont mis à jour chaque heure. Chaque graphique est suivi
        du tableau des mêmes chiffres.
      </p>
      {isEmptyResult(result) ? (
        <p>Aucune activité sur cette période.</p>
      ) : (
        <>
          <p class="stats-headline">{headlineSentence(result, "public")}</p>
          <h2>Chiffres clés</h2>
          <KeyFigures totals={result.totals} privacy="public" />
          <SeriesChart result={result} options={options} />
          {breakdowns.map((breakdown) => (
            <BreakdownChart breakdown={breakdown} result={result} options={options} />
          ))}
        </>
      )}
      <p class="meta">Chiffres calculés le {formatDay(props.model.generatedOn)}.</p>
    </Layout>
  );
}
