// The list of reports: filters (a GET form that works without JavaScript), the count, the export links,
// one table row per report with a link to it, pagination that keeps the filters, and an empty state.
import { ErrorSummary, type FieldErrors, formatNumber, Notice, Pagination } from "../../../web/components.tsx";
import { SelectField } from "../../../web/form-controls.tsx";
import { durationText } from "../../../web/french-format.ts";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { queryString } from "../../../web/page.ts";
import type { ReportScope } from "../activities.policy.ts";
import { ACTIVITY_TYPES, labelOf, PLACE_TYPES, THEMES, type Theme } from "../taxonomy.ts";
import type { FilterInput } from "./activity-filters.ts";
import type { FilterChoices, ListEntry } from "./activity-list.service.ts";

export interface ListPageModel {
  ctx: PageContext;
  scope: ReportScope;
  canWrite: boolean;
  input: FilterInput;
  /** The filters of the links (export, pages): the checked input, or none when it has errors. */
  linkQuery: Record<string, string | null>;
  errors: FieldErrors;
  choices: FilterChoices;
  total: number;
  page: number;
  pageCount: number;
  entries: ListEntry[];
  filtered: boolean;
  /** A confirmation after an action elsewhere (a report deleted). */
  notice: string | null;
}

const DAY = new Intl.DateTimeFormat("fr-FR", { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function formatDay(iso: string): string {
  return DAY.format(new Date(`${iso}T12:00:00Z`));
}

export function formatDuration(minutes: number): string {
  return durationText(minutes);
}

export function countLabel(total: number): string {
  if (total === 0) return "Aucun compte rendu";
  return total === 1 ? "1 compte rendu" : `${formatNumber(total)} comptes rendus`;
}

function heading(scope: ReportScope): string {
  if (scope.kind === "network") return "Comptes rendus d'activité du réseau";
  if (scope.kind === "structures") return "Comptes rendus de la structure";
  return "Mes comptes rendus d'activité";
}

function themeLabel(code: string): string {
  return THEMES.some((t) => t.code === code) ? labelOf(THEMES, code as Theme) : code;
}

function placeText(entry: ListEntry): string {
  const r = entry.row;
  if (r.place_type === "lieu-activite") return r.place_name ?? "Lieu d'activité";
  const kind = PLACE_TYPES.find((p) => p.code === r.place_type)?.label ?? r.place_type;
  return r.commune_name ? `${kind} (${r.commune_name})` : kind;
}

function personText(entry: ListEntry): string {
  if (entry.row.type === "collectif") return entry.row.participants_total === 1 ? "1 participant" : `${formatNumber(entry.row.participants_total)} participants`;
  return entry.personName ?? "Personne anonyme";
}

function Filters(props: { model: ListPageModel }): SafeHtml {
  const { input, errors: e, choices } = props.model;
  const option = (o: { value: string; label: string }) => o;
  return (
    <form method="get" action="/activites" class="activity-filters" aria-labelledby="filtres-titre">
      <h2 id="filtres-titre" class="activity-filters__title">
        Filtrer
      </h2>
      <div class="activity-filters__fields">
        <DateField name="du" label="Du" value={input.du} error={e.du} />
        <DateField name="au" label="Au" value={input.au} error={e.au} />
        <SelectField name="type" label="Type" value={input.type} error={e.type} placeholder="Tous" choices={ACTIVITY_TYPES.map((t) => ({ value: t.code, label: t.label }))} />
        <SelectField name="thematique" label="Thématique" value={input.thematique} error={e.thematique} placeholder="Toutes" choices={THEMES.map((t) => ({ value: t.code, label: t.label }))} />
        <SelectField name="lieu" label="Lieu" value={input.lieu} error={e.lieu} placeholder="Tous" choices={choices.places.map(option)} />
        {choices.people ? (
          <SelectField name="beneficiaire" label="Personne" value={input.beneficiaire} error={e.beneficiaire} placeholder="Toutes" choices={choices.people} />
        ) : (
          <NotOffered name="beneficiaire" error={e.beneficiaire} />
        )}
        {choices.advisors ? (
          <SelectField name="conseiller" label="Conseiller ou conseillère" value={input.conseiller} error={e.conseiller} placeholder="Tous" choices={choices.advisors} />
        ) : (
          <NotOffered name="conseiller" error={e.conseiller} />
        )}
        {choices.structures ? (
          <SelectField name="structure" label="Structure" value={input.structure} error={e.structure} placeholder="Toutes" choices={choices.structures} />
        ) : (
          <NotOffered name="structure" error={e.structure} />
        )}
      </div>
      <p class="activity-filters__actions">
        <button type="submit" class="button button--primary">
          Afficher
        </button>
        {props.model.filtered || Object.keys(e).length > 0 ? <a href="/activites">Effacer les filtres</a> : null}
      </p>
    </form>
  );
}

/** A filter this actor does not have, given in the URL anyway: the error stands where the field would be. */
function NotOffered(props: { name: string; error?: string }): SafeHtml | null {
  if (!props.error) return null;
  return (
    <div class="field field--error" id={props.name} tabindex="-1">
      <p class="field-error">
        <span class="visually-hidden">Erreur : </span>
        {props.error}
      </p>
    </div>
  );
}

function DateField(props: { name: string; label: string; value: string; error?: string }): SafeHtml {
  const errorId = `${props.name}-erreur`;
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>
        {props.label}
        <span class="optional"> (facultatif)</span>
      </label>
      {props.error ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type="date"
        value={props.value}
        class="input input--medium"
        aria-describedby={props.error ? errorId : undefined}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}

function ReportTable(props: { model: ListPageModel }): SafeHtml {
  const showAdvisor = props.model.scope.kind !== "advisor";
  return (
    <div class="table-wrap activity-table" role="region" aria-labelledby="liste-titre" tabindex="0">
      <table>
        <caption class="visually-hidden">Comptes rendus, du plus récent au plus ancien</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Thématiques</th>
            <th scope="col">Lieu</th>
            <th scope="col">Durée</th>
            <th scope="col">Personne</th>
            {showAdvisor ? <th scope="col">Conseiller</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.model.entries.map((entry) => (
            <tr>
              <td>
                <a href={`/activites/${entry.row.id}`}>
                  {formatDay(entry.row.date)}
                  <span class="visually-hidden"> : voir le compte rendu</span>
                </a>
              </td>
              <td data-label="Type">{ACTIVITY_TYPES.find((t) => t.code === entry.row.type)?.label ?? entry.row.type}</td>
              <td data-label="Thématiques">{entry.row.themes.map(themeLabel).join(", ")}</td>
              <td data-label="Lieu">{placeText(entry)}</td>
              <td data-label="Durée">{formatDuration(entry.row.duration_minutes)}</td>
              <td data-label="Personne">{personText(entry)}</td>
              {showAdvisor ? (
                <td data-label="Conseiller">
                  {entry.row.advisor_first_name} {entry.row.advisor_last_name}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmptyState(props: { model: ListPageModel }): SafeHtml {
  const { model } = props;
  if (model.filtered) {
    return (
      <p>
        Aucun compte rendu ne correspond à ces filtres. <a href="/activites">Voir tous les comptes rendus</a>
      </p>
    );
  }
  return model.canWrite ? (
    <p>
      Vous n'avez encore saisi aucun compte rendu. <a href="/activites/nouveau">Saisir un compte rendu</a>
    </p>
  ) : (
    <p>Aucun compte rendu n'a encore été saisi.</p>
  );
}

export function ActivityListPage(model: ListPageModel): SafeHtml {
  const errorCount = Object.keys(model.errors).length;
  const title = heading(model.scope);
  const hrefFor = (page: number) => `/activites${queryString({ ...model.linkQuery, page: page > 1 ? page : null })}`;
  const exportQuery = queryString(model.linkQuery);
  return (
    <Layout ctx={model.ctx} title={`${errorCount > 0 ? "Erreur : " : ""}${title}${model.page > 1 ? ` (page ${model.page})` : ""}`}>
      <h1>{title}</h1>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      {model.scope.kind === "network" ? (
        <p>Les personnes accompagnées restent anonymes : ni leur nom ni leurs coordonnées n'apparaissent ici ni dans les fichiers.</p>
      ) : null}
      {model.canWrite ? (
        <p>
          <a href="/activites/nouveau" class="button button--primary">
            Saisir un compte rendu
          </a>
        </p>
      ) : null}
      <ErrorSummary errors={model.errors} />
      <Filters model={model} />
      <h2 id="liste-titre" class="activity-count">
        {countLabel(model.total)}
        {model.filtered ? <span class="meta"> avec ces filtres</span> : null}
      </h2>
      {model.total > 0 ? (
        <>
          <ul class="activity-exports">
            <li>
              <a href={`/activites/export.csv${exportQuery}`} download>
                Télécharger en CSV<span class="visually-hidden"> les {countLabel(model.total)}</span> (tableur, séparateur point-virgule)
              </a>
            </li>
            <li>
              <a href={`/activites/export.xlsx${exportQuery}`} download>
                Télécharger en Excel (.xlsx)<span class="visually-hidden"> les {countLabel(model.total)}</span>
              </a>
            </li>
          </ul>
          <ReportTable model={model} />
          <Pagination page={model.page} pageCount={model.pageCount} hrefFor={hrefFor} />
        </>
      ) : (
        <EmptyState model={model} />
      )}
    </Layout>
  );
}
