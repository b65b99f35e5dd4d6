import { formatNumber } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { CommuneSearchForm } from "../pages/commune-search-form.tsx";
import type { CommuneMatch } from "./territory.repository.ts";

export function CommuneResultsPage(props: { ctx: PageContext; q: string; results: CommuneMatch[]; error?: string }): SafeHtml {
  const { q, results } = props;
  const title = q ? `Communes pour « ${q} »` : "Chercher une commune";
  return (
    <Layout ctx={props.ctx} title={props.error ? `Erreur : ${title}` : title} scripts={["/static/commune-search.js"]}>
      <h1>Trouver de l'aide près de chez moi</h1>
      <CommuneSearchForm q={q} error={props.error} />
      {q && !props.error ? (
        <section aria-labelledby="resultats">
          <h2 id="resultats">
            {results.length === 0
              ? `Aucune commune ne correspond à « ${q} »`
              : results.length === 1
                ? "1 commune trouvée"
                : `${results.length} communes trouvées`}
          </h2>
          {results.length === 0 ? (
            <>
              <p>Vérifiez l'orthographe, ou essayez avec le code postal (5 chiffres).</p>
              <p>
                Vous pouvez aussi <a href="/trouver-de-l-aide">voir tous les lieux d'aide du département</a>.
              </p>
            </>
          ) : (
            <ul class="result-list">
              {results.map((c) => (
                <li>
                  <a href={`/trouver-de-l-aide?commune=${c.code}`}>
                    {c.name} ({c.postcodes.join(", ")})
                  </a>
                  <p class="meta">
                    {formatNumber(c.population)} habitants{c.epci_name ? ` · ${c.epci_name}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Layout>
  );
}
