// The coverage page (/maillage): the summary in one sentence, the shares within 10/15/20 km, the map,
// the least-served communes, « Et si… » and the recommendation. Every form is a GET form: the page is
// a function of its URL, shareable, and works without JavaScript.
import { Button, ErrorSummary, fieldErrorsFrom, formatNumber, Pagination } from "../../web/components.tsx";
import { type Choice, SelectField } from "../../web/form-controls.tsx";
import { hoursText } from "../../web/french-format.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../organisation/organisation.ts";
import { SERVICES } from "../places/place-standard.ts";
import type { RequestOnMap } from "../requests/request-coverage.ts";
import { WaitingRequestsSection } from "../requests/request-coverage.views.tsx";
import { requestTitle } from "../requests/requests.ts";
import type { CoveragePageData } from "./coverage.service.ts";
import type { CommuneCoverage, ShareWithin } from "./coverage.ts";
import { formatShare, Hidden, plural, RecommendationSection, WhatIfSection } from "./coverage-forms.views.tsx";
import { CoverageMap, formatKm } from "./coverage-map.views.tsx";
import { type CoverageParams, FAR_KM, filterQuery, PAGE_SIZE, rankLeastServed } from "./coverage-params.ts";

const HOURS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

const formatHours = (h: number) => hoursText(HOURS.format(h));

function pageQuery(params: CoverageParams, page: number): string {
  return filterQuery(params, {
    si_commune: params.whatIfCommune,
    si_lieu: params.whatIfPlace,
    si_rayon_km: params.whatIfCommune || params.whatIfPlace ? params.whatIfRadiusKm : null,
    nb_sites: params.sites,
    rayon_sites_km: params.sitesRadiusKm,
    page: page > 1 ? page : null,
  });
}

function summarySentence(data: CoveragePageData, departementName: string): string {
  const s = data.coverage.summary;
  const [w10, w15, w20] = s.within as [ShareWithin, ShareWithin, ShareWithin];
  if (s.placeCount === 0) return `Aucun lieu n'a de permanence active avec ces critères : personne n'a d'aide à proximité.`;
  return (
    `Sur ${plural(s.totalPopulation, "habitant", "habitants")} du département${departementName ? ` (${departementName})` : ""}, ` +
    `${formatShare(w10.share)} vivent à 10 km ou moins d'un lieu avec une permanence active, ` +
    `${formatShare(w15.share)} à 15 km ou moins et ${formatShare(w20.share)} à 20 km ou moins (à vol d'oiseau, depuis le centre de leur commune).`
  );
}

export function CoveragePage(props: { ctx: PageContext; data: CoveragePageData; requests: RequestOnMap[]; departementName: string }): SafeHtml {
  const { data, requests } = props;
  const { params } = data;
  const s = data.coverage.summary;
  const errors = fieldErrorsFrom(data.errors);
  const ranked = rankLeastServed(data.coverage.communes);
  const pageCount = Math.max(1, Math.ceil(ranked.length / PAGE_SIZE));
  const page = Math.min(params.page, pageCount);
  const rows = ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filtered = params.services.length > 0 || params.employers.length > 0;
  const far = data.coverage.communes.filter((c) => c.nearest === null || c.nearest.distanceKm > 20);
  const mapTitle = `Carte des ${formatNumber(s.communeCount)} communes selon la distance au lieu le plus proche`;
  const mapDescription =
    `${plural(s.placeCount, "lieu", "lieux")} avec une permanence active${filtered ? " (selon les filtres)" : ""}. ` +
    `${plural(far.length, "commune est", "communes sont")} à plus de 20 km ou sans lieu, pour ${plural(far.reduce((n, c) => n + c.population, 0), "habitant", "habitants")}.`;
  return (
    <Layout ctx={props.ctx} title="Maillage du territoire">
      <h1>Maillage du territoire</h1>
      <ErrorSummary errors={errors} />
      <p class="coverage-summary">{summarySentence(data, props.departementName)}</p>
      <ul class="coverage-shares" aria-label="Part de la population proche d'un lieu">
        {s.within.map((w) => (
          <li>
            <strong>{formatShare(w.share)}</strong> à {w.radiusKm} km ou moins <span class="meta">({plural(w.population, "habitant", "habitants")})</span>
          </li>
        ))}
      </ul>
      <p>
        {plural(s.placeCount, "lieu a", "lieux ont")} au moins une permanence active aujourd'hui, dont {formatNumber(s.dropInPlaceCount)} sans rendez-vous,
        pour {formatHours(s.weeklyHours)} de conseillers par semaine.
        {s.communesWithoutCentre > 0 ? ` ${plural(s.communesWithoutCentre, "commune n'a", "communes n'ont")} pas de position connue : leur distance n'est pas calculée.` : ""}
      </p>

      <form method="get" action="/maillage" class="coverage-filters">
        <h2>Filtrer les lieux</h2>
        <Hidden params={params} omit={["filters"]} />
        <SelectField
          name="service"
          label="Service proposé"
          choices={SERVICES.map((o): Choice => ({ value: o.code, label: o.label }))}
          value={params.services[0] ?? ""}
          placeholder="Tous les services"
          error={errors.service}
        />
        <SelectField
          name="employeur"
          label="Type de structure qui porte le lieu"
          choices={EMPLOYER_KINDS.map((k): Choice => ({ value: k, label: STRUCTURE_KINDS[k] }))}
          value={params.employers[0] ?? ""}
          placeholder="Toutes les structures"
          error={errors.employeur}
        />
        <Button>Appliquer les filtres</Button>
        {filtered ? (
          <p>
            <a href={`/maillage${filterQuery({ services: [], employers: [] }, { nb_sites: params.sites, rayon_sites_km: params.sitesRadiusKm })}`}>Retirer les filtres</a>
          </p>
        ) : null}
      </form>

      <h2>Carte</h2>
      <CoverageMap
        title={mapTitle}
        description={mapDescription}
        model={{
          communes: data.communes,
          coverage: data.coverage.communes,
          places: data.places,
          whatIf: data.whatIf ? { site: data.whatIf.result.site, radiusKm: data.whatIf.result.radiusKm } : null,
          sites: data.recommendation.sites.map((site) => ({ centre: site.centre, radiusKm: data.recommendation.radiusKm })),
          requests: requests.flatMap((r) => (r.point ? [{ point: r.point, label: `${requestTitle(r.number)} : ${r.communeName}` }] : [])),
        }}
      />

      <h2 id="communes">Communes les moins bien desservies</h2>
      <p>
        D'abord les communes à plus de {FAR_KM} km d'un lieu (ou sans lieu), les plus peuplées en premier ; puis les autres, les plus éloignées en premier.
        Les distances sont à vol d'oiseau depuis le centre de la commune. Les heures comptent toutes les permanences des lieux situés dans le rayon.
      </p>
      <p>
        <a href={`/maillage/communes.csv${filterQuery(params)}`} download>
          Télécharger le tableau de toutes les communes (CSV)
        </a>
      </p>
      <CommuneTable rows={rows} page={page} pageCount={pageCount} total={ranked.length} requests={requests} />
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => `/maillage${pageQuery(params, n)}#communes`} />

      <WaitingRequestsSection requests={requests} distanceOf={(code) => distanceText(data.coverage.communes.find((c) => c.code === code))} />

      <WhatIfSection data={data} errors={errors} />
      <RecommendationSection data={data} errors={errors} />
    </Layout>
  );
}

function distanceText(c: CommuneCoverage | undefined): string {
  if (!c) return "inconnu";
  return c.nearest ? `${c.nearest.name}, ${formatKm(c.nearest.distanceKm)}` : c.centre === null ? "position inconnue" : "aucun lieu";
}

function CommuneTable(props: { rows: CommuneCoverage[]; page: number; pageCount: number; total: number; requests: RequestOnMap[] }): SafeHtml {
  const waiting = (code: string) => props.requests.filter((r) => r.communeCode === code);
  return (
    <div class="table-wrap" role="region" aria-labelledby="communes" tabindex="0">
      <table class="coverage-table">
        <caption>
          Communes classées de la moins bien desservie à la mieux desservie, page {props.page} sur {props.pageCount} ({plural(props.total, "commune", "communes")})
        </caption>
        <thead>
          <tr>
            <th scope="col">Commune</th>
            <th scope="col">Habitants</th>
            <th scope="col">Lieu le plus proche</th>
            <th scope="col">Distance</th>
            <th scope="col">Sans rendez-vous le plus proche</th>
            <th scope="col">Heures par semaine à 10 km</th>
            <th scope="col">Heures par semaine à 20 km</th>
            <th scope="col">Demandes en attente</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((c) => (
            <tr>
              <th scope="row">
                {c.name} <span class="meta">({c.code})</span>
              </th>
              <td class="num">{formatNumber(c.population)}</td>
              <td>{c.nearest ? c.nearest.name : c.centre === null ? "Position inconnue" : "Aucun lieu"}</td>
              <td class="num">{c.nearest ? formatKm(c.nearest.distanceKm) : "–"}</td>
              <td class="num">{c.nearestDropInKm === null ? "–" : formatKm(c.nearestDropInKm)}</td>
              <td class="num">{formatHours(c.hoursWithin10Km)}</td>
              <td class="num">{formatHours(c.hoursWithin20Km)}</td>
              <td>
                {waiting(c.code).map((r, i) => (
                  <>
                    {i > 0 ? ", " : ""}
                    <a href={`/demandes/${r.id}`}>n° {r.number}</a>
                  </>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

