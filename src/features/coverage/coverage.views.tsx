// The coverage page (/maillage): the summary in one sentence, the shares within 10/15/20 km, the map,
// the least-served communes, « Et si… » and the recommendation. Every form is a GET form: the page is
// a function of its URL, shareable, and works without JavaScript.
import { Button, ErrorSummary, fieldErrorsFrom, formatNumber, Pagination } from "../../web/components.tsx";
import { type Choice, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../organisation/organisation.ts";
import { SERVICES } from "../places/place-standard.ts";
import type { CoveragePageData } from "./coverage.service.ts";
import type { CommuneCoverage, ShareWithin } from "./coverage.ts";
import { CoverageMap, formatKm } from "./coverage-map.views.tsx";
import { type CoverageParams, FAR_KM, filterQuery, MAX_RADIUS_KM, MAX_SITES, PAGE_SIZE, rankLeastServed } from "./coverage-params.ts";

// One decimal: « 100 % » must not hide the last few hundred people far from help.
const PERCENT = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
const HOURS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export const formatShare = (share: number) => PERCENT.format(share);
const formatHours = (h: number) => `${HOURS.format(h)} h`;
const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

/** Every parameter of the page but `omit`, as hidden fields, so each form keeps the rest of the page. */
function Hidden(props: { params: CoverageParams; omit: ("filters" | "whatIf" | "sites")[] }): SafeHtml {
  const { params, omit } = props;
  const fields: [string, string][] = [];
  if (!omit.includes("filters")) {
    for (const s of params.services) fields.push(["service", s]);
    for (const e of params.employers) fields.push(["employeur", e]);
  }
  if (!omit.includes("whatIf")) {
    if (params.whatIfCommune) fields.push(["si_commune", params.whatIfCommune]);
    if (params.whatIfPlace) fields.push(["si_lieu", params.whatIfPlace]);
    if (params.whatIfCommune || params.whatIfPlace) fields.push(["si_rayon_km", String(params.whatIfRadiusKm)]);
  }
  if (!omit.includes("sites")) {
    fields.push(["nb_sites", String(params.sites)], ["rayon_sites_km", String(params.sitesRadiusKm)]);
  }
  return (
    <>
      {fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

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

export function CoveragePage(props: { ctx: PageContext; data: CoveragePageData; departementName: string }): SafeHtml {
  const { data } = props;
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
      <CommuneTable rows={rows} page={page} pageCount={pageCount} total={ranked.length} />
      <Pagination page={page} pageCount={pageCount} hrefFor={(n) => `/maillage${pageQuery(params, n)}#communes`} />

      <WhatIfSection data={data} errors={errors} />
      <RecommendationSection data={data} errors={errors} />
    </Layout>
  );
}

function CommuneTable(props: { rows: CommuneCoverage[]; page: number; pageCount: number; total: number }): SafeHtml {
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WhatIfSection(props: { data: CoveragePageData; errors: Record<string, string> }): SafeHtml {
  const { data, errors } = props;
  const { params } = data;
  const communes = [...data.coverage.communes].filter((c) => c.centre !== null).sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const result = data.whatIf?.result;
  return (
    <section aria-labelledby="et-si" class="coverage-section">
      <h2 id="et-si">Et si on ajoutait une permanence ?</h2>
      <p>Choisissez une commune (la permanence est placée en son centre) ou un lieu qui n'a pas de permanence active : le gain s'affiche aussitôt.</p>
      <form method="get" action="/maillage#et-si">
        <Hidden params={params} omit={["whatIf"]} />
        <SelectField
          name="si_commune"
          label="Commune"
          choices={communes.map((c): Choice => ({ value: c.code, label: `${c.name} (${c.code})` }))}
          value={params.whatIfCommune ?? ""}
          placeholder="Choisir une commune"
          error={errors.si_commune}
        />
        {data.placeChoices.length > 0 ? (
          <SelectField
            name="si_lieu"
            label="Ou un lieu sans permanence active"
            hint="Si vous choisissez un lieu, la commune n'est pas prise en compte."
            choices={data.placeChoices.map((p): Choice => ({ value: p.id, label: `${p.name} (${p.commune_name})` }))}
            value={params.whatIfPlace ?? ""}
            placeholder="Aucun lieu"
            error={errors.si_lieu}
          />
        ) : null}
        <NumberField name="si_rayon_km" label="Distance à compter, en km" max={MAX_RADIUS_KM} value={params.whatIfRadiusKm} error={errors.si_rayon_km} />
        <Button>Calculer le gain</Button>
      </form>
      {result && data.whatIf ? (
        <div class="coverage-result" role="status">
          <h3>Avec une permanence à {data.whatIf.siteLabel}</h3>
          <p>
            <strong>{plural(result.populationNewlyWithin, "habitant", "habitants")}</strong> de plus à {result.radiusKm} km ou moins d'un lieu (
            {plural(result.communesNewlyWithin, "commune", "communes")}).{" "}
            {plural(result.improved.length, "commune se rapproche", "communes se rapprochent")} d'un lieu.
          </p>
          <table>
            <caption>Part de la population proche d'un lieu, avant et après</caption>
            <thead>
              <tr>
                <th scope="col">Distance</th>
                <th scope="col">Avant</th>
                <th scope="col">Après</th>
              </tr>
            </thead>
            <tbody>
              {result.before.map((b, i) => (
                <tr>
                  <th scope="row">{b.radiusKm} km ou moins</th>
                  <td>{formatShare(b.share)}</td>
                  <td>{formatShare(result.after[i]?.share ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.improved.length > 0 ? (
            <>
              <p>Communes qui se rapprochent le plus, par nombre d'habitants :</p>
              <ul>
                {result.improved.slice(0, 10).map((c) => (
                  <li>
                    {c.name} ({plural(c.population, "habitant", "habitants")}) : {c.beforeKm === null ? "aucun lieu" : formatKm(c.beforeKm)} → {formatKm(c.afterKm)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function RecommendationSection(props: { data: CoveragePageData; errors: Record<string, string> }): SafeHtml {
  const { data, errors } = props;
  const { params, recommendation: r } = data;
  return (
    <section aria-labelledby="recommandation" class="coverage-section">
      <h2 id="recommandation">Où ouvrir les prochaines permanences ?</h2>
      <p>
        Les communes où une permanence rapprocherait le plus d'habitants d'un lieu, choisies une à une : chaque commune proposée compte seulement les habitants
        que les précédentes n'atteignent pas encore.
      </p>
      <form method="get" action="/maillage#recommandation" class="coverage-inline-form">
        <Hidden params={params} omit={["sites"]} />
        <NumberField name="nb_sites" label="Nombre de communes" max={MAX_SITES} value={params.sites} error={errors.nb_sites} />
        <NumberField name="rayon_sites_km" label="Distance visée, en km" max={MAX_RADIUS_KM} value={params.sitesRadiusKm} error={errors.rayon_sites_km} />
        <Button>Recommander</Button>
      </form>
      <div role="status">
        <p>
          {plural(r.uncoveredPopulation, "habitant vit", "habitants vivent")} à plus de {r.radiusKm} km d'un lieu (ou dans une commune sans position connue).
          {r.sites.length > 0 ? ` Les ${plural(r.sites.length, "commune", "communes")} ci-dessous en rapprocheraient ${formatNumber(r.reachedPopulation)}.` : ""}
        </p>
        {r.sites.length > 0 ? (
          <ol class="coverage-sites">
            {r.sites.map((site) => (
              <li>
                <strong>{site.name}</strong> : {plural(site.populationReached, "habitant", "habitants")} de plus à {r.radiusKm} km ou moins
                <span class="meta">
                  {" "}
                  ({site.communes
                    .slice(0, 6)
                    .map((c) => c.name)
                    .join(", ")}
                  {site.communes.length > 6 ? ` et ${plural(site.communes.length - 6, "autre", "autres")}` : ""})
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p>Aucune commune ne rapprocherait plus personne : tout le monde est déjà à cette distance d'un lieu.</p>
        )}
      </div>
    </section>
  );
}

function NumberField(props: { name: string; label: string; max: number; value: number; error?: string }): SafeHtml {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>{props.label}</label>
      {props.error ? (
        <p class="field-error" id={`${props.name}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type="number"
        min="1"
        max={String(props.max)}
        value={String(props.value)}
        class="input input--short"
        aria-describedby={props.error ? `${props.name}-erreur` : undefined}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}
