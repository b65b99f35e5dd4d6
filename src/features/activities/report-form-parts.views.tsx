// Parts of the report form about people (the person helped, the participants, what came of it) and the
// commune field shared with the place. Pure views.
import { TextField } from "../../web/components.tsx";
import { type Choice, ChoiceGroup, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { MAX_ANONYMOUS_PARTICIPANTS } from "./activity.ts";
import { BREAKDOWNS, type BreakdownName, type ReportFormValues } from "./report-form.ts";
import { AGE_BANDS, AUTONOMY_LEVELS, GENDERS, ORIENTATION_ANSWERS, REFERRAL_STRUCTURES, SOCIAL_STATUSES, type TaxonomyOption } from "./taxonomy.ts";

export const COMMUNES_LIST = "communes-du-departement";

export type Part = { v: ReportFormValues; e: Record<string, string> };
export type PersonOption = { id: string; label: string };

/** The people to offer, plus any already chosen whose name the advisor may no longer see (kept, unnamed). */
function withChosen(people: PersonOption[], chosen: string[]): PersonOption[] {
  const missing = chosen.filter((id) => !people.some((p) => p.id === id));
  return [...people, ...missing.map((id) => ({ id, label: "Personne suivie (nom non affiché)" }))];
}

export function choices(table: readonly TaxonomyOption[], skip: string[] = []): Choice[] {
  return table.filter((o) => !skip.includes(o.code)).map((o) => ({ value: o.code, label: o.label }));
}

export function CommuneField(props: { name: string; label: string; value: string; error?: string; hint: string; required?: boolean }): SafeHtml {
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

/**
 * A field required only with some choices (the place list, the commune of a home visit): no « facultatif »
 * and no `required` attribute, since both would be wrong half the time; the hint says when to fill it.
 */
export function ConditionalField(props: { name: string; label: string; hint: string; error?: string; children: SafeHtml }): SafeHtml {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>{props.label}</label>
      <p class="hint" id={`${props.name}-aide`}>
        {props.hint}
      </p>
      {props.error ? (
        <p class="field-error" id={`${props.name}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(name: string, error?: string): string {
  return error ? `${name}-aide ${name}-erreur` : `${name}-aide`;
}

export function PlaceSelect(props: { value: string; error?: string; places: { id: string; name: string; communeName: string | null }[] }): SafeHtml {
  return (
    <ConditionalField name="placeId" label="Lieu d'activité" hint="Si vous avez choisi « Dans un de mes lieux d'activité »." error={props.error}>
      <select id="placeId" name="placeId" class="input input--medium" aria-describedby={describedBy("placeId", props.error)} aria-invalid={props.error ? "true" : undefined}>
        <option value="">Choisissez un lieu</option>
        {props.places.map((p) => (
          <option value={p.id} selected={p.id === props.value}>
            {p.communeName ? `${p.name} (${p.communeName})` : p.name}
          </option>
        ))}
      </select>
    </ConditionalField>
  );
}

export function PlaceCommune(props: { value: string; error?: string }): SafeHtml {
  return (
    <ConditionalField
      name="communeCode"
      label="Commune"
      hint="Au domicile ou dans un autre lieu : tapez le début du nom et choisissez la commune, ou son code INSEE."
      error={props.error}
    >
      <input
        id="communeCode"
        name="communeCode"
        type="text"
        value={props.value}
        list={COMMUNES_LIST}
        autocomplete="off"
        class="input input--full"
        aria-describedby={describedBy("communeCode", props.error)}
        aria-invalid={props.error ? "true" : undefined}
      />
    </ConditionalField>
  );
}

export function PersonFields(props: Part & { people: PersonOption[] }): SafeHtml {
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
          choices={withChosen(props.people, v.beneficiaryId ? [v.beneficiaryId] : []).map((p) => ({ value: p.id, label: p.label }))}
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

export function ParticipantFields(props: Part & { people: PersonOption[] }): SafeHtml {
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
      {props.people.length > 0 || v.participantIds.length > 0 ? (
        <ChoiceGroup
          name="participantIds"
          legend="Personnes suivies présentes"
          type="checkbox"
          choices={withChosen(props.people, v.participantIds).map((p) => ({ value: p.id, label: p.label }))}
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

export function OutcomeFields({ v, e }: Part): SafeHtml {
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
