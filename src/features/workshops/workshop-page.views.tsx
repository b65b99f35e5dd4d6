// The public page of one workshop, with the registration form (no account needed).
import { Button, CsrfField, ErrorSummary, type FieldErrors, Notice, TextField } from "../../web/components.tsx";
import { BackLink } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { RegistrationInput } from "./registration-form.ts";
import { levelLabel, REMOTE_WHERE, seatsText, themeLabels, whenText } from "./workshop-presenter.ts";
import type { WorkshopDetails } from "./workshops.repository.ts";

export interface WorkshopPageModel {
  workshop: WorkshopDetails;
  open: boolean;
  form: RegistrationInput;
  errors: FieldErrors;
  /** Reached from a self-diagnostic's result: the registration is counted as booked from it. */
  fromSelfDiagnostic?: boolean;
}

function Where(props: { workshop: WorkshopDetails }): SafeHtml {
  const w = props.workshop;
  if (w.is_remote) return <>{REMOTE_WHERE}</>;
  return (
    <>
      {w.place_slug ? <a href={`/lieux/${w.place_slug}`}>{w.place_name}</a> : w.place_name}
      {w.place_address ? `, ${w.place_address}, ${w.place_postcode ?? ""} ${w.commune_name ?? ""}` : ""}
    </>
  );
}

function RegistrationForm(props: { ctx: PageContext; model: WorkshopPageModel; full: boolean }): SafeHtml {
  const { form, errors, workshop } = props.model;
  return (
    <section aria-labelledby="inscription-titre" class="workshop-register">
      <h2 id="inscription-titre">{props.full ? "S'inscrire sur la liste d'attente" : "S'inscrire"}</h2>
      <ErrorSummary errors={errors} />
      {props.full ? <p>L'atelier est complet. Si une place se libère, la première personne de la liste est prévenue et a 24 heures pour la confirmer.</p> : null}
      <form method="post" action={`/ateliers/${workshop.id}/inscription`} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        {props.model.fromSelfDiagnostic ? <input type="hidden" name="depuis" value="autodiagnostic" /> : null}
        <TextField name="prenom" label="Prénom" value={form.prenom} error={errors.prenom} autocomplete="given-name" width="medium" required />
        <TextField name="nom" label="Nom" hint="L'initiale suffit." value={form.nom} error={errors.nom} autocomplete="family-name" width="medium" required />
        <p class="hint">Indiquez au moins un moyen de vous prévenir : un téléphone portable (par SMS) ou une adresse électronique.</p>
        <TextField name="telephone" label="Téléphone portable" type="tel" value={form.telephone} error={errors.telephone} autocomplete="tel" width="medium" />
        <TextField name="courriel" label="Adresse électronique" type="email" value={form.courriel} error={errors.courriel} autocomplete="email" width="medium" />
        <div class={errors.consentement ? "field choice field--error" : "field choice"}>
          {errors.consentement ? (
            <p class="field-error" id="consentement-erreur">
              <span class="visually-hidden">Erreur : </span>
              {errors.consentement}
            </p>
          ) : null}
          <input type="checkbox" id="consentement" name="consentement" value="1" checked={form.consentement} aria-describedby={errors.consentement ? "consentement-erreur" : undefined} />
          <label for="consentement">
            J'accepte que mes nom, prénom et coordonnées soient conservés pour organiser l'atelier et me prévenir, puis effacés trois mois après l'atelier.
          </label>
        </div>
        <Button>{props.full ? "M'inscrire sur la liste d'attente" : "M'inscrire"}</Button>
      </form>
    </section>
  );
}

export function WorkshopPage(props: { ctx: PageContext; model: WorkshopPageModel }): SafeHtml {
  const { workshop: w, open, errors } = props.model;
  const seats = seatsText(w.capacity, w.seats_taken);
  const themes = themeLabels(w.themes);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}${w.title}`}>
      <BackLink href="/ateliers">Tous les ateliers</BackLink>
      <h1>{w.title}</h1>
      {themes.length > 0 ? (
        <ul class="tags" aria-label="Thèmes">
          {themes.map((t) => (
            <li class="tag">{t}</li>
          ))}
        </ul>
      ) : null}
      <dl class="workshop-facts">
        <dt>Quand</dt>
        <dd>{whenText(w.starts_at, w.ends_at)}</dd>
        <dt>Où</dt>
        <dd>
          <Where workshop={w} />
        </dd>
        <dt>Niveau</dt>
        <dd>{levelLabel(w.level)}</dd>
        <dt>Places</dt>
        <dd>{w.cancelled_at ? "Atelier annulé" : seats.text}</dd>
      </dl>
      {w.description ? <p class="workshop-description">{w.description}</p> : null}
      {open ? (
        <RegistrationForm ctx={props.ctx} model={props.model} full={seats.full} />
      ) : (
        <Notice kind="info" title="Inscriptions fermées">
          <p>{w.cancelled_at ? "Cet atelier est annulé." : "Cet atelier a commencé : les inscriptions sont fermées."}</p>
        </Notice>
      )}
    </Layout>
  );
}
