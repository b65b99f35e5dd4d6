// The report form, mobile first: the type, the place, the duration and the themes come first (what every
// report needs), then the person or the participants, then what is optional. No script: the fields that
// do not apply are hidden by CSS (:has) where the browser can, and otherwise simply stay visible.
import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import { BackLink, type Choice, ChoiceGroup, SelectField, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { MAX_ANONYMOUS_PARTICIPANTS, MAX_NOTES_LENGTH, MAX_TITLE_LENGTH } from "./activity.ts";
import { type CommuneName, communeLabel } from "./commune-text.ts";
import { BREAKDOWNS, type BreakdownName, formType, type ReportFormValues } from "./report-form.ts";
import {
  ACTIVITY_TYPES,
  AGE_BANDS,
  AUTONOMY_LEVELS,
  COLLECTIVE_LEVELS,
  CUSTOM_DURATION,
  DURATION_PRESETS,
  EQUIPMENT,
  GENDERS,
  MAX_DURATION_MINUTES,
  ORIENTATION_ANSWERS,
  PLACE_TYPES,
  PROCEDURE_AREAS,
  REFERRAL_STRUCTURES,
  SOCIAL_STATUSES,
  type TaxonomyOption,
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
  /** Links to switch between an individual and a collective report; null when the type is fixed. */
  typeLinks: { individuel: string; collectif: string } | null;
  /** « Depuis le rendez-vous du … » when the form started from an appointment or a workshop. */
  origin: string | null;
  notice: string | null;
  backHref: string;
}

const COMMUNES_LIST = "communes-du-departement";

function choices(table: readonly TaxonomyOption[], skip: string[] = []): Choice[] {
  return table.filter((o) => !skip.includes(o.code)).map((o) => ({ value: o.code, label: o.label }));
}

export function ReportFormPage(props: { ctx: PageContext; model: ReportFormModel }): SafeHtml {
  const { values: v, errors: e } = props.model;
  const m = props.model;
  const type = formType(v);
  const hasErrors = Object.keys(e).length > 0;
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}${m.heading}`}>
      <BackLink href={m.backHref}>Retour</BackLink>
      <h1>{m.heading}</h1>
      {m.notice ? <Notice kind="success">{m.notice}</Notice> : null}
      <ErrorSummary errors={e} />
      {m.origin ? <p class="activity-form__origin">{m.origin}</p> : null}
      {m.typeLinks ? <TypeSwitch type={type} links={m.typeLinks} error={e.type} /> : null}
      <form method="post" action={m.action} class="admin-form activity-form" novalidate>
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

type Part = { v: ReportFormValues; e: Record<string, string> };

function WorkshopFields({ v, e }: Part): SafeHtml {
  return (
    <>
      <TextField name="title" label="Titre de l'atelier" value={v.title} error={e.title} required extra={{ maxlength: String(MAX_TITLE_LENGTH) }} />
      <ChoiceGroup name="level" legend="Niveau de l'atelier" type="radio" choices={choices(COLLECTIVE_LEVELS)} selected={[v.level]} error={e.level} compact />
    </>
  );
}

function CommuneField(props: { name: string; label: string; value: string; error?: string; hint: string; required?: boolean }): SafeHtml {
  return (
    <TextField
      name={props.name}
      label={props.label}
      hint={props.hint}
      value={props.value}
      error={props.error}
      required={props.required}
      extra={{ list: COMMUNES_LIST, autocomplete: "off" }}
    />
  );
}

function PlaceFields(props: Part & { places: ReportFormModel["places"] }): SafeHtml {
  const { v, e } = props;
  return (
    <>
      <ChoiceGroup name="placeType" legend="Où ?" type="radio" choices={choices(PLACE_TYPES)} selected={[v.placeType]} error={e.placeType} required />
      <div class="activity-form__place-id">
        <SelectField
          name="placeId"
          label="Lieu d'activité"
          hint="Si vous avez choisi « Dans un de mes lieux d'activité »."
          placeholder="Choisissez un lieu"
          choices={props.places.map((p) => ({ value: p.id, label: p.communeName ? `${p.name} (${p.communeName})` : p.name }))}
          value={v.placeId}
          error={e.placeId}
        />
      </div>
      <div class="activity-form__commune">
        <CommuneField
          name="communeCode"
          label="Commune"
          hint="Au domicile ou dans un autre lieu : tapez le début du nom et choisissez la commune, ou son code INSEE."
          value={v.communeCode}
          error={e.communeCode}
        />
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

function PersonFields(props: Part & { people: ReportFormModel["people"] }): SafeHtml {
  const { v, e } = props;
  const profileOpen = [v.gender, v.ageBand, v.socialStatus, v.residenceCommuneCode].some((x) => x !== "") || ["gender", "ageBand", "socialStatus", "residenceCommuneCode"].some((f) => e[f]);
  return (
    <>
      {props.people.length > 0 || v.beneficiaryId !== "" ? (
        <SelectField
          name="beneficiaryId"
          label="Personne accompagnée"
          hint="Par défaut, la personne reste anonyme. Choisissez une personne suivie seulement si elle a une fiche (avec son accord)."
          placeholder="Personne anonyme"
          choices={props.people.map((p) => ({ value: p.id, label: p.label }))}
          value={v.beneficiaryId}
          error={e.beneficiaryId}
        />
      ) : null}
      <details class="activity-form__profile" open={profileOpen}>
        <summary>Profil de la personne anonyme (facultatif)</summary>
        <p class="hint">Laissez vide pour une personne suivie : son profil vient de sa fiche.</p>
        <ChoiceGroup name="gender" legend="Genre" type="radio" choices={choices(GENDERS)} selected={[v.gender]} error={e.gender} compact />
        <SelectField name="ageBand" label="Âge" placeholder="Non précisé" choices={choices(AGE_BANDS, ["non-communique"])} value={v.ageBand} error={e.ageBand} />
        <SelectField
          name="socialStatus"
          label="Situation"
          placeholder="Non précisée"
          choices={choices(SOCIAL_STATUSES, ["non-communique"])}
          value={v.socialStatus}
          error={e.socialStatus}
        />
        <CommuneField
          name="residenceCommuneCode"
          label="Commune où la personne habite"
          hint="Tapez le début du nom et choisissez la commune."
          value={v.residenceCommuneCode}
          error={e.residenceCommuneCode}
        />
      </details>
    </>
  );
}

const BREAKDOWN_LEGENDS: Record<BreakdownName, string> = { genders: "Par genre", ageBands: "Par âge", socialStatuses: "Par situation" };

function ParticipantFields(props: Part & { people: ReportFormModel["people"] }): SafeHtml {
  const { v, e } = props;
  const breakdownOpen = Object.keys(v.breakdown).length > 0 || Object.keys(e).some((f) => f.startsWith("anonymousParticipants.") && f !== "anonymousParticipants.total");
  return (
    <fieldset id="participants" class={`field${e.participants ? " field--error" : ""}`} aria-describedby={e.participants ? "participants-erreur" : undefined}>
      <legend>Participants</legend>
      {e.participants ? (
        <p class="field-error" id="participants-erreur">
          <span class="visually-hidden">Erreur : </span>
          {e.participants}
        </p>
      ) : null}
      <TextField
        name="anonymousParticipants.total"
        label="Nombre de participants anonymes"
        hint="Les personnes présentes qui n'ont pas de fiche."
        type="number"
        inputmode="numeric"
        value={v.anonymousTotal}
        error={e["anonymousParticipants.total"] ?? e.anonymousParticipants}
        width="short"
        extra={{ min: "0", max: String(MAX_ANONYMOUS_PARTICIPANTS) }}
      />
      {props.people.length > 0 ? (
        <ChoiceGroup
          name="participantIds"
          legend="Personnes suivies présentes"
          type="checkbox"
          choices={props.people.map((p) => ({ value: p.id, label: p.label }))}
          selected={v.participantIds}
          error={e.participantIds}
        />
      ) : null}
      <details class="activity-form__breakdown" open={breakdownOpen}>
        <summary>Répartition des participants anonymes (facultatif)</summary>
        <p class="hint">Ce qui n'est pas réparti compte comme « non communiqué ».</p>
        {(Object.keys(BREAKDOWNS) as BreakdownName[]).map((name) => (
          <BreakdownFields name={name} v={v} e={e} />
        ))}
      </details>
    </fieldset>
  );
}

function BreakdownFields(props: Part & { name: BreakdownName }): SafeHtml {
  const { v, e, name } = props;
  const field = `anonymousParticipants.${name}`;
  return (
    <fieldset id={field} class={`field activity-form__counts${e[field] ? " field--error" : ""}`} aria-describedby={e[field] ? `${field}-erreur` : undefined}>
      <legend>{BREAKDOWN_LEGENDS[name]}</legend>
      {e[field] ? (
        <p class="field-error" id={`${field}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {e[field]}
        </p>
      ) : null}
      {BREAKDOWNS[name]
        .filter((o) => o.code !== "non-communique")
        .map((o) => (
          <TextField
            name={`${field}.${o.code}`}
            label={o.label}
            type="number"
            inputmode="numeric"
            value={v.breakdown[`${name}.${o.code}`] ?? ""}
            error={e[`${field}.${o.code}`]}
            width="short"
            extra={{ min: "0" }}
          />
        ))}
    </fieldset>
  );
}

function OutcomeFields({ v, e }: Part): SafeHtml {
  return (
    <>
      <ChoiceGroup name="autonomy" legend="Autonomie de la personne" type="radio" choices={choices(AUTONOMY_LEVELS)} selected={[v.autonomy]} error={e.autonomy} compact />
      <ChoiceGroup
        name="oriented"
        legend="La personne a-t-elle été orientée vers une autre structure ?"
        type="radio"
        choices={choices(ORIENTATION_ANSWERS)}
        selected={[v.oriented]}
        error={e.oriented}
        compact
      />
      <SelectField
        name="referralStructure"
        label="Vers quelle structure ?"
        hint="Seulement si la personne a été orientée."
        placeholder="Choisissez une structure"
        choices={choices(REFERRAL_STRUCTURES)}
        value={v.referralStructure}
        error={e.referralStructure}
      />
    </>
  );
}
