// The « Trouver de l'aide » page: the form, then the results (or the choice of commune, or the errors),
// and the data of the optional map, embedded as JSON for map.js (data only: allowed by the CSP).
import { ErrorSummary, type FieldErrors, Pagination } from "../../../web/components.tsx";
import { type SafeHtml, unsafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import type { SearchOutcome } from "./search.service.ts";
import { formatDistance, hasFilters, nearCommune, type SearchParams, searchQuery } from "./search.ts";
import { anchorOf, SearchForm } from "./search-form.views.tsx";
import { CommuneChoices, NextSteps, ResultList, SEARCH_PATH, searchHref } from "./search-results.views.tsx";

export interface MapData {
  tileUrl: string | null;
  attribution: string;
  centre: [number, number] | null;
  radiusKm: number | null;
  boundary: unknown;
  markers: { lat: number; lon: number; name: string; url: string; detail: string }[];
}

export interface SearchPageModel {
  outcome: SearchOutcome;
  /** What the commune field shows. */
  q: string;
  today: string;
  map: MapData | null;
}

function pageTitle(outcome: SearchOutcome): string {
  if (outcome.kind === "results" && outcome.origin?.kind === "commune") return `Lieux d'aide ${nearCommune(outcome.origin.commune.name)}`;
  if (outcome.kind === "results" && outcome.origin?.kind === "point") return "Lieux d'aide près de la position indiquée";
  return "Trouver de l'aide";
}

function countHeading(total: number, params: SearchParams, withRadius: boolean): string {
  const places = total === 0 ? "Aucun lieu d'aide" : total === 1 ? "1 lieu d'aide" : `${total} lieux d'aide`;
  const where = withRadius ? ` à moins de ${params.radiusKm} km` : "";
  const agreement = total === 0 ? "ne correspond" : total === 1 ? "correspond" : "correspondent";
  const which = hasFilters(params) ? ` ${agreement} à vos critères` : "";
  return `${places}${where}${which}`;
}

/** JSON as the text of a <script type="application/json">: nothing in it can close the element. */
export function scriptJson(value: unknown): SafeHtml {
  return unsafeHtml(JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026"));
}

function Results(props: { outcome: Extract<SearchOutcome, { kind: "results" }>; map: MapData | null }): SafeHtml {
  const { outcome } = props;
  const located = outcome.origin?.kind === "point" || (outcome.origin?.kind === "commune" && outcome.origin.located);
  const pastEnd = outcome.places.length === 0 && outcome.total > 0;
  return (
    <section aria-labelledby="resultats">
      {outcome.origin?.kind === "commune" && !outcome.origin.located ? (
        <p class="notice notice--warning">
          La position de {outcome.origin.commune.name} n'est pas connue : les lieux sont classés par nom, sans distance.
        </p>
      ) : null}
      <h2 id="resultats">{countHeading(outcome.total, outcome.params, located)}</h2>
      {outcome.total === 0 ? <NextSteps params={outcome.params} located={located} nearby={outcome.nearby} /> : null}
      {pastEnd ? (
        <p>
          Cette page n'existe pas. <a href={searchHref(outcome.params)}>Revenir à la première page</a>
        </p>
      ) : null}
      {props.map ? (
        <>
          <div id="carte" class="search-map" hidden></div>
          <script type="application/json" id="carte-donnees">
            {scriptJson(props.map)}
          </script>
        </>
      ) : null}
      {outcome.places.length > 0 ? <ResultList places={outcome.places} showDistance={located} /> : null}
      <Pagination
        page={Math.min(outcome.params.page, outcome.pages)}
        pageCount={outcome.pages}
        hrefFor={(page) => `${SEARCH_PATH}${searchQuery(outcome.params, { page })}`}
      />
    </section>
  );
}

export function SearchPage(props: { ctx: PageContext; model: SearchPageModel }): SafeHtml {
  const { outcome } = props.model;
  const errors: FieldErrors = {};
  const summary: FieldErrors = {};
  if (outcome.kind === "invalid") {
    for (const e of outcome.errors) {
      errors[e.field] ??= e.message;
      summary[anchorOf(e.field)] ??= e.message;
    }
  }
  const didYouMean =
    outcome.kind === "invalid"
      ? (outcome.spelling ?? []).map((c) => ({ name: c.name, href: searchHref({ ...outcome.params, q: null }, { commune: c.code, lat: null, lon: null }) }))
      : [];
  const title = pageTitle(outcome);
  const scripts = ["/static/geolocate.js", ...(props.model.map ? ["/static/vendor/leaflet/leaflet.js", "/static/map.js"] : [])];
  return (
    <Layout ctx={props.ctx} title={outcome.kind === "invalid" ? `Erreur : ${title}` : title} scripts={scripts}>
      <h1>{title}</h1>
      <ErrorSummary errors={summary} />
      <SearchForm model={{ params: outcome.params, q: props.model.q, errors, today: props.model.today, didYouMean }} />
      {outcome.kind === "choose" ? <CommuneChoices params={outcome.params} choices={outcome.choices as CommuneMatch[]} /> : null}
      {outcome.kind === "results" ? <Results outcome={outcome} map={props.model.map} /> : null}
    </Layout>
  );
}

/** The map's data: the places of this page with coordinates, the commune boundary, the tile server. */
export function mapData(outcome: SearchOutcome, tiles: { tileUrl: string | null; attribution: string }): MapData | null {
  if (outcome.kind !== "results") return null;
  const markers = outcome.places.flatMap((p) => {
    if (p.latitude === null || p.longitude === null) return [];
    const detail = [p.commune_name, p.distance_km !== null ? formatDistance(p.distance_km) : null].filter(Boolean).join(", ");
    return [{ lat: p.latitude, lon: p.longitude, name: p.name, url: `/lieux/${p.slug}`, detail }];
  });
  if (markers.length === 0) return null;
  const origin = outcome.origin;
  const centre: [number, number] | null =
    origin?.kind === "point"
      ? [origin.latitude, origin.longitude]
      : origin?.kind === "commune" && origin.located
        ? [origin.commune.latitude as number, origin.commune.longitude as number]
        : null;
  return {
    ...tiles,
    centre,
    radiusKm: centre ? outcome.params.radiusKm : null,
    boundary: origin?.kind === "commune" ? (origin.commune.boundary ?? null) : null,
    markers,
  };
}
