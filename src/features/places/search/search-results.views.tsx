// The results of the search: the list (the primary interface), the next steps when nothing is found,
// and the choice of commune when the typed name is ambiguous.
import { formatNumber } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { PhoneLink } from "../../../web/phone-link.tsx";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import { labelsOf, SERVICES } from "../place-standard.ts";
import type { NearbyCommune } from "./search.repository.ts";
import type { FoundPlace } from "./search.service.ts";
import { formatDistance, hasFilters, nearCommune, type SearchParams, searchQuery, widerRadii } from "./search.ts";

export const SEARCH_PATH = "/trouver-de-l-aide";

export function searchHref(params: SearchParams, changes: Partial<SearchParams> = {}): string {
  return `${SEARCH_PATH}${searchQuery(params, { page: 1, ...changes })}`;
}

function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function PlaceItem(props: { place: FoundPlace; showDistance: boolean }): SafeHtml {
  const p = props.place;
  const services = labelsOf(SERVICES, p.services);
  return (
    <li class="place-result">
      <h3>
        <a href={`/lieux/${p.slug}`}>{p.name}</a>
      </h3>
      <p>
        {p.address}, {p.postcode} {p.commune_name}
        {props.showDistance && p.distance_km !== null ? <strong class="place-result__distance"> — {formatDistance(p.distance_km)}</strong> : null}
      </p>
      <p class="place-result__when">{p.nextText ?? "Horaires non renseignés : renseignez-vous avant de venir."}</p>
      {services.length > 0 ? (
        <ul class="tags" aria-label="Services">
          {services.map((s) => (
            <li class="tag">{s}</li>
          ))}
        </ul>
      ) : null}
      {p.phone ? (
        <p>
          Téléphone : <PhoneLink phone={p.phone} />
        </p>
      ) : null}
      {p.byAppointment ? (
        <p>
          <a href={`/lieux/${encodeURIComponent(p.slug)}/rendez-vous`}>
            Prendre rendez-vous avec un conseiller<span class="visually-hidden"> : {p.name}</span>
          </a>
        </p>
      ) : p.booking_url && isWebLink(p.booking_url) ? (
        <p>
          <a href={p.booking_url}>
            Prendre rendez-vous en ligne<span class="visually-hidden"> : {p.name}</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

export function ResultList(props: { places: FoundPlace[]; showDistance: boolean }): SafeHtml {
  return (
    <ul class="result-list">
      {props.places.map((place) => (
        <PlaceItem place={place} showDistance={props.showDistance} />
      ))}
    </ul>
  );
}

/** Nothing found: wider radius, the nearest communes with a matching place, remote help, the town hall. */
export function NextSteps(props: { params: SearchParams; located: boolean; nearby: NearbyCommune[] }): SafeHtml {
  const { params } = props;
  // Without a matching place anywhere, a wider radius would find nothing either (the opening window aside).
  const anywhere = props.nearby.length > 0 || params.open !== null;
  const wider = props.located && anywhere ? widerRadii(params.radiusKm, props.nearby[0]?.distance_km ?? null) : [];
  return (
    <div class="next-steps">
      <p>Vous pouvez :</p>
      <ul>
        {wider.map((r) => (
          <li>
            <a href={searchHref(params, { radiusKm: r })}>Chercher jusqu'à {r} km</a>
          </li>
        ))}
        {props.nearby.map((c) => (
          <li>
            <a href={searchHref(params, { commune: c.code, lat: null, lon: null })}>Voir les lieux d'aide {nearCommune(c.name)}</a> (
            {formatDistance(c.distance_km)})
          </li>
        ))}
        {params.remote ? null : (
          <li>
            <a href={searchHref(params, { remote: true, radiusKm: 100 })}>Chercher une aide à distance (téléphone, visio)</a>
          </li>
        )}
        {hasFilters(params) ? (
          <li>
            <a
              href={searchHref({ ...params, services: [], support: [], publics: [], open: null, modality: null, free: false, remote: false })}
            >
              Chercher sans les filtres
            </a>
          </li>
        ) : null}
      </ul>
      <p>Votre mairie peut aussi vous orienter vers une aide près de chez vous.</p>
    </div>
  );
}

export function CommuneChoices(props: { params: SearchParams; choices: CommuneMatch[] }): SafeHtml {
  return (
    <section aria-labelledby="choix-commune">
      <h2 id="choix-commune">Précisez votre commune</h2>
      <p>Plusieurs communes correspondent à « {props.params.q} ». Choisissez la vôtre :</p>
      <ul class="result-list">
        {props.choices.map((c) => (
          <li>
            <a href={searchHref({ ...props.params, q: null }, { commune: c.code, lat: null, lon: null })}>
              {c.name} ({c.postcodes.join(", ")})
            </a>
            <p class="meta">
              {formatNumber(c.population)} habitants{c.epci_name ? ` · ${c.epci_name}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
