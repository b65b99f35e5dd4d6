// The coverage map, drawn on the server as SVG: communes from their boundaries (a circle at the centre
// when the boundary is unknown), filled by distance band with a pattern AND a colour so bands differ
// without colour; places as markers whose shape says drop-in or not. The legend names each band in
// words, and the figure points to the table that holds the same figures (the text alternative).

import { formatNumber } from "../../web/components.tsx";
import { escapeHtml, type SafeHtml, unsafeHtml } from "../../web/html/jsx-runtime.ts";
import type { Point } from "../territory/territory.ts";
import type { CommuneRecord } from "./coverage.repository.ts";
import type { CommuneCoverage, CoveragePlace } from "./coverage.ts";
import { BANDS, type BandKey, bandOf, fitProjection, pathOf, ringsOf } from "./svg-map.ts";

export interface MapModel {
  communes: CommuneRecord[];
  coverage: CommuneCoverage[];
  places: readonly CoveragePlace[];
  /** The « Et si… » site and its radius. */
  whatIf: { site: Point; radiusKm: number } | null;
  /** Recommended sites, numbered in order. */
  sites: { centre: Point; radiusKm: number }[];
  /** Communes' requests waiting for an answer, where they ask for help. */
  requests?: { point: Point; label: string }[];
}

/** Fills and patterns of the bands: a light-to-dark ramp, and from 10 km on, hatching that thickens. */
const PATTERNS = `<defs>
<pattern id="mb5" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#e3f0f4"/></pattern>
<pattern id="mb10" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#a8d1dd"/><circle cx="3" cy="3" r=".8" fill="#00607a"/></pattern>
<pattern id="mb15" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fbe1a6"/><path d="M0 0v6" stroke="#7a4d00" stroke-width="1.2"/></pattern>
<pattern id="mb20" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f0a04b"/><path d="M0 0v6M0 0h6" stroke="#5c3300" stroke-width="1.2"/></pattern>
<pattern id="mfar" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#b8412c"/><path d="M0 0v5M0 0h5" stroke="#fff" stroke-width="1.6"/></pattern>
<pattern id="mnone" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fff"/><path d="M0 0v6" stroke="#6b6b6b" stroke-width="1"/></pattern>
</defs>`;

const round1 = (n: number) => Math.round(n * 10) / 10;
const KM = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function formatKm(km: number | null): string {
  return km === null ? "aucun lieu" : `${KM.format(km)} km`;
}

/** A swatch of a band, for the legend: it fills with the map's own patterns (same document). */
function Swatch(props: { band: BandKey }): SafeHtml {
  return (
    <svg class="coverage-swatch" viewBox="0 0 24 16" width="36" height="24" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="23" height="15" fill={`url(#m${props.band})`} stroke="#1b1b1b" />
    </svg>
  );
}

export function CoverageMap(props: { model: MapModel; title: string; description: string }): SafeHtml {
  const { model } = props;
  const byCode = new Map(model.coverage.map((c) => [c.code, c]));
  const shapes = model.communes.map((c) => ({ record: c, rings: ringsOf(c.boundary) }));
  const all: Point[] = shapes.flatMap((s) => (s.rings.length > 0 ? s.rings.flat() : s.record.latitude !== null && s.record.longitude !== null ? [{ latitude: s.record.latitude, longitude: s.record.longitude }] : []));
  const projection = fitProjection(all);
  const inside = (xy: [number, number]) => xy[0] >= 0 && xy[1] >= 0 && xy[0] <= projection.width && xy[1] <= projection.height;
  const groups = new Map<BandKey, string[]>(BANDS.map((b) => [b.key, []]));
  for (const { record, rings } of shapes) {
    const coverage = byCode.get(record.code);
    const band = bandOf(coverage?.nearest?.distanceKm ?? null);
    const title = `<title>${escapeHtml(record.name)} : ${formatKm(coverage?.nearest?.distanceKm ?? null)}</title>`;
    if (rings.length > 0) {
      const d = pathOf(rings, projection);
      if (d !== "") groups.get(band)?.push(`<path d="${d}">${title}</path>`);
    } else if (record.latitude !== null && record.longitude !== null) {
      const [x, y] = projection.project({ latitude: record.latitude, longitude: record.longitude });
      groups.get(band)?.push(`<circle cx="${round1(x)}" cy="${round1(y)}" r="5">${title}</circle>`);
    }
  }
  const communeLayer = BANDS.map((b) => {
    const items = groups.get(b.key) ?? [];
    return items.length === 0 ? "" : `<g fill="url(#m${b.key})">${items.join("")}</g>`;
  }).join("");

  const placeMarks = model.places
    .map((p) => ({ p, xy: projection.project(p.location) }))
    .filter(({ xy }) => inside(xy))
    .map(({ p, xy: [x, y] }) =>
      p.dropIn
        ? `<rect x="${round1(x - 3.5)}" y="${round1(y - 3.5)}" width="7" height="7"><title>${escapeHtml(p.name)} (sans rendez-vous)</title></rect>`
        : `<circle cx="${round1(x)}" cy="${round1(y)}" r="3.5"><title>${escapeHtml(p.name)}</title></circle>`,
    )
    .join("");

  const ring = (centre: Point, radiusKm: number) => {
    const [x, y] = projection.project(centre);
    return `<circle cx="${round1(x)}" cy="${round1(y)}" r="${round1(radiusKm * projection.unitsPerKm)}" class="coverage-map__radius"/>`;
  };
  const sites = model.sites
    .map((s, i) => {
      const [x, y] = projection.project(s.centre);
      return `${ring(s.centre, s.radiusKm)}<g class="coverage-map__site"><circle cx="${round1(x)}" cy="${round1(y)}" r="9"/><text x="${round1(x)}" y="${round1(y + 4)}">${i + 1}</text></g>`;
    })
    .join("");
  const requestMarks = (model.requests ?? [])
    .map((r) => ({ r, xy: projection.project(r.point) }))
    .filter(({ xy }) => inside(xy))
    .map(({ r, xy: [x, y] }) => `<path d="M${round1(x)} ${round1(y - 6)}l6 10h-12z"><title>${escapeHtml(r.label)}</title></path>`)
    .join("");
  let whatIf = "";
  if (model.whatIf) {
    const [x, y] = projection.project(model.whatIf.site);
    whatIf = `${ring(model.whatIf.site, model.whatIf.radiusKm)}<path class="coverage-map__what-if" d="M${round1(x)} ${round1(y - 10)}l10 10-10 10-10-10z"/>`;
  }

  return (
    <figure class="coverage-map" aria-labelledby="carte-legende-titre">
      <svg
        viewBox={`0 0 ${projection.width} ${projection.height}`}
        role="img"
        aria-labelledby="carte-titre carte-description"
        class="coverage-map__svg"
        focusable="false"
      >
        <title id="carte-titre">{props.title}</title>
        <desc id="carte-description">{props.description}</desc>
        {unsafeHtml(PATTERNS)}
        <g class="coverage-map__communes">{unsafeHtml(communeLayer)}</g>
        <g class="coverage-map__places">{unsafeHtml(placeMarks)}</g>
        {requestMarks ? <g class="coverage-map__requests">{unsafeHtml(requestMarks)}</g> : null}
        {unsafeHtml(sites)}
        {unsafeHtml(whatIf)}
      </svg>
      <figcaption>
        <p id="carte-legende-titre" class="coverage-map__caption">
          {props.title}. Les mêmes chiffres sont dans le <a href="#communes">tableau des communes</a>.
        </p>
        <Legend model={model} />
      </figcaption>
    </figure>
  );
}

function Legend(props: { model: MapModel }): SafeHtml {
  const counts = new Map<BandKey, { communes: number; population: number }>(BANDS.map((b) => [b.key, { communes: 0, population: 0 }]));
  for (const c of props.model.coverage) {
    const entry = counts.get(bandOf(c.nearest?.distanceKm ?? null));
    if (entry) {
      entry.communes++;
      entry.population += c.population;
    }
  }
  return (
    <>
      <p class="coverage-legend__title">Distance du centre de la commune au lieu avec permanence le plus proche :</p>
      <ul class="coverage-legend">
        {BANDS.map((b) => {
          const n = counts.get(b.key) ?? { communes: 0, population: 0 };
          return (
            <li>
              <Swatch band={b.key} />
              <span>
                {b.label} : {formatNumber(n.communes)} commune{n.communes > 1 ? "s" : ""}, {formatNumber(n.population)} habitant
                {n.population > 1 ? "s" : ""}
              </span>
            </li>
          );
        })}
        <li>
          <svg class="coverage-swatch" viewBox="0 0 24 16" width="36" height="24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="8" r="4" class="coverage-map__place" />
          </svg>
          <span>Rond : lieu avec permanence sur rendez-vous</span>
        </li>
        <li>
          <svg class="coverage-swatch" viewBox="0 0 24 16" width="36" height="24" aria-hidden="true" focusable="false">
            <rect x="8" y="4" width="8" height="8" class="coverage-map__place" />
          </svg>
          <span>Carré : lieu avec permanence sans rendez-vous</span>
        </li>
        {(props.model.requests ?? []).length > 0 ? (
          <li>
            <svg class="coverage-swatch" viewBox="0 0 24 16" width="36" height="24" aria-hidden="true" focusable="false">
              <path class="coverage-map__request" d="M12 2l6 11h-12z" />
            </svg>
            <span>Triangle : demande d'une commune en attente (<a href="#demandes">la liste</a>)</span>
          </li>
        ) : null}
        {props.model.sites.length > 0 ? (
          <li>
            <svg class="coverage-swatch" viewBox="0 0 24 16" width="36" height="24" aria-hidden="true" focusable="false">
              <g class="coverage-map__site">
                <circle cx="12" cy="8" r="7" />
              </g>
            </svg>
            <span>Rond numéroté : commune recommandée, avec son rayon en pointillés</span>
          </li>
        ) : null}
        {props.model.whatIf ? (
          <li>
            <svg class="coverage-swatch" viewBox="0 0 24 16" width="36" height="24" aria-hidden="true" focusable="false">
              <path class="coverage-map__what-if" d="M12 1l7 7-7 7-7-7z" />
            </svg>
            <span>Losange : la permanence ajoutée (« Et si… »), avec son rayon en pointillés</span>
          </li>
        ) : null}
      </ul>
    </>
  );
}
