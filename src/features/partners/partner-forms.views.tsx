// The partner profile form (create or edit) and the service form: every field keeps what was typed and
// shows its French error beside it, with the error summary on top.
import { Button, CsrfField, ErrorSummary, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, SelectField, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { PARTNER_TYPOLOGIES, PUBLICS, RECEPTION_MODES, THEMATIQUES } from "./partner-vocabulary.ts";
import type { ProfileForm, ServiceForm } from "./partners.ts";

const choices = (terms: { code: string; label: string }[]) => terms.map((t) => ({ value: t.code, label: t.label }));

export function ProfileFormPage(props: {
  ctx: PageContext;
  heading: string;
  action: string;
  back: { href: string; label: string };
  form: ProfileForm;
  errors: Record<string, string>;
  epcis: { code: string; name: string }[];
}): SafeHtml {
  const { form, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={props.ctx} title={hasErrors ? `Erreur : ${props.heading}` : props.heading}>
      <BackLink href={props.back.href}>{props.back.label}</BackLink>
      <h1>{props.heading}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="nom" label="Nom de la structure" value={form.nom} error={errors.nom} required />
        <SelectField name="typologie" label="Type de structure" choices={choices(PARTNER_TYPOLOGIES)} value={form.typologie} error={errors.typologie} placeholder="Choisir un type" required />
        <TextField name="siret" label="SIRET" value={form.siret} error={errors.siret} hint="14 chiffres, sert à reconnaître la structure lors des imports." width="medium" inputmode="numeric" />
        <TextField name="adresse" label="Adresse" value={form.adresse} error={errors.adresse} autocomplete="street-address" />
        <TextField name="code_postal" label="Code postal" value={form.code_postal} error={errors.code_postal} width="short" inputmode="numeric" autocomplete="postal-code" />
        <TextField name="commune" label="Commune" value={form.commune} error={errors.commune} hint="Nom de la commune ou code INSEE." width="medium" />
        <TextField name="telephone" label="Téléphone" type="tel" value={form.telephone} error={errors.telephone} width="medium" autocomplete="tel" />
        <TextField name="courriel" label="Courriel" type="email" value={form.courriel} error={errors.courriel} autocomplete="email" />
        <TextField name="site_web" label="Site web" type="url" value={form.site_web} error={errors.site_web} hint="Commence par https://" autocomplete="url" />
        <TextAreaField name="description" label="Présentation" value={form.description} error={errors.description} maxlength={4000} />
        <ChoiceGroup name="publics" legend="Publics accueillis" type="checkbox" choices={choices(PUBLICS)} selected={form.publics} error={errors.publics} compact />
        <fieldset id="couverture" class={errors.couverture ? "field field--error" : "field"} aria-describedby={errors.couverture ? "couverture-erreur" : undefined}>
          <legend>Zone couverte</legend>
          {errors.couverture ? (
            <p class="field-error" id="couverture-erreur">
              <span class="visually-hidden">Erreur : </span>
              {errors.couverture}
            </p>
          ) : null}
          <div class="choice">
            <input type="checkbox" id="departement" name="departement" value="oui" checked={form.departement} />
            <label for="departement">Tout le département</label>
          </div>
          <ChoiceGroup name="epcis" legend="Intercommunalités" type="checkbox" choices={props.epcis.map((e) => ({ value: e.code, label: e.name }))} selected={form.epcis} error={errors.epcis} />
          <TextAreaField name="communes" label="Communes" value={form.communes} error={errors.communes} hint="Noms ou codes INSEE, séparés par des virgules." rows={3} />
        </fieldset>
        <Button>Enregistrer</Button>
      </form>
    </Layout>
  );
}

export function ServiceFormPage(props: {
  ctx: PageContext;
  heading: string;
  partner: { name: string; slug: string };
  action: string;
  form: ServiceForm;
  errors: Record<string, string>;
}): SafeHtml {
  const { form, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={props.ctx} title={hasErrors ? `Erreur : ${props.heading}` : props.heading}>
      <BackLink href={`/partenaires/${props.partner.slug}`}>{props.partner.name}</BackLink>
      <h1>{props.heading}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="nom" label="Nom du service" value={form.nom} error={errors.nom} required />
        <ChoiceGroup name="thematiques" legend="Thématiques" type="checkbox" choices={choices(THEMATIQUES)} selected={form.thematiques} error={errors.thematiques} required compact />
        <TextAreaField name="description" label="Description" value={form.description} error={errors.description} maxlength={4000} />
        <ChoiceGroup name="modes_accueil" legend="Modes d'accueil" type="checkbox" choices={choices(RECEPTION_MODES)} selected={form.modes_accueil} error={errors.modes_accueil} compact />
        <TextAreaField name="orientation" label="Comment orienter une personne" value={form.orientation} error={errors.orientation} hint="Contact, pièces à apporter, fiche de prescription…" maxlength={2000} />
        <ChoiceGroup name="publics" legend="Publics" type="checkbox" choices={choices(PUBLICS)} selected={form.publics} error={errors.publics} compact />
        <Button>Enregistrer le service</Button>
      </form>
    </Layout>
  );
}
