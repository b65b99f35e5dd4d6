// The public page of the open data: what the files hold and where to download them.
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";

export const CSV_PATH = "/donnees/lieux-de-mediation-numerique.csv";
export const JSON_PATH = "/donnees/lieux-de-mediation-numerique.json";

export function OpenDataPage(props: { ctx: PageContext; version: string }): SafeHtml {
  const { site } = props.ctx;
  return (
    <Layout ctx={props.ctx} title="Données ouvertes">
      <h1>Données ouvertes : les lieux d'aide au numérique</h1>
      <p class="lead">
        La liste des lieux publics du réseau {site.brandName} ({site.departementName}), à jour, dans le standard national des lieux de
        médiation numérique (version {props.version}).
      </p>
      <ul>
        <li>
          <a href={CSV_PATH}>
            Télécharger le fichier CSV
          </a>{" "}
          : une ligne par lieu, colonnes séparées par des virgules, encodage UTF-8, valeurs multiples séparées par « | ».
        </li>
        <li>
          <a href={JSON_PATH}>Les mêmes lieux en JSON</a> : un tableau d'objets aux noms de colonnes du standard.
        </li>
      </ul>
      <h2>À savoir</h2>
      <ul>
        <li>Les lieux sont rangés par identifiant : d'un jour à l'autre, seules les lignes modifiées changent.</li>
        <li>
          Le téléphone est au format international (+33…), les horaires dans la syntaxe d'OpenStreetMap et la date de mise à jour au
          format AAAA-MM-JJ.
        </li>
        <li>
          Le standard est publié par La MedNum et l'Agence nationale de la cohésion des territoires :{" "}
          <a href="https://github.com/LaMednum/standard-mediation-num">
            github.com/LaMednum/standard-mediation-num
          </a>
          .
        </li>
      </ul>
    </Layout>
  );
}
