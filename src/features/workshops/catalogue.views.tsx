// The public catalogue of workshops: filters in a plain GET form (works without JavaScript), a list, pages.

import { Button, Pagination } from "../../web/components.tsx";
import { type Choice, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { THEMES } from "../activities/taxonomy.ts";
import type { CatalogueRow } from "./catalogue.repository.ts";
import { levelLabel, seatsText, themeLabels, whenText } from "./workshop-presenter.ts";

export interface CatalogueModel {
  rows: CatalogueRow[];
  total: number;
  page: number;
  pageCount: number;
  filter: { theme: string; commune: string; place: string; remote: boolean };
  communes: Choice[];
  places: Choice[];
  hrefFor: (page: number) => string;
}

function Filters(props: { model: CatalogueModel }): SafeHtml {
  const { filter, communes, places } = props.model;
  return (
    <form method="get" action="/ateliers" class="workshop-filters" aria-label="Filtrer les ateliers">
      <div class="form-row">
        <SelectField name="theme" label="Thème" value={filter.theme} placeholder="Tous les thèmes" choices={THEMES.map((t) => ({ value: t.code, label: t.label }))} />
        <SelectField name="commune" label="Commune" value={filter.commune} placeholder="Toutes les communes" choices={communes} />
        <SelectField name="lieu" label="Lieu" value={filter.place} placeholder="Tous les lieux" choices={places} />
      </div>
      <div class="field choice">
        <input type="checkbox" id="distance" name="distance" value="1" checked={filter.remote} />
        <label for="distance">Seulement les ateliers à distance</label>
      </div>
      <Button variant="secondary">Filtrer</Button>
    </form>
  );
}

/** One workshop of a list: its title (a link to its page), when and where, level, themes and seats left. */
export function WorkshopItem(props: { row: CatalogueRow; placeKnown?: boolean }): SafeHtml {
  const { row } = props;
  const seats = seatsText(row.capacity, row.seats_taken);
  // On the page of the place itself, its name would only repeat the page's title.
  const where = row.is_remote ? "À distance" : props.placeKnown ? null : [row.place_name, row.commune_name].filter(Boolean).join(", ");
  return (
    <li>
      <h3 class="workshop-item__title">
        <a href={`/ateliers/${row.id}`}>{row.title}</a>
      </h3>
      <p>
        {whenText(row.starts_at, row.ends_at)}
        {where ? ` · ${where}` : ""}
      </p>
      <p class="meta">
        Niveau : {levelLabel(row.level)}
        {row.themes.length > 0 ? ` · ${themeLabels(row.themes).join(", ")}` : ""} · {seats.text}
      </p>
    </li>
  );
}

export function CataloguePage(props: { ctx: PageContext; model: CatalogueModel }): SafeHtml {
  const { model } = props;
  return (
    <Layout ctx={props.ctx} title="Ateliers">
      <h1>Ateliers</h1>
      <p>Des ateliers gratuits, en groupe, près de chez vous ou à distance, pour apprendre à utiliser le numérique. L'inscription se fait sans compte.</p>
      <Filters model={model} />
      <h2 class="workshop-count" aria-live="polite">
        {model.total === 0 ? "Aucun atelier à venir" : model.total === 1 ? "1 atelier à venir" : `${model.total} ateliers à venir`}
      </h2>
      {model.total === 0 ? (
        <p>Aucun atelier ne correspond à ces critères. Essayez un autre thème, une autre commune ou un autre lieu.</p>
      ) : (
        <ul class="result-list workshop-list">
          {model.rows.map((row) => (
            <WorkshopItem row={row} />
          ))}
        </ul>
      )}
      <Pagination page={model.page} pageCount={model.pageCount} hrefFor={model.hrefFor} />
    </Layout>
  );
}
