// The two « what would help » forms of the coverage page: « Et si… » (one more permanence, its gain at
// once) and the recommendation of the next communes. GET forms that keep every other choice of the page.
import { Button, formatNumber } from "../../web/components.tsx";
import { type Choice, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { CoveragePageData } from "./coverage.service.ts";
import { formatKm } from "./coverage-map.views.tsx";
import { type CoverageParams, MAX_RADIUS_KM, MAX_SITES } from "./coverage-params.ts";

// One decimal: « 100 % » must not hide the last few hundred people far from help.
const PERCENT = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

export const formatShare = (share: number) => PERCENT.format(share);
export const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

/** Every parameter of the page but `omit`, as hidden fields, so each form keeps the rest of the page. */
export function Hidden(props: { params: CoverageParams; omit: ("filters" | "whatIf" | "sites")[] }): SafeHtml {
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

export function WhatIfSection(props: { data: CoveragePageData; errors: Record<string, string> }): SafeHtml {
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

export function RecommendationSection(props: { data: CoveragePageData; errors: Record<string, string> }): SafeHtml {
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
