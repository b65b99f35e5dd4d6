// An advisor's exceptional openings: the upcoming ones (with deletion) and the form to add one.
import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import { BackLink, SelectField, TimeInput } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { toParis } from "../calendar/paris-time.ts";
import type { AdvisorSummary } from "./agenda.repository.ts";
import { dayTitle, timeRange, withAdvisor } from "./agenda-format.ts";
import type { OpeningPlace, OpeningRow } from "./openings.repository.ts";
import { MAX_MONTHS_AHEAD, type OpeningFormValues } from "./openings-form.ts";

export interface OpeningsModel {
  advisor: AdvisorSummary;
  isOwn: boolean;
  openings: OpeningRow[];
  places: OpeningPlace[];
  values: OpeningFormValues;
  errors: Record<string, string>;
  notice: string | null;
}

/** « Samedi 12 février, 9 h – 12 h ». */
export function describeOpening(o: OpeningRow): string {
  return `${dayTitle(toParis(o.startsAt).date)}, ${timeRange(o.startsAt, o.endsAt)}`;
}

export function OpeningsPage(props: { ctx: PageContext; model: OpeningsModel }): SafeHtml {
  const { model } = props;
  const { values: v, errors: e } = model;
  const other = model.isOwn ? null : model.advisor.id;
  const heading = model.isOwn ? "Mes ouvertures exceptionnelles" : `Ouvertures exceptionnelles de ${model.advisor.firstName} ${model.advisor.lastName}`;
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading}`}>
      <BackLink href={`/agenda${withAdvisor({}, other)}`}>Retour à l'agenda</BackLink>
      <h1>{heading}</h1>
      <p>En dehors des permanences, une ouverture exceptionnelle propose des rendez-vous en ligne dans un lieu, un jour donné.</p>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      <ErrorSummary errors={e} />
      <h2>Prochaines ouvertures</h2>
      {model.openings.length === 0 ? <p>Aucune ouverture exceptionnelle à venir.</p> : null}
      <ul class="result-list">
        {model.openings.map((o) => (
          <li>
            <h3 class="change-history__title">{describeOpening(o)}</h3>
            <p>
              {o.placeName}, {o.communeName}.
            </p>
            <form method="post" action={`/agenda/ouvertures/${o.id}/supprimer${withAdvisor({}, other)}`} class="inline-form">
              <CsrfField token={props.ctx.csrfToken} />
              <Button variant="link">
                Supprimer<span class="visually-hidden"> l'ouverture du {describeOpening(o)} à {o.placeName}</span>
              </Button>
            </form>
          </li>
        ))}
      </ul>
      <h2>Ajouter une ouverture exceptionnelle</h2>
      {model.places.length === 0 ? (
        <p>Aucun lieu n'est rattaché à cette structure ou à ses permanences : une ouverture exceptionnelle n'est pas possible.</p>
      ) : (
        <form method="post" action={`/agenda/ouvertures${withAdvisor({}, other)}`} class="admin-form" novalidate>
          <CsrfField token={props.ctx.csrfToken} />
          <SelectField
            name="place"
            label="Lieu"
            choices={model.places.map((p) => ({ value: p.id, label: `${p.name} (${p.communeName})` }))}
            value={v.place}
            error={e.place}
            placeholder="Choisissez un lieu"
            required
          />
          <TextField
            name="date"
            label="Date"
            type="date"
            hint={`Dans les ${MAX_MONTHS_AHEAD} prochains mois.`}
            value={v.date}
            error={e.date}
            width="medium"
            required
          />
          <div class="form-row">
            <TimeInput name="start_time" label="De" value={v.start_time} error={e.start_time} required />
            <TimeInput name="end_time" label="À" value={v.end_time} error={e.end_time} required />
          </div>
          <Button>Ajouter l'ouverture</Button>
        </form>
      )}
    </Layout>
  );
}

/** Managers and coordinators first choose whose openings to manage. */
export function OpeningsAdvisorPickPage(props: { ctx: PageContext; advisors: AdvisorSummary[] }): SafeHtml {
  const heading = "Ouvertures exceptionnelles des conseillers";
  return (
    <Layout ctx={props.ctx} title={heading}>
      <h1>{heading}</h1>
      {props.advisors.length === 0 ? <p>Aucun conseiller ni conseillère dans vos structures.</p> : <p>Choisissez une personne.</p>}
      <ul class="result-list">
        {props.advisors.map((a) => (
          <li>
            <a href={`/agenda/ouvertures?conseiller=${a.id}`}>
              {a.firstName} {a.lastName}
            </a>
            <span class="meta"> · {a.structureName}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
