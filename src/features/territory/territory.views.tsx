import { formatNumber } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { CommuneSearchForm } from "../pages/commune-search-form.tsx";
import type { CommuneMatch } from "./territory.repository.ts";

/** How many close spellings a page offers: more would read as a list rather than a question. */
export const SPELLING_SUGGESTIONS = 3;

export function communeResultsHref(commune: { code: string }): string {
  return `/trouver-de-l-aide?commune=${encodeURIComponent(commune.code)}`;
}

/** « Vouliez-vous dire Marmande ? », each name a link that runs the search for it. */
export function DidYouMean(props: { suggestions: { name: string; href: string }[]; id?: string }): SafeHtml {
  const shown = props.suggestions.slice(0, SPELLING_SUGGESTIONS);
  return (
    <p class="did-you-mean" id={props.id}>
      Vouliez-vous dire{" "}
      {shown.map((s, i) => (
        <>
          {i === 0 ? "" : i === shown.length - 1 ? " ou " : ", "}
          <a href={s.href}>{s.name}</a>
        </>
      ))}
      {"\u00a0?"}
    </p>
  );
}

function Matches(props: { q: string; results: CommuneMatch[]; approximate: boolean }): SafeHtml {
  const { q, results } = props;
  if (props.approximate) {
    return (
      <>
        <h2 id="resultats">Aucune commune du département ne s'écrit « {q} »</h2>
        <DidYouMean suggestions={results.map((c) => ({ name: c.name, href: communeResultsHref(c) }))} />
      </>
    );
  }
  if (results.length === 0) {
    return (
      <>
        <h2 id="resultats">Aucune commune ne correspond à « {q} »</h2>
        <p>Vérifiez l'orthographe, ou essayez avec le code postal (5 chiffres).</p>
        <p>
          Vous pouvez aussi <a href="/trouver-de-l-aide">voir tous les lieux d'aide du département</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <h2 id="resultats">{results.length === 1 ? "1 commune trouvée" : `${results.length} communes trouvées`}</h2>
      <ul class="result-list">
        {results.map((c) => (
          <li>
            <a href={communeResultsHref(c)}>
              {c.name} ({c.postcodes.join(", ")})
            </a>
            <p class="meta">
              {formatNumber(c.population)} habitants{c.epci_name ? ` · ${c.epci_name}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function CommuneResultsPage(props: { ctx: PageContext; q: string; results: CommuneMatch[]; approximate: boolean; error?: string }): SafeHtml {
  const { q } = props;
  const title = q ? `Communes pour « ${q} »` : "Chercher une commune";
  return (
    <Layout ctx={props.ctx} title={props.error ? `Erreur : ${title}` : title} scripts={["/static/commune-search.js"]}>
      <h1>Trouver de l'aide près de chez moi</h1>
      <CommuneSearchForm q={q} error={props.error} />
      {q && !props.error ? (
        <section aria-labelledby="resultats">
          <Matches q={q} results={props.results} approximate={props.approximate} />
        </section>
      ) : null}
    </Layout>
  );
}
