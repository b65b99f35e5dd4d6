// A place's permanences: the list with what the viewer may do, and the creation / edition form.
import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../../web/components.tsx";
import { BackLink, ChoiceGroup, type FormReuse, SelectField, TimeInput } from "../../../web/form-controls.tsx";
import { clockTimeOf } from "../../../web/french-format.ts";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { PERMANENCE_MODES, type PermanenceMode } from "../../permanences/permanence.ts";
import { DAY_NAMES } from "./opening-hours-editor.ts";
import type { PermanenceListRow } from "./permanence-admin.repository.ts";
import type { PermanenceFormValues } from "./permanence-form.ts";

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export function describeRule(p: Pick<PermanenceListRow, "weekdays" | "start_time" | "end_time" | "every_weeks" | "valid_from" | "valid_to">): string {
  const days = p.weekdays.map((d) => DAY_NAMES[d - 1]?.toLowerCase()).join(", ");
  const rhythm = p.every_weeks === 1 ? "chaque semaine" : `toutes les ${p.every_weeks} semaines`;
  const period = p.valid_to ? `du ${frenchDate(p.valid_from)} au ${frenchDate(p.valid_to)}` : `à partir du ${frenchDate(p.valid_from)}`;
  return `${days}, de ${clockTimeOf(p.start_time)} à ${clockTimeOf(p.end_time)}, ${rhythm}, ${period}`;
}

export interface PermanenceListModel {
  placeId: string;
  placeName: string;
  rows: (PermanenceListRow & { canEdit: boolean })[];
  canAdd: boolean;
  notice: string | null;
}

export function PermanenceListPage(props: { ctx: PageContext; model: PermanenceListModel }): SafeHtml {
  const { model } = props;
  const base = `/gestion/lieux/${model.placeId}/permanences`;
  return (
    <Layout ctx={props.ctx} title={`Permanences : ${model.placeName}`}>
      <BackLink href={`/gestion/lieux/${model.placeId}`}>Retour au lieu</BackLink>
      <h1>Permanences de « {model.placeName} »</h1>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      {model.canAdd ? (
        <p>
          <a href={`${base}/nouvelle`} class="button button--primary">
            Ajouter une permanence
          </a>
        </p>
      ) : null}
      {model.rows.length === 0 ? <p>Aucune permanence dans ce lieu.</p> : null}
      <ul class="result-list">
        {model.rows.map((p) => (
          <li>
            <h2 class="change-history__title">
              {p.first_name} {p.last_name}
            </h2>
            <p>
              {describeRule(p)}. {PERMANENCE_MODES[p.mode as PermanenceMode]}.
            </p>
            {p.cancelled_dates.length > 0 ? <p class="meta">Annulée le {p.cancelled_dates.map(frenchDate).join(", ")}.</p> : null}
            {p.canEdit ? (
              <p>
                <a href={`${base}/${p.id}/modifier`}>
                  Modifier<span class="visually-hidden"> la permanence de {p.first_name} {p.last_name} ({describeRule(p)})</span>
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface PermanenceFormModel {
  placeId: string;
  placeName: string;
  permanenceId: string | null;
  values: PermanenceFormValues;
  errors: Record<string, string>;
  advisors: { id: string; first_name: string; last_name: string; structure_name: string }[];
  /** Another page reusing the form (a permanence created to answer a commune request): where it posts and leads back, and why. */
  reuse?: FormReuse;
}

export function PermanenceFormPage(props: { ctx: PageContext; model: PermanenceFormModel }): SafeHtml {
  const { model } = props;
  const { values: v, errors: e } = model;
  const base = `/gestion/lieux/${model.placeId}/permanences`;
  const heading = model.permanenceId ? "Modifier la permanence" : "Nouvelle permanence";
  const action = model.reuse?.action ?? (model.permanenceId ? `${base}/${model.permanenceId}/modifier` : `${base}/nouvelle`);
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading} : ${model.placeName}`}>
      <BackLink href={model.reuse?.back.href ?? base}>{model.reuse?.back.label ?? "Toutes les permanences du lieu"}</BackLink>
      <h1>
        {heading} <span class="admin-subtitle">à « {model.placeName} »</span>
      </h1>
      {model.reuse ? <p class="lead">{model.reuse.intro}</p> : null}
      <ErrorSummary errors={e} />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <SelectField
          name="advisor_id"
          label="Conseiller ou conseillère"
          choices={model.advisors.map((a) => ({ value: a.id, label: `${a.first_name} ${a.last_name} (${a.structure_name})` }))}
          value={v.advisor_id}
          error={e.advisor_id}
          placeholder={model.advisors.length > 1 ? "Choisissez une personne" : undefined}
          required
        />
        <ChoiceGroup
          name="weekdays"
          legend="Jours de la semaine"
          type="checkbox"
          choices={DAY_NAMES.map((day, i) => ({ value: String(i + 1), label: day }))}
          selected={v.weekdays}
          error={e.weekdays}
          required
          compact
        />
        <div class="form-row">
          <TimeInput name="start_time" label="Heure de début" value={v.start_time} error={e.start_time} required />
          <TimeInput name="end_time" label="Heure de fin" value={v.end_time} error={e.end_time} required />
        </div>
        <SelectField
          name="every_weeks"
          label="Rythme"
          choices={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: n === 1 ? "Chaque semaine" : `Toutes les ${n} semaines` }))}
          value={v.every_weeks}
          error={e.every_weeks}
          required
        />
        <div class="form-row">
          <TextField name="valid_from" label="À partir du" type="date" value={v.valid_from} error={e.valid_from} required width="medium" />
          <TextField name="valid_to" label="Jusqu'au" type="date" value={v.valid_to} error={e.valid_to} width="medium" />
        </div>
        <TextField
          name="cancelled_dates"
          label="Dates annulées"
          hint="Séparées par des virgules, par exemple 2026-12-24, 2026-12-31. Les jours fériés sont déjà exclus."
          value={v.cancelled_dates}
          error={e.cancelled_dates}
        />
        <ChoiceGroup
          name="mode"
          legend="Accueil des personnes"
          type="radio"
          choices={Object.entries(PERMANENCE_MODES).map(([value, label]) => ({ value, label }))}
          selected={[v.mode]}
          error={e.mode}
          required
        />
        <Button>{model.permanenceId ? "Enregistrer les modifications" : "Ajouter la permanence"}</Button>
      </form>
      {model.permanenceId ? (
        <form method="post" action={`${base}/${model.permanenceId}/supprimer`} class="danger-zone">
          <CsrfField token={props.ctx.csrfToken} />
          <h2>Supprimer</h2>
          <p>La permanence disparaît de la page du lieu. Pour une absence ponctuelle, ajoutez plutôt une date annulée.</p>
          <Button variant="secondary">Supprimer cette permanence</Button>
        </form>
      ) : null}
    </Layout>
  );
}
