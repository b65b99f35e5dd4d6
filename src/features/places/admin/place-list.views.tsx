// The list of places the viewer manages, and one place's back-office page with its actions.
import { Button, CsrfField, Notice, Pagination } from "../../../web/components.tsx";
import { BackLink } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { queryString } from "../../../web/page.ts";
import type { PlaceRow } from "../places.table.ts";

export interface PlaceListModel {
  rows: { id: string; name: string; is_public: boolean; commune_name: string; structure_name: string; updated_on: string }[];
  total: number;
  page: number;
  pageCount: number;
  search: string;
  canCreate: boolean;
}

function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}

export function PlaceListPage(props: { ctx: PageContext; model: PlaceListModel }): SafeHtml {
  const { model } = props;
  return (
    <Layout ctx={props.ctx} title="Gestion des lieux">
      <h1>Gestion des lieux</h1>
      {model.canCreate ? (
        <p>
          <a href="/gestion/lieux/nouveau" class="button button--primary">
            Ajouter un lieu
          </a>
        </p>
      ) : null}
      <form method="get" action="/gestion/lieux" class="search-box" role="search">
        <div class="field">
          <label for="nom">Rechercher par nom</label>
          <input id="nom" name="nom" type="search" class="input input--medium" value={model.search} />
        </div>
        <Button>Rechercher</Button>
      </form>
      <h2>{model.total === 0 ? "Aucun lieu" : model.total === 1 ? "1 lieu" : `${model.total} lieux`}</h2>
      {model.rows.length > 0 ? (
        <ul class="result-list">
          {model.rows.map((p) => (
            <li>
              <a href={`/gestion/lieux/${p.id}`}>{p.name}</a>
              <p class="meta">
                {p.commune_name} · {p.structure_name} · mis à jour le {frenchDate(p.updated_on)}
                {p.is_public ? "" : <strong> · masqué au public</strong>}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{model.search ? "Aucun lieu ne porte ce nom parmi ceux que vous gérez." : "Vous ne gérez aucun lieu pour l'instant."}</p>
      )}
      <Pagination page={model.page} pageCount={model.pageCount} hrefFor={(page) => `/gestion/lieux${queryString({ nom: model.search, page })}`} />
    </Layout>
  );
}

export interface PlaceOverviewModel {
  place: PlaceRow;
  communeName: string;
  structureName: string;
  canEdit: boolean;
  notice: string | null;
}

export function PlaceOverviewPage(props: { ctx: PageContext; model: PlaceOverviewModel }): SafeHtml {
  const { place, canEdit } = props.model;
  const base = `/gestion/lieux/${place.id}`;
  return (
    <Layout ctx={props.ctx} title={place.name}>
      <BackLink href="/gestion/lieux">Tous les lieux</BackLink>
      <h1>{place.name}</h1>
      {props.model.notice ? <Notice kind="success">{props.model.notice}</Notice> : null}
      <dl>
        <dt>Structure</dt>
        <dd>{props.model.structureName}</dd>
        <dt>Adresse</dt>
        <dd>
          {place.address}
          {place.address_complement ? `, ${place.address_complement}` : ""}, {place.postcode} {props.model.communeName}
        </dd>
        <dt>Position sur la carte</dt>
        <dd>{place.coordinates_precision === "address" ? "à l'adresse" : "position approximative (centre de la commune)"}</dd>
        <dt>Horaires (format OpenStreetMap)</dt>
        <dd>{place.opening_hours ?? "non renseignés"}</dd>
        <dt>Visibilité</dt>
        <dd>{place.is_public ? "visible du public" : "masqué au public"}</dd>
      </dl>
      <ul class="admin-actions">
        {canEdit ? (
          <li>
            <a href={`${base}/modifier`}>Modifier le lieu</a>
          </li>
        ) : null}
        <li>
          <a href={`${base}/permanences`}>Permanences</a>
        </li>
        <li>
          <a href={`${base}/historique`}>Historique des modifications</a>
        </li>
      </ul>
      {canEdit ? (
        <form method="post" action={`${base}/${place.is_public ? "masquer" : "afficher"}`}>
          <CsrfField token={props.ctx.csrfToken} />
          <Button variant="secondary">{place.is_public ? "Masquer ce lieu au public" : "Rendre ce lieu visible au public"}</Button>
        </form>
      ) : null}
    </Layout>
  );
}
