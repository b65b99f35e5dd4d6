// The request form: a commune agent asking for an advisor, or the coordination recording a request
// received by phone or letter. A plain form that re-renders with the input and the errors beside the fields.
import { Button, CsrfField, ErrorSummary, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, SelectField, TextAreaField, TimeInput } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { DAY_NAMES } from "../places/admin/opening-hours-editor.ts";
import { PUBLICS } from "../places/place-standard.ts";
import type { CommuneMatch } from "../territory/territory.repository.ts";
import { DETAILS_MAX, type RequestFormValues } from "./request-form.ts";
import type { PlaceChoice } from "./request-parties.repository.ts";
import { RECORDED_CHANNELS, REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_RHYTHMS, type RequestSide } from "./requests.ts";

export interface RequestFormModel {
  side: RequestSide;
  /** The commune agent's commune, fixed; null when the coordination types it. */
  fixedCommune: string | null;
  structureName: string | null;
  places: PlaceChoice[];
  communeChoices: CommuneMatch[];
  values: RequestFormValues;
  errors: Record<string, string>;
}

export function RequestFormPage(props: { ctx: PageContext; model: RequestFormModel }): SafeHtml {
  const { model } = props;
  const { values: v, errors: e } = model;
  const heading = model.side === "coordination" ? "Enregistrer une demande reçue" : "Faire une demande au réseau";
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading}`} scripts={model.fixedCommune ? [] : ["/static/commune-search.js"]}>
      <BackLink href="/demandes">Toutes les demandes</BackLink>
      <h1>{heading}</h1>
      {model.side === "commune" ? (
        <p class="lead">
          Décrivez votre besoin : la coordination départementale étudie votre demande, vous répond par courriel et vous pouvez la suivre sur ce site.
        </p>
      ) : (
        <p class="lead">Pour une demande arrivée par téléphone, courrier ou lors d'une rencontre : la commune pourra la suivre en ligne si elle a un compte.</p>
      )}
      <ErrorSummary errors={e} />
      <form method="post" action="/demandes/nouvelle" class="admin-form request-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <ChoiceGroup
          name="kind"
          legend="Que demandez-vous ?"
          type="radio"
          choices={Object.entries(REQUEST_KINDS).map(([value, k]) => ({ value, label: k.label }))}
          selected={[v.kind]}
          error={e.kind}
          required
        />

        <h2>Où ?</h2>
        {model.fixedCommune ? (
          <p>
            Commune : <strong>{model.fixedCommune}</strong> ({model.structureName})
          </p>
        ) : (
          <>
            <TextField
              name="commune"
              label="Commune qui fait la demande"
              hint="Son nom ou son code postal, par exemple Nérac ou 47600."
              value={v.commune}
              error={e.commune}
              required
              width="medium"
              extra={{ "data-commune-field": "" }}
            />
            {model.communeChoices.length > 0 ? (
              <ChoiceGroup
                name="commune_code"
                legend="Précisez la commune"
                type="radio"
                choices={model.communeChoices.map((c) => ({ value: c.code, label: `${c.name} (${c.postcodes.join(", ")})` }))}
                selected={[v.commune_code]}
              />
            ) : null}
          </>
        )}
        <SelectField
          name="place_id"
          label="Lieu proposé"
          hint="Un lieu déjà connu du réseau, si possible. Sinon, indiquez une adresse ci-dessous."
          choices={model.places.map((p) => ({ value: p.id, label: `${p.name} (${p.commune_name})` }))}
          value={v.place_id}
          error={e.place_id}
          placeholder="Aucun lieu de la liste"
        />
        <TextField name="address" label="Ou une adresse" hint="Par exemple : Salle des fêtes, place du Marché." value={v.address} error={e.address} autocomplete="street-address" />

        <h2>Quand ?</h2>
        <ChoiceGroup
          name="weekdays"
          legend="Jours souhaités"
          type="checkbox"
          choices={DAY_NAMES.map((day, i) => ({ value: String(i + 1), label: day }))}
          selected={v.weekdays}
          error={e.weekdays}
          compact
        />
        <fieldset class="field">
          <legend>
            Horaires souhaités<span class="optional"> (facultatif)</span>
          </legend>
          <div class="form-row">
            <TimeInput name="start_time" label="De" value={v.start_time} error={e.start_time} />
            <TimeInput name="end_time" label="À" value={v.end_time} error={e.end_time} />
          </div>
        </fieldset>
        <SelectField
          name="rhythm"
          label="Rythme"
          choices={Object.entries(REQUEST_RHYTHMS).map(([value, r]) => ({ value, label: r.label }))}
          value={v.rhythm}
          error={e.rhythm}
          placeholder="À définir ensemble"
        />
        <TextField
          name="start_date"
          label="À partir du (ou date de l'événement)"
          hint="Obligatoire pour une intervention ponctuelle."
          type="date"
          value={v.start_date}
          error={e.start_date}
          width="medium"
        />

        <h2>Pour qui ?</h2>
        <ChoiceGroup
          name="publics"
          legend="Publics concernés"
          type="checkbox"
          choices={PUBLICS.map((p) => ({ value: p.code, label: p.label }))}
          selected={v.publics}
          error={e.publics}
          compact
        />
        <TextField
          name="public_details"
          label="Précisions sur le public"
          hint="Obligatoire pour un public particulier, par exemple « résidents de l'EHPAD » ou « demandeurs d'emploi »."
          value={v.public_details}
          error={e.public_details}
        />
        <TextField
          name="expected_people"
          label="Nombre de personnes attendues"
          hint="Par séance ou par mois, une estimation suffit."
          type="number"
          inputmode="numeric"
          value={v.expected_people}
          error={e.expected_people}
          width="short"
        />
        <TextAreaField
          name="details"
          label="Votre demande en quelques phrases"
          hint="Le besoin des habitants, ce qui existe déjà, vos contraintes (salle, matériel, connexion)."
          value={v.details}
          error={e.details}
          rows={6}
          maxlength={DETAILS_MAX}
          required
        />

        <h2>Qui contacter ?</h2>
        <TextField name="contact_name" label="Nom et prénom" value={v.contact_name} error={e.contact_name} required autocomplete="name" />
        <TextField name="contact_role" label="Fonction" hint="Par exemple : secrétaire de mairie, adjointe aux affaires sociales." value={v.contact_role} error={e.contact_role} autocomplete="organization-title" />
        <TextField
          name="contact_email"
          label="Adresse électronique"
          hint="Une adresse électronique ou un téléphone au moins."
          type="email"
          value={v.contact_email}
          error={e.contact_email}
          autocomplete="email"
        />
        <TextField name="contact_phone" label="Téléphone" type="tel" value={v.contact_phone} error={e.contact_phone} autocomplete="tel" width="medium" />
        {model.side === "coordination" ? (
          <ChoiceGroup
            name="channel"
            legend="Comment la demande est-elle arrivée ?"
            type="radio"
            choices={RECORDED_CHANNELS.map((c) => ({ value: c, label: REQUEST_CHANNELS[c] }))}
            selected={[v.channel]}
            error={e.channel}
            required
          />
        ) : null}
        <Button>{model.side === "coordination" ? "Enregistrer la demande" : "Envoyer ma demande"}</Button>
      </form>
    </Layout>
  );
}
