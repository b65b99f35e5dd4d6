// The search form: a plain GET form (works without JavaScript), its filters kept in the URL.

import type { FieldErrors } from "../../../web/components.tsx";
import type { Renderable, SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { addDays } from "../../calendar/paris-time.ts";
import { DidYouMean } from "../../territory/territory.views.tsx";
import { formatDay } from "../availability.ts";
import { type EnumOption, PUBLICS, SERVICES, SPECIFIC_SUPPORT } from "../place-standard.ts";
import { RADIUS_CHOICES, type SearchParams } from "./search.ts";

export interface SearchFormModel {
  params: SearchParams;
  /** What the commune field shows: the typed text or the name of the commune searched from. */
  q: string;
  /** Keyed by the URL parameter. */
  errors: FieldErrors;
  /** YYYY-MM-DD in Paris, for the « which day » choices. */
  today: string;
  /** Close spellings of a misspelt commune, each a link to its results. */
  didYouMean?: { name: string; href: string }[];
}

/** The id of the first control of each parameter: where the error summary leads. */
export function anchorOf(field: string): string {
  const first: Record<string, string> = {
    service: `service-${SERVICES[0]?.code}`,
    accompagnement: `accompagnement-${SPECIFIC_SUPPORT[0]?.code}`,
    public: `public-${PUBLICS[0]?.code}`,
    ouvert: "ouvert-tous",
    modalite: "modalite-tous",
    rayon_km: "rayon_km",
    gratuit: "gratuit",
    distance: "distance",
  };
  return first[field] ?? "q";
}

function FieldError(props: { id: string; message: string | undefined }): SafeHtml | null {
  if (!props.message) return null;
  return (
    <p class="field-error" id={props.id}>
      <span class="visually-hidden">Erreur : </span>
      {props.message}
    </p>
  );
}

function Group(props: { name: string; legend: string; hint?: string; error?: string; children: Renderable }): SafeHtml {
  const describedBy = [props.hint ? `${props.name}-aide` : "", props.error ? `${props.name}-erreur` : ""].filter(Boolean).join(" ");
  return (
    <fieldset class={props.error ? "field field--error choices" : "field choices"} aria-describedby={describedBy || undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${props.name}-aide`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`${props.name}-erreur`} message={props.error} />
      {props.children}
    </fieldset>
  );
}

function Choice(props: { type: "checkbox" | "radio"; name: string; id: string; value: string; checked: boolean; label: string }): SafeHtml {
  return (
    <div class="choice">
      <input type={props.type} name={props.name} id={props.id} value={props.value} checked={props.checked} />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

function Checkboxes(props: { name: string; legend: string; hint?: string; options: EnumOption[]; selected: string[]; error?: string }): SafeHtml {
  return (
    <Group name={props.name} legend={props.legend} hint={props.hint} error={props.error}>
      {props.options.map((o) => (
        <Choice type="checkbox" name={props.name} id={`${props.name}-${o.code}`} value={o.code} checked={props.selected.includes(o.code)} label={o.label} />
      ))}
    </Group>
  );
}

function openChoices(params: SearchParams, today: string): { value: string; label: string }[] {
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(today, n));
  const choices = days.map((date, n) => {
    const day = formatDay(new Date(`${date}T12:00:00Z`));
    return { value: date, label: n === 0 ? `Aujourd'hui (${day})` : n === 1 ? `Demain (${day})` : day.charAt(0).toUpperCase() + day.slice(1) };
  });
  const chosen = params.open?.kind === "date" ? params.open.date : null;
  if (chosen && !days.includes(chosen)) choices.push({ value: chosen, label: `Le ${formatDay(new Date(`${chosen}T12:00:00Z`))}` });
  return [{ value: "maintenant", label: "Ouvert maintenant" }, ...choices];
}

function filterCount(p: SearchParams): number {
  return p.services.length + p.support.length + p.publics.length + [p.open, p.modality].filter((x) => x !== null).length + Number(p.free) + Number(p.remote);
}

export function SearchForm(props: { model: SearchFormModel }): SafeHtml {
  const { params, errors, today } = props.model;
  const openValue = params.open === null ? "" : params.open.kind === "now" ? "maintenant" : params.open.date;
  const placeError = errors.q ?? errors.commune ?? errors.lat ?? errors.lon ?? errors.page;
  // The results stay near the top: the filters open by themselves only to show an error.
  const filtersOpen = Object.keys(errors).some((f) => anchorOf(f) !== "q" && f !== "rayon_km");
  const chosen = filterCount(params);
  const didYouMean = props.model.didYouMean ?? [];
  return (
    <form method="get" action="/trouver-de-l-aide" class="search-form" role="search" aria-label="Rechercher un lieu d'aide" novalidate>
      <div class="search-box">
        <div class={placeError ? "field field--error" : "field"}>
          <label for="q">Votre commune ou votre code postal</label>
          <p class="hint" id="q-aide">
            Par exemple : Agen ou 47000
          </p>
          <FieldError id="q-erreur" message={placeError} />
          {didYouMean.length > 0 ? <DidYouMean suggestions={didYouMean} id="q-suggestion" /> : null}
          <input
            id="q"
            name="q"
            type="text"
            class="input input--medium"
            value={props.model.q}
            autocomplete="address-level2"
            aria-describedby={["q-aide", placeError ? "q-erreur" : "", didYouMean.length > 0 ? "q-suggestion" : ""].filter(Boolean).join(" ")}
            aria-invalid={placeError ? "true" : undefined}
          />
        </div>
        <div class={errors.rayon_km ? "field field--error search-box__radius" : "field search-box__radius"}>
          <label for="rayon_km">Distance maximale</label>
          <FieldError id="rayon_km-erreur" message={errors.rayon_km} />
          <select id="rayon_km" name="rayon_km" class="input" aria-describedby={errors.rayon_km ? "rayon_km-erreur" : undefined}>
            {[...new Set([...RADIUS_CHOICES, params.radiusKm])]
              .sort((a, b) => a - b)
              .map((r) => (
                <option value={String(r)} selected={r === params.radiusKm}>
                  {r} km
                </option>
              ))}
          </select>
        </div>
        {props.model.q === "" && params.lat !== null && params.lon !== null ? (
          <>
            <input type="hidden" name="lat" value={String(params.lat)} />
            <input type="hidden" name="lon" value={String(params.lon)} />
          </>
        ) : null}
        <button type="submit" class="button button--primary">
          Rechercher
        </button>
      </div>
      <details class="search-filters" open={filtersOpen}>
        <summary>
          Affiner la recherche (jour, rendez-vous, gratuité, accompagnement…)
          {chosen > 0 ? <strong>{chosen === 1 ? " : 1 critère choisi" : ` : ${chosen} critères choisis`}</strong> : null}
        </summary>
        <Checkboxes name="service" legend="Pour quoi avez-vous besoin d'aide ?" options={SERVICES} selected={params.services} error={errors.service} />
        <Group name="ouvert" legend="Quand ?" error={errors.ouvert}>
          <Choice type="radio" name="ouvert" id="ouvert-tous" value="" checked={openValue === ""} label="Peu importe" />
          {openChoices(params, today).map((c) => (
            <Choice type="radio" name="ouvert" id={`ouvert-${c.value}`} value={c.value} checked={openValue === c.value} label={c.label} />
          ))}
        </Group>
        <Group name="modalite" legend="Avec ou sans rendez-vous ?" error={errors.modalite}>
          <Choice type="radio" name="modalite" id="modalite-tous" value="" checked={params.modality === null} label="Peu importe" />
          <Choice type="radio" name="modalite" id="modalite-sans-rdv" value="sans-rdv" checked={params.modality === "sans-rdv"} label="Sans rendez-vous" />
          <Choice type="radio" name="modalite" id="modalite-sur-rdv" value="sur-rdv" checked={params.modality === "sur-rdv"} label="Sur rendez-vous" />
        </Group>
        <Group name="autres" legend="Autres critères" error={errors.gratuit ?? errors.distance}>
          <Choice type="checkbox" name="gratuit" id="gratuit" value="1" checked={params.free} label="Gratuit" />
          <Choice type="checkbox" name="distance" id="distance" value="1" checked={params.remote} label="Aide à distance (téléphone, visio)" />
        </Group>
        <Checkboxes
          name="accompagnement"
          legend="Un accompagnement adapté"
          options={SPECIFIC_SUPPORT}
          selected={params.support}
          error={errors.accompagnement}
        />
        <Checkboxes
          name="public"
          legend="Public accueilli"
          hint="Les lieux ouverts à tous sont aussi affichés."
          options={PUBLICS}
          selected={params.publics}
          error={errors.public}
        />
        <button type="submit" class="button button--primary">
          Appliquer les filtres
        </button>
      </details>
    </form>
  );
}
