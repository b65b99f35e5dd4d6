// The record form (new and edit): national-model fields, a warning against sensitive notes, and, for a new
// record, the person's consent (mandatory) and how it was given.
import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup, SelectField, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { GENDERS, SOCIAL_STATUSES } from "../activities/taxonomy.ts";
import { type BeneficiaryFormValues, CONSENT_METHODS } from "./beneficiary.ts";

export function BeneficiaryFormPage(props: {
  ctx: PageContext;
  recordId: string | null;
  values: BeneficiaryFormValues;
  errors: Record<string, string>;
  communes: { code: string; name: string }[];
}): SafeHtml {
  const { values: v, errors: e } = props;
  const heading = props.recordId ? "Modifier la fiche" : "Nouvelle fiche de bénéficiaire";
  const action = props.recordId ? `/beneficiaires/${props.recordId}/modifier` : "/beneficiaires/nouveau";
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${heading}`}>
      <BackLink href={props.recordId ? `/beneficiaires/${props.recordId}` : "/beneficiaires"}>
        {props.recordId ? "Retour à la fiche" : "Toutes les personnes"}
      </BackLink>
      <h1>{heading}</h1>
      {props.recordId ? null : (
        <Notice title="Une fiche n'est pas obligatoire">
          <p>Pour un compte rendu anonyme, aucune fiche n'est nécessaire. Créez une fiche seulement si la personne revient et qu'elle est d'accord.</p>
        </Notice>
      )}
      <ErrorSummary errors={e} />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="first_name" label="Prénom" value={v.first_name} error={e.first_name} required autocomplete="off" />
        <TextField name="last_name" label="Nom" value={v.last_name} error={e.last_name} autocomplete="off" />
        <TextField name="phone" label="Téléphone" type="tel" value={v.phone} error={e.phone} autocomplete="off" width="medium" />
        <TextField name="email" label="Adresse électronique" type="email" value={v.email} error={e.email} autocomplete="off" />
        <TextField
          name="birth_year"
          label="Année de naissance"
          hint="Sert à calculer la tranche d'âge. Par exemple : 1958."
          inputmode="numeric"
          value={v.birth_year}
          error={e.birth_year}
          width="short"
        />
        <TextField
          name="residence_commune"
          label="Commune où la personne habite"
          hint="Tapez le nom de la commune et choisissez-la dans la liste."
          value={v.residence_commune}
          error={e.residence_commune}
          autocomplete="off"
          width="medium"
          extra={{ list: "communes-du-departement" }}
        />
        <datalist id="communes-du-departement">
          {props.communes.map((c) => (
            <option value={c.name}>{c.code}</option>
          ))}
        </datalist>
        <SelectField name="gender" label="Genre" choices={GENDERS.map((g) => ({ value: g.code, label: g.label }))} value={v.gender} error={e.gender} />
        <SelectField
          name="social_status"
          label="Situation"
          choices={SOCIAL_STATUSES.map((s) => ({ value: s.code, label: s.label }))}
          value={v.social_status}
          error={e.social_status}
        />
        <TextAreaField
          name="notes"
          label="Notes"
          hint="N'écrivez jamais de donnée sensible : santé, religion, opinions politiques ou syndicales, origine, vie sexuelle, condamnations. La personne peut demander à lire ces notes."
          value={v.notes}
          error={e.notes}
          maxlength={2000}
        />
        <ChoiceGroup
          name="shared"
          legend="Partage"
          type="checkbox"
          hint="Vos collègues et le responsable de votre structure pourront voir la fiche."
          choices={[{ value: "1", label: "Partager avec ma structure" }]}
          selected={v.shared ? ["1"] : []}
        />
        {props.recordId ? null : (
          <>
            <ChoiceGroup
              name="consent"
              legend="Accord de la personne"
              type="checkbox"
              hint="Expliquez à la personne ce que vous enregistrez et pourquoi. Elle peut demander à tout moment à voir ou effacer ses informations."
              choices={[{ value: "1", label: "La personne est d'accord pour que ses informations soient enregistrées" }]}
              selected={v.consent ? ["1"] : []}
              error={e.consent}
              required
            />
            <ChoiceGroup
              name="consent_method"
              legend="Comment la personne a donné son accord"
              type="radio"
              choices={CONSENT_METHODS.map((m) => ({ value: m.code, label: m.label }))}
              selected={[v.consent_method]}
              error={e.consent_method}
              required
            />
          </>
        )}
        <Button>{props.recordId ? "Enregistrer les modifications" : "Créer la fiche"}</Button>
      </form>
    </Layout>
  );
}
