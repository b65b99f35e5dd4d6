import { Pagination } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import { CommuneSearchForm } from "../pages/commune-search-form.tsx";
import { formatDistance } from "./places.ts";

export interface PlaceListItem {
  slug: string;
  name: string;
  address: string;
  postcode: string;
  commune_name: string;
  phone: string | null;
  distanceKm: number | null;
  coordinates_precision: string;
}

export interface FindHelpModel {
  commune: { code: string; name: string; located: boolean } | null;
  places: PlaceListItem[];
  total: number;
  page: number;
  pageCount: number;
  error?: string;
}

/** « près d'Agen », « près du Passage » (Le Passage), « près de Nérac ». */
function nearCommune(name: string): string {
  if (name.startsWith("Le ")) return `près du ${name.slice(3)}`;
  if (name.startsWith("Les ")) return `près des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔÛ]/i.test(name)) return `près d'${name}`;
  return `près de ${name}`;
}

export function FindHelpPage(props: { ctx: PageContext; model: FindHelpModel }): SafeHtml {
  const { model } = props;
  const title = model.commune ? `Lieux d'aide ${nearCommune(model.commune.name)}` : "Trouver de l'aide";
  return (
    <Layout ctx={props.ctx} title={model.error ? `Erreur : ${title}` : title} scripts={["/static/commune-search.js"]}>
      <h1>{title}</h1>
      <CommuneSearchForm q={model.commune?.name ?? ""} error={model.error} />
      {model.commune && !model.commune.located ? (
        <p class="notice notice--warning">
          La position de {model.commune.name} n'est pas connue : les lieux sont classés par nom, sans distance.
        </p>
      ) : null}
      <h2>
        {model.total === 0 ? "Aucun lieu d'aide n'est encore référencé" : model.total === 1 ? "1 lieu d'aide" : `${model.total} lieux d'aide`}
      </h2>
      {model.total === 0 ? (
        <p>Contactez votre mairie : elle peut demander la venue d'un conseiller numérique.</p>
      ) : (
        <ul class="result-list">
          {model.places.map((p) => (
            <li>
              <h3>{p.name}</h3>
              <p>
                {p.address}, {p.postcode} {p.commune_name}
                {p.distanceKm !== null && model.commune?.located ? <span class="meta"> — {formatDistance(p.distanceKm)}</span> : null}
              </p>
              {p.phone ? (
                <p>
                  Téléphone : <a href={`tel:${p.phone.replace(/\s/g, "")}`}>{p.phone}</a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={model.page}
        pageCount={model.pageCount}
        hrefFor={(page) => `/trouver-de-l-aide${queryString({ commune: model.commune?.code, page })}`}
      />
    </Layout>
  );
}
