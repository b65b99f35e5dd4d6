// The orientation sheet: a helper prepares a printable sheet sending a person to this place.
// Nothing is saved; the values travel only in the page's address.
import { Button, ErrorSummary, type FieldErrors, Notice, TextField } from "../../../web/components.tsx";
import { TextAreaField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { ORIENTATION_LIMITS, type OrientationInput, WHAT_TO_BRING } from "./orientation.ts";
import { AddressLines, HoursTable, PermanencesList, PhoneLink } from "./place-blocks.tsx";
import type { PlaceView } from "./place-page.presenter.ts";

const NOT_SAVED =
  "Cette fiche n'est pas enregistrée : rien n'est conservé sur notre site. Ce que vous saisissez apparaît seulement dans l'adresse de la page ; sur un ordinateur partagé, fermez l'onglet après l'impression.";

export function OrientationFormPage(props: { ctx: PageContext; place: PlaceView; input: OrientationInput; errors: FieldErrors }): SafeHtml {
  const { place, input, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}Fiche d'orientation : ${place.name}`}>
      <p>
        <a href={place.path}>← Retour à la fiche du lieu</a>
      </p>
      <h1>Préparer une fiche d'orientation</h1>
      <p class="lead">Vers : {place.name}, {place.communeName}</p>
      <ErrorSummary errors={errors} />
      <Notice kind="info" title="Rien n'est enregistré">
        <p>{NOT_SAVED}</p>
      </Notice>
      <p>Tous les champs sont facultatifs. La fiche reprend l'adresse, les horaires et les prochaines permanences du lieu.</p>
      <form method="get" action={`${place.path}/orientation`} novalidate>
        <input type="hidden" name="fiche" value="1" />
        <TextField
          name="prenom"
          label="Prénom de la personne"
          value={input.firstName}
          error={errors.prenom}
          autocomplete="off"
          width="medium"
          extra={{ maxlength: String(ORIENTATION_LIMITS.firstName) }}
        />
        <TextAreaField
          name="note"
          label="Note pour la personne ou le conseiller"
          hint={`Par exemple : « Renouveler la carte Vitale sur ameli ». ${ORIENTATION_LIMITS.note} caractères au plus. N'écrivez pas d'information de santé ni de numéro de dossier.`}
          value={input.note}
          error={errors.note}
          maxlength={ORIENTATION_LIMITS.note}
          rows={4}
        />
        <TextField
          name="orienteur"
          label="Orienté par (votre nom, votre structure)"
          hint="Par exemple : Claire, CCAS de Nérac"
          value={input.referrer}
          error={errors.orienteur}
          autocomplete="off"
          width="medium"
          extra={{ maxlength: String(ORIENTATION_LIMITS.referrer) }}
        />
        <Button>Afficher la fiche à imprimer</Button>
      </form>
    </Layout>
  );
}

export function OrientationSheetPage(props: { ctx: PageContext; place: PlaceView; input: OrientationInput; preparedOn: string }): SafeHtml {
  const { place, input } = props;
  const firstName = input.firstName.trim();
  const note = input.note.trim();
  const referrer = input.referrer.trim();
  return (
    <Layout ctx={props.ctx} title={`Fiche d'orientation : ${place.name}`}>
      <div class="screen-only">
        <Notice kind="info" title="Fiche prête à imprimer">
          <p>Utilisez la commande « Imprimer » de votre navigateur (touches Ctrl et P, ou Cmd et P sur Mac).</p>
          <p>{NOT_SAVED}</p>
        </Notice>
        <p>
          <a href={`${place.path}/orientation`}>Préparer une autre fiche</a> · <a href={place.path}>Retour à la fiche du lieu</a>
        </p>
      </div>
      <article class="orientation-sheet">
        <h1>Fiche d'orientation</h1>
        {firstName ? <p class="lead">Pour : {firstName}</p> : null}
        <p>Vous pouvez vous faire aider avec le numérique ici :</p>
        <h2>{place.name}</h2>
        <AddressLines place={place} />
        {place.phone ? (
          <p>
            Téléphone : <PhoneLink phone={place.phone} />
          </p>
        ) : null}
        <h3>Horaires d'ouverture</h3>
        <HoursTable week={place.week} id="fiche-horaires" />
        <h3>Prochaines permanences d'un conseiller numérique</h3>
        <PermanencesList permanences={place.permanences} limit={6} />
        <h3>Pensez à apporter</h3>
        <ul>
          {WHAT_TO_BRING.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
        {note ? (
          <>
            <h3>Note</h3>
            <p class="message-body">{note}</p>
          </>
        ) : null}
        <p class="meta">
          {referrer ? `Orienté par : ${referrer}. ` : ""}Fiche préparée le {props.preparedOn}. Informations à jour : {place.url}
        </p>
      </article>
    </Layout>
  );
}
