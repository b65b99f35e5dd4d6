// The place form (creation and edition), mobile first: one column of fields grouped under headings.
import { Button, CsrfField, ErrorSummary, TextField } from "../../../web/components.tsx";
import { BackLink, ChoiceGroup, type FormReuse, SelectField, TextAreaField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { CommuneMatch } from "../../territory/territory.repository.ts";
import { OpeningHoursFields } from "./opening-hours.views.tsx";
import { ENUM_FIELDS, MOBILITY } from "./place-fields.ts";
import { OTHER_LABEL_MAX, OTHER_LABELS_COUNT_MAX, PARENT_STRUCTURE_MAX, type PlaceFormValues, SUMMARY_MAX } from "./place-form.ts";

export interface PlaceFormModel {
  /** null for a new place. */
  placeId: string | null;
  placeName: string;
  values: PlaceFormValues;
  errors: Record<string, string>;
  structures: { id: string; name: string }[];
  communeChoices: CommuneMatch[];
  /** Another page reusing the form (a place created to answer a commune request). */
  reuse?: FormReuse;
}

export function PlaceFormPage(props: { ctx: PageContext; model: PlaceFormModel }): SafeHtml {
  const { model } = props;
  const { text, checked } = model.values;
  const e = model.errors;
  const heading = model.placeId ? `Modifier « ${model.placeName} »` : "Nouveau lieu";
  const hasErrors = Object.keys(e).length > 0;
  const action = model.reuse?.action ?? (model.placeId ? `/gestion/lieux/${model.placeId}/modifier` : "/gestion/lieux/nouveau");
  const field = (name: string) => ({ name, value: text[name] ?? "", error: e[name] });
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}${heading}`}>
      <BackLink href={model.reuse?.back.href ?? (model.placeId ? `/gestion/lieux/${model.placeId}` : "/gestion/lieux")}>
        {model.reuse?.back.label ?? (model.placeId ? "Retour au lieu" : "Tous les lieux")}
      </BackLink>
      <h1>{heading}</h1>
      {model.reuse ? <p class="lead">{model.reuse.intro}</p> : null}
      <ErrorSummary errors={e} />
      <form method="post" action={action} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <section aria-labelledby="identite-titre">
          <h2 id="identite-titre">Le lieu</h2>
          <TextField {...field("name")} label="Nom du lieu" required autocomplete="organization" />
          <SelectField
            name="structure_id"
            label="Structure qui gère ce lieu"
            choices={model.structures.map((s) => ({ value: s.id, label: s.name }))}
            value={text.structure_id ?? ""}
            error={e.structure_id}
            placeholder={model.structures.length > 1 ? "Choisissez une structure" : undefined}
            required
          />
          <TextField
            {...field("parent_structure")}
            label="Structure parente"
            hint={`Le réseau ou l'organisme dont dépend ce lieu, s'il y en a un, par exemple une communauté de communes ou une fédération (${PARENT_STRUCTURE_MAX} caractères au plus).`}
          />
          <TextField {...field("pivot")} label="SIRET ou numéro RNA" hint="14 chiffres pour un SIRET, ou W suivi de 9 caractères pour une association (RNA)." width="medium" />
          <ChoiceGroup
            name="typologie"
            legend="Type de lieu"
            type="checkbox"
            choices={ENUM_FIELDS[0]!.options.map((o) => ({ value: o.code, label: o.label }))}
            selected={checked.typologie}
            error={e.typologie}
          />
        </section>
        <section aria-labelledby="adresse-titre">
          <h2 id="adresse-titre">Adresse</h2>
          <TextField {...field("address")} label="Adresse" hint="Numéro et rue, par exemple 8 rue Voltaire." required autocomplete="address-line1" />
          <TextField {...field("address_complement")} label="Complément d'adresse" hint="Bâtiment, étage, entrée…" autocomplete="address-line2" />
          <TextField {...field("commune")} label="Commune" hint="Son nom ou son code postal, par exemple Agen ou 47000." required width="medium" />
          {model.communeChoices.length > 0 ? (
            <ChoiceGroup
              name="commune_code"
              legend="Précisez la commune"
              type="radio"
              choices={model.communeChoices.map((c) => ({ value: c.code, label: `${c.name} (${c.postcodes.join(", ")})` }))}
              selected={[text.commune_code ?? ""]}
              required
            />
          ) : null}
          <TextField {...field("postcode")} label="Code postal" hint="Rempli tout seul quand la commune n'en a qu'un." inputmode="numeric" width="short" autocomplete="postal-code" />
        </section>
        <section aria-labelledby="contact-titre">
          <h2 id="contact-titre">Contact</h2>
          <TextField {...field("phone")} label="Téléphone" type="tel" width="medium" autocomplete="tel" />
          <TextField {...field("emails")} label="Courriels" hint="Séparez plusieurs adresses par des virgules." width="medium" />
          <TextField {...field("website")} label="Site internet" type="url" hint="Par exemple https://www.exemple.fr" />
          <TextField {...field("booking_url")} label="Prise de rendez-vous en ligne" type="url" hint="Adresse de la page de réservation, s'il y en a une." />
          <TextField {...field("accessibility_url")} label="Fiche Accès libre" type="url" hint="Adresse de la fiche d'accessibilité du lieu sur acceslibre.beta.gouv.fr." />
        </section>
        <OpeningHoursFields values={text} errors={e} />
        <section aria-labelledby="presentation-titre">
          <h2 id="presentation-titre">Présentation</h2>
          <TextAreaField
            {...field("summary")}
            label="Résumé"
            hint={`Une ou deux phrases, ${SUMMARY_MAX} caractères au plus.`}
            maxlength={SUMMARY_MAX}
            rows={3}
          />
          <TextAreaField {...field("description")} label="Présentation détaillée" rows={6} />
          <ChoiceGroup
            name="mobility"
            legend="Le lieu est-il fixe ou itinérant ?"
            type="radio"
            choices={MOBILITY.map((o) => ({ value: o.code, label: o.label }))}
            selected={[text.mobility ?? ""]}
            error={e.mobility}
            compact
          />
        </section>
        <section aria-labelledby="offre-titre">
          <h2 id="offre-titre">Services, publics et accompagnement</h2>
          {ENUM_FIELDS.slice(1).map((f) => (
            <ChoiceGroup
              name={f.column}
              legend={f.legend}
              type="checkbox"
              choices={f.options.map((o) => ({ value: o.code, label: o.label }))}
              selected={checked[f.column]}
              error={e[f.column]}
            />
          ))}
          <TextAreaField
            {...field("other_labels")}
            label="Autres formations et labels"
            hint={`Ceux qui ne figurent pas dans la liste ci-dessus. Séparez-les par des virgules ou allez à la ligne entre chacun : ${OTHER_LABELS_COUNT_MAX} au plus, de ${OTHER_LABEL_MAX} caractères chacun au plus.`}
            rows={3}
          />
        </section>
        <section aria-labelledby="visibilite-titre">
          <h2 id="visibilite-titre">Visibilité</h2>
          <ChoiceGroup
            name="visibility"
            legend="Qui voit ce lieu ?"
            type="radio"
            choices={[
              { value: "public", label: "Visible du public (recherche, page du lieu, données ouvertes)" },
              { value: "hidden", label: "Masqué (visible seulement dans la gestion)" },
            ]}
            selected={[text.visibility ?? ""]}
            error={e.visibility}
            required
          />
        </section>
        <Button>{model.placeId ? "Enregistrer les modifications" : "Créer le lieu"}</Button>
      </form>
    </Layout>
  );
}
