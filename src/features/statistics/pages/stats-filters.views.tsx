// The filters form of the dashboard: a GET form (the page is a function of its URL, shareable, works
// without JavaScript) that shows what was typed and each French error beside its field.
import { Button, type FieldErrors, TextField } from "../../../web/components.tsx";
import { type Choice, SelectField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { ACTIVITY_TYPES, AGE_BANDS, GENDERS, PLACE_TYPES, PROCEDURE_AREAS, SOCIAL_STATUSES, type TaxonomyOption, THEMES } from "../../activities/taxonomy.ts";
import { EMPLOYER_KINDS, STRUCTURE_KINDS } from "../../organisation/organisation.ts";
import { GRANULARITIES } from "../statistics.ts";
import { communeShown } from "./stats-commune-input.ts";
import { GRANULARITY_LABELS } from "./stats-format.ts";

/** Whose figures the page shows: an advisor's own, a structure's, or the département's. */
export type ScopeKind = "advisor" | "structure" | "network";

/** The lists of the selects that depend on the viewer (only what their scope lets them pick). */
export interface FilterChoices {
  kind: ScopeKind;
  advisors: Choice[];
  places: Choice[];
  structures: Choice[];
  epcis: Choice[];
  communes: Choice[];
}

/** What was typed, by query name (du, au, pas, type…), kept as typed. */
export type StatsInput = Record<string, string>;

const options = (table: readonly TaxonomyOption[]): Choice[] => table.map((o) => ({ value: o.code, label: o.label }));

export function StatsFiltersForm(props: { action: string; input: StatsInput; errors: FieldErrors; choices: FilterChoices }): SafeHtml {
  const { input, errors, choices } = props;
  // A text field with suggestions, not a 319-option select: the page stays light (see stats-commune-input.ts).
  const commune = (name: string, label: string) => (
    <div class="combobox">
      <TextField
        name={name}
        label={label}
        value={communeShown(input[name], choices.communes)}
        error={errors[name]}
        hint="Son nom ou son code INSEE, par exemple Nérac."
        width="medium"
        autocomplete="off"
        extra={{ "data-commune-field": "" }}
      />
    </div>
  );
  const select = (name: string, label: string, list: Choice[], placeholder: string) => (
    <SelectField name={name} label={label} choices={list} value={input[name] ?? ""} placeholder={placeholder} error={errors[name]} />
  );
  return (
    <form method="get" action={props.action} class="stats-filters" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre">Filtrer les chiffres</h2>
      <fieldset class="stats-filters__group">
        <legend>Période</legend>
        <TextField name="du" label="Du" type="date" value={input.du} error={errors.du} width="medium" hint="Par exemple 01/10/2026." />
        <TextField name="au" label="Au" type="date" value={input.au} error={errors.au} width="medium" hint="Inclus." />
        {select(
          "pas",
          "Évolution",
          GRANULARITIES.map((g) => ({ value: g, label: GRANULARITY_LABELS[g].label })),
          "Selon la durée de la période",
        )}
      </fieldset>
      {choices.kind === "advisor" ? null : (
        <fieldset class="stats-filters__group">
          <legend>Qui</legend>
          {choices.kind === "network" ? (
            <>
              {select("structure", "Structure employeuse", choices.structures, "Toutes les structures")}
              {select(
                "employeur",
                "Type de structure employeuse",
                EMPLOYER_KINDS.map((k) => ({ value: k, label: STRUCTURE_KINDS[k] })),
                "Tous les types",
              )}
              {select("epci", "Intercommunalité (EPCI) où a eu lieu l'activité", choices.epcis, "Tout le département")}
              {commune("commune", "Commune où a eu lieu l'activité")}
            </>
          ) : null}
          {select("conseiller", "Conseiller ou conseillère", choices.advisors, "Tous")}
        </fieldset>
      )}
      <fieldset class="stats-filters__group">
        <legend>Activité</legend>
        {select("type", "Type d'activité", options(ACTIVITY_TYPES), "Tous les types")}
        {select("thematique", "Thématique", options(THEMES), "Toutes les thématiques")}
        {select("demarche", "Démarche administrative", options(PROCEDURE_AREAS), "Toutes les démarches")}
        {select("type_lieu", "Type de lieu", options(PLACE_TYPES), "Tous les types de lieu")}
        {select("lieu", "Lieu", choices.places, "Tous les lieux")}
      </fieldset>
      <fieldset class="stats-filters__group">
        <legend>Personnes accompagnées</legend>
        {select("genre", "Genre", options(GENDERS), "Tous")}
        {select("tranche_age", "Tranche d'âge", options(AGE_BANDS), "Toutes")}
        {select("statut", "Statut", options(SOCIAL_STATUSES), "Tous")}
        {commune("commune_residence", "Commune de résidence")}
      </fieldset>
      <div class="stats-filters__actions">
        <Button>Afficher les chiffres</Button>
        <a href={props.action}>Retirer les filtres</a>
      </div>
    </form>
  );
}
