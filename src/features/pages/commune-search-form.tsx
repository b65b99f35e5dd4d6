// The « Trouver de l'aide près de chez moi » search: a plain GET form, enhanced with suggestions by a script.
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";

export function CommuneSearchForm(props: { q?: string; error?: string; headingLevel?: 2 | 3 }): SafeHtml {
  const describedBy = props.error ? "q-aide q-erreur" : "q-aide";
  return (
    <form method="get" action="/recherche-commune" class="search-box" role="search" data-commune-search novalidate>
      <div class={props.error ? "field field--error" : "field"}>
        <label for="q">Votre commune ou votre code postal</label>
        <p class="hint" id="q-aide">
          Par exemple : Agen ou 47000
        </p>
        {props.error ? (
          <p class="field-error" id="q-erreur">
            <span class="visually-hidden">Erreur : </span>
            {props.error}
          </p>
        ) : null}
        <div class="combobox">
          <input
            id="q"
            name="q"
            type="text"
            class="input input--medium"
            value={props.q ?? ""}
            autocomplete="off"
            aria-describedby={describedBy}
            aria-invalid={props.error ? "true" : undefined}
            required
          />
        </div>
      </div>
      <button type="submit" class="button button--primary">
        Trouver de l'aide
      </button>
    </form>
  );
}
