// The referral form (fiche de liaison) a partner agent fills in with the person: where to, what for,
// how to reach them, and their recorded consent. A plain form that re-renders with the input and errors.
import { Button, CsrfField, ErrorSummary, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, SelectField, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { THEMES } from "../activities/taxonomy.ts";
import type { ReferralFormValues } from "./referral-form.ts";
import type { PlaceOption } from "./referrals.service.ts";
import { CONSENT_MODES, CONTACT_PREFERENCES, URGENCIES } from "./referrals.ts";

export interface ReferralFormModel {
  fromName: string;
  places: PlaceOption[];
  values: ReferralFormValues;
  errors: Record<string, string>;
}

export function ReferralFormPage(props: { ctx: PageContext; model: ReferralFormModel }): SafeHtml {
  const { values: v, errors: e } = props.model;
  const heading = "Orienter une personne";
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading}`}>
      <BackLink href="/orientations">Orientations</BackLink>
      <h1>{heading}</h1>
      <p class="lead">
        {props.model.fromName} oriente une personne vers un lieu du réseau. La structure qui reçoit l'orientation la contacte ; vous suivez les étapes
        (rendez-vous fixé, personne venue, accompagnement réalisé), jamais le contenu de l'aide.
      </p>
      <ErrorSummary errors={e} />
      <form method="post" action="/orientations/nouvelle" class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <h2>Vers quel lieu ?</h2>
        <SelectField
          name="lieu"
          label="Lieu du réseau"
          hint="La structure de ce lieu reçoit l'orientation."
          choices={props.model.places.map((p) => ({ value: p.id, label: `${p.commune_name} – ${p.name}` }))}
          value={v.lieu}
          error={e.lieu}
          placeholder="Choisissez un lieu"
          required
        />
        <h2>Pour quoi ?</h2>
        <ChoiceGroup
          name="besoin"
          legend="Besoins de la personne"
          type="checkbox"
          choices={THEMES.map((t) => ({ value: t.code, label: t.label }))}
          selected={v.besoin}
          error={e.besoin}
          required
        />
        <TextAreaField name="besoins" label="Précisions utiles" hint="Sans information de santé ni de situation sociale détaillée." value={v.besoins} error={e.besoins} maxlength={1000} />
        <ChoiceGroup
          name="urgence"
          legend="Urgence"
          type="radio"
          choices={Object.entries(URGENCIES).map(([value, label]) => ({ value, label }))}
          selected={[v.urgence]}
          error={e.urgence}
          required
        />
        <h2>La personne</h2>
        <TextField name="prenom" label="Prénom" value={v.prenom} error={e.prenom} required autocomplete="off" />
        <TextField name="nom" label="Nom" value={v.nom} error={e.nom} required autocomplete="off" />
        <TextField name="telephone" label="Téléphone" type="tel" value={v.telephone} error={e.telephone} autocomplete="off" width="medium" />
        <TextField name="courriel" label="Adresse électronique" type="email" value={v.courriel} error={e.courriel} autocomplete="off" />
        <ChoiceGroup
          name="contact"
          legend="Comment la personne préfère-t-elle être contactée ?"
          type="radio"
          choices={Object.entries(CONTACT_PREFERENCES).map(([value, label]) => ({ value, label }))}
          selected={[v.contact]}
          error={e.contact}
          required
        />
        <TextField name="commune" label="Commune où elle habite" hint="Son nom ou son code postal." value={v.commune} error={e.commune} width="medium" />
        <h2>Son accord</h2>
        <ChoiceGroup
          name="consentement"
          legend="Accord de la personne"
          type="checkbox"
          choices={[{ value: "oui", label: "La personne accepte que ses coordonnées et ses besoins soient transmis à la structure qui l'accompagnera." }]}
          selected={v.consentement ? ["oui"] : []}
          error={e.consentement}
          required
        />
        <ChoiceGroup
          name="mode_consentement"
          legend="Comment a-t-elle donné son accord ?"
          type="radio"
          choices={Object.entries(CONSENT_MODES).map(([value, label]) => ({ value, label }))}
          selected={[v.mode_consentement]}
          error={e.mode_consentement}
          required
        />
        <p class="hint">L'accord est enregistré avec la date d'aujourd'hui et votre nom.</p>
        <Button>Envoyer l'orientation</Button>
      </form>
    </Layout>
  );
}
