// The report form, mobile first: the type, the place, the duration and the themes come first (what every
// report needs), then the person or the participants, then what is optional. No script: the fields that
// do not apply are hidden by CSS (:has) where the browser can, and otherwise simply stay visible.

import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { PartnerReferralFields, type SentReferral } from "../referrals/advisor-referral.views.tsx";
import type { PartnerTarget } from "../referrals/referral-targets.repository.ts";
import { MAX_NOTES_LENGTH, MAX_TITLE_LENGTH } from "./activity.ts";
import { type CommuneName, communeLabel } from "./commune-text.ts";
import { MANIFEST_URL, OFFLINE_ENDPOINT, OFFLINE_SCOPE, OFFLINE_SCRIPT, SERVICE_WORKER_URL } from "./offline-report.ts";
import { formType, type ReportFormValues } from "./report-form.ts";

import { COMMUNES_LIST, choices, OutcomeFields, type Part, ParticipantFields, PersonFields, PlaceCommune, PlaceSelect } from "./report-form-parts.views.tsx";
import {
  ACTIVITY_TYPES,
  COLLECTIVE_LEVELS,
  CUSTOM_DURATION,
  DURATION_PRESETS,
  EQUIPMENT,
  MAX_DURATION_MINUTES,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  THEMES,
} from "./taxonomy.ts";

export interface ReportFormModel {
  heading: string;
  action: string;
  values: ReportFormValues;
  errors: Record<string, string>;
  places: { id: string; name: string; communeName: string | null }[];
  communes: readonly CommuneName[];
  people: { id: string; label: string }[];
  /** Partner structures to refer the person to, and the referral already sent from this report. */
  partners?: PartnerTarget[];
  sentReferral?: SentReferral | null;
  /** Links to switch between an individual and a collective report; null when the type is fixed. */
  typeLinks: { individuel: string; collectif: string } | null;
  /** « Depuis le rendez-vous du … » when the form started from an appointment or a workshop. */
  origin: string | null;
  notice: string | null;
  backHref: string;
  /** A new report: the page may be installed on a phone and used without network (offline-report.js). */
  offline?: boolean;
}

export function ReportFormPage(props: { ctx: PageContext; model: ReportFormModel }): SafeHtml {
  const { values: v, errors: e } = props.model;
  const m = props.model;
  const type = formType(v);
  const hasErrors = Object.keys(e).length > 0;
  return (
    <Layout
      ctx={props.ctx}
      title={`${hasErrors ? "Erreur : " : ""}${m.heading}`}
      scripts={m.offline ? [OFFLINE_SCRIPT] : []}
      manifest={m.offline ? MANIFEST_URL : undefined}
    >
      <BackLink href={m.backHref}>Retour</BackLink>
      <h1>{m.heading}</h1>
      {m.notice ? <Notice kind="success">{m.notice}</Notice> : null}
      <ErrorSummary errors={e} />
      {m.origin ? <p class="activity-form__origin">{m.origin}</p> : null}
      {m.typeLinks ? <TypeSwitch type={type} links={m.typeLinks} error={e.type} /> : null}
      {m.offline ? <div id="hors-ligne" class="offline-reports" data-service-worker={SERVICE_WORKER_URL} data-scope={OFFLINE_SCOPE}></div> : null}
      <form method="post" action={m.action} class="admin-form activity-form" novalidate data-offline={m.offline ? OFFLINE_ENDPOINT : undefined}>
        <CsrfField token={props.ctx.csrfToken} />
        <input type="hidden" name="type" value={type} />
        {type === "collectif" ? <WorkshopFields v={v} e={e} /> : null}
        <TextField
          name="date"
          label="Date"
          type="date"
          value={v.date}
          error={e.date}
          required
          width="short"
          hint="Le jour de l'activité, aujourd'hui ou avant."
        />
        <PlaceFields v={v} e={e} places={m.places} />
        <DurationFields v={v} e={e} />
        <ChoiceGroup name="themes" legend="Thématiques" type="checkbox" hint="Cochez au moins une thématique." choices={choices(THEMES)} selected={v.themes} error={e.themes} required />
        <div class="activity-form__procedures">
          <ChoiceGroup
            name="procedureAreas"
            legend="Domaines de la démarche administrative"
            type="checkbox"
            hint="Seulement avec la thématique « Aide aux démarches administratives » : cochez alors au moins un domaine."
            choices={choices(PROCEDURE_AREAS)}
            selected={v.procedureAreas}
            error={e.procedureAreas}
          />
        </div>
        {type === "individuel" ? <PersonFields v={v} e={e} people={m.people} /> : <ParticipantFields v={v} e={e} people={m.people} />}
        <ChoiceGroup name="equipment" legend="Matériel utilisé" type="checkbox" choices={choices(EQUIPMENT)} selected={v.equipment} error={e.equipment} compact />
        {type === "individuel" ? <OutcomeFields v={v} e={e} /> : null}
        {type === "individuel" ? <PartnerReferralFields v={v.referral} e={e} partners={m.partners ?? []} sent={m.sentReferral ?? null} /> : null}
        <TextAreaField
          name="notes"
          label="Notes"
          hint="Pour vous seulement. N'y écrivez aucune donnée sensible : santé, situation sociale ou financière, mots de passe, numéros de compte."
          value={v.notes}
          rows={3}
          maxlength={MAX_NOTES_LENGTH}
          error={e.notes}
        />
        <datalist id={COMMUNES_LIST}>
          {m.communes.map((c) => (
            <option value={communeLabel(c)}></option>
          ))}
        </datalist>
        <Button>Enregistrer le compte rendu</Button>
      </form>
    </Layout>
  );
}

function TypeSwitch(props: { type: string; links: { individuel: string; collectif: string }; error?: string }): SafeHtml {
  return (
    <nav class="activity-form__types" aria-label="Type d'activité" id="type">
      {props.error ? <p class="field-error">{props.error}</p> : null}
      <ul>
        {ACTIVITY_TYPES.map((t) => (
          <li>
            <a href={props.links[t.code]} aria-current={props.type === t.code ? "page" : undefined}>
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function WorkshopFields({ v, e }: Part): SafeHtml {
  return (
    <>
      <TextField name="title" label="Titre de l'atelier" value={v.title} error={e.title} required extra={{ maxlength: String(MAX_TITLE_LENGTH) }} />
      <ChoiceGroup name="level" legend="Niveau de l'atelier" type="radio" choices={choices(COLLECTIVE_LEVELS)} selected={[v.level]} error={e.level} compact />
    </>
  );
}

function PlaceFields(props: Part & { places: ReportFormModel["places"] }): SafeHtml {
  const { v, e } = props;
  return (
    <>
      <ChoiceGroup name="placeType" legend="Où ?" type="radio" choices={choices(PLACE_TYPES)} selected={[v.placeType]} error={e.placeType} required />
      <div class="activity-form__place-id">
        <PlaceSelect value={v.placeId} error={e.placeId} places={props.places} />
      </div>
      <div class="activity-form__commune">
        <PlaceCommune value={v.communeCode} error={e.communeCode} />
      </div>
    </>
  );
}

function DurationFields({ v, e }: Part): SafeHtml {
  return (
    <>
      <ChoiceGroup
        name="durationPreset"
        legend="Durée"
        type="radio"
        choices={[...choices(DURATION_PRESETS), { value: CUSTOM_DURATION.code, label: "Autre durée" }]}
        selected={[v.durationPreset]}
        error={e.durationPreset}
        required
        compact
      />
      <div class="activity-form__minutes">
        <TextField
          name="durationMinutes"
          label="Autre durée, en minutes"
          hint={`Si vous avez choisi « Autre durée » : de 1 à ${MAX_DURATION_MINUTES} minutes.`}
          type="number"
          inputmode="numeric"
          value={v.durationMinutes}
          error={e.durationMinutes}
          width="short"
          extra={{ min: "1", max: String(MAX_DURATION_MINUTES) }}
        />
      </div>
    </>
  );
}

