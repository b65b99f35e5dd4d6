// Step 4: the person's details, the consent sentence and checkbox, for the chosen slot.
import { Button, CsrfField, ErrorSummary, type FieldErrors, TextField } from "../../web/components.tsx";
import { TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { PageContext } from "../../web/layout.tsx";
import type { SlotView } from "./booking.service.ts";
import { BookingLayout, HiddenFields } from "./booking.views.tsx";
import type { DetailsInput } from "./booking-details.ts";
import { NEEDS_MAX } from "./booking-details.ts";
import { type Flow, flowHref, flowPath } from "./booking-flow.ts";
import { durationLabel, formatHour, formatLongDay, locationLabel } from "./booking-format.ts";

export const RETENTION_YEARS = 2;

function Checkbox(props: { name: string; label: string; checked: boolean; error?: string }): SafeHtml {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      {props.error ? (
        <p class="field-error" id={`${props.name}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <div class="choice">
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          value="oui"
          checked={props.checked}
          aria-describedby={props.error ? `${props.name}-erreur` : undefined}
          aria-invalid={props.error ? "true" : undefined}
        />
        <label for={props.name}>{props.label}</label>
      </div>
    </div>
  );
}

export function SlotSummary(props: { slot: SlotView }): SafeHtml {
  const { slot } = props;
  return (
    <dl class="booking-summary">
      <dt>Date</dt>
      <dd>{formatLongDay(slot.start)}</dd>
      <dt>Heure</dt>
      <dd>
        de {formatHour(slot.start)} à {formatHour(slot.end)}
      </dd>
      <dt>Motif</dt>
      <dd>
        {slot.kind.name} ({durationLabel(slot.kind.durationMinutes)}, {locationLabel(slot.kind.location).toLowerCase()})
      </dd>
      <dt>Avec</dt>
      <dd>{slot.advisorFirstName}</dd>
    </dl>
  );
}

export function DetailsPage(props: { ctx: PageContext; flow: Flow; slot: SlotView; themes: string[]; input: DetailsInput; errors: FieldErrors }): SafeHtml {
  const { flow, slot, input, errors } = props;
  const staff = flow.staff;
  const hasErrors = Object.keys(errors).length > 0;
  const back = flowHref(flow, "creneaux", { motif: slot.kind.id, besoin: props.themes });
  return (
    <BookingLayout ctx={props.ctx} flow={flow} step={4} hasErrors={hasErrors} back={{ href: back, label: "Choisir un autre créneau" }}>
      <ErrorSummary errors={errors} />
      <h2>Le rendez-vous choisi</h2>
      <SlotSummary slot={slot} />
      <form method="post" action={flowPath(flow, "coordonnees")} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <HiddenFields fields={{ ...flow.fixed, creneau: slot.id, besoin: props.themes }} />
        <h2>{staff ? "La personne" : "Vos coordonnées"}</h2>
        <TextField name="prenom" label="Prénom" autocomplete={staff ? "off" : "given-name"} value={input.prenom} error={errors.prenom} required width="medium" />
        <TextField
          name="nom"
          label="Nom"
          hint="Le nom entier, ou seulement son initiale."
          autocomplete={staff ? "off" : "family-name"}
          value={input.nom}
          error={errors.nom}
          required
          width="medium"
        />
        <p class="hint" id="contact-aide">
          {staff
            ? "Indiquez au moins un téléphone ou une adresse électronique de la personne. Un portable reçoit la confirmation et le rappel par SMS ; un numéro fixe permet seulement de l'appeler."
            : "Indiquez au moins un téléphone portable ou une adresse électronique : la confirmation et le rappel y seront envoyés."}
          {staff ? "" : flow.place.phone ? ` Vous n'avez ni l'un ni l'autre ? Appelez le lieu au ${flow.place.phone}.` : " Vous n'avez ni l'un ni l'autre ? Appelez le lieu."}
        </p>
        <TextField
          name="telephone"
          label={staff ? "Téléphone" : "Téléphone portable"}
          hint={staff ? "Portable ou fixe. Par exemple : 06 12 34 56 78 ou 05 53 12 34 56." : "Un numéro en 06 ou 07, pour recevoir un SMS. Par exemple : 06 12 34 56 78."}
          type="tel"
          autocomplete={staff ? "off" : "tel"}
          value={input.telephone}
          error={errors.telephone}
          width="medium"
        />
        <TextField
          name="courriel"
          label="Adresse électronique"
          type="email"
          autocomplete={staff ? "off" : "email"}
          value={input.courriel}
          error={errors.courriel}
          width="medium"
        />
        <TextField
          name="annee_naissance"
          label="Année de naissance"
          hint="En 4 chiffres, par exemple 1958."
          inputmode="numeric"
          value={input.annee_naissance}
          error={errors.annee_naissance}
          width="short"
        />
        <TextField
          name="commune"
          label="Commune où vous habitez"
          hint="Son nom ou son code postal."
          autocomplete={staff ? "off" : "address-level2"}
          value={input.commune}
          error={errors.commune}
          width="medium"
        />
        <Checkbox name="accompagne" label="Viendra accompagné ou accompagnée (un proche, un aidant)" checked={input.accompagne} />
        <TextAreaField
          name="besoins"
          label="Besoins particuliers"
          hint="Par exemple : se déplace en fauteuil, entend mal, lit difficilement le français."
          value={input.besoins}
          error={errors.besoins}
          maxlength={NEEDS_MAX}
          rows={3}
        />
        <h2>{staff ? "L'accord de la personne" : "Votre accord"}</h2>
        <p class="consent">
          {staff ? "Lisez cette phrase à la personne : « " : ""}
          Nous gardons ces informations pendant {RETENTION_YEARS} ans après le rendez-vous. Elles servent seulement à organiser le
          rendez-vous, à envoyer la confirmation et le rappel, et à préparer l'accompagnement. Seule l'équipe du lieu les voit ; elles ne
          sont ni vendues ni partagées. Vous pouvez demander à les consulter ou à les effacer auprès du lieu.{staff ? " »" : ""}
        </p>
        <Checkbox
          name="consentement"
          label={staff ? "La personne est d'accord" : `J'accepte que ces informations soient gardées ${RETENTION_YEARS} ans pour organiser mon rendez-vous`}
          checked={input.consentement}
          error={errors.consentement}
        />
        <Button>Confirmer le rendez-vous</Button>
      </form>
    </BookingLayout>
  );
}
