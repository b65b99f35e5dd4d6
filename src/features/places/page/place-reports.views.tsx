// The « Signaler une erreur » form (on the place page, and alone when it must be shown again).
import { Button, CsrfField, ErrorSummary, type FieldErrors, Notice, TextField } from "../../../web/components.tsx";
import { TextAreaField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { REPORT_LIMITS } from "./place-reports.ts";

export interface ReportFormModel {
  message: string;
  contact: string;
  errors: FieldErrors;
  throttled: boolean;
}

export const EMPTY_REPORT: ReportFormModel = { message: "", contact: "", errors: {}, throttled: false };

export function ReportForm(props: { csrfToken: string; placePath: string; form: ReportFormModel; headingLevel: 1 | 2; placeName: string }): SafeHtml {
  const { form } = props;
  const heading = props.headingLevel === 1 ? `Signaler une erreur sur « ${props.placeName} »` : "Signaler une erreur";
  return (
    <section class="report-form screen-only" aria-labelledby="signaler-titre">
      {props.headingLevel === 1 ? <h1 id="signaler-titre">{heading}</h1> : <h2 id="signaler-titre">{heading}</h2>}
      {form.throttled ? (
        <Notice kind="warning" title="Trop de signalements en peu de temps">
          <p>Votre message n'a pas été envoyé. Réessayez dans une heure : votre texte est conservé ci-dessous.</p>
        </Notice>
      ) : null}
      <ErrorSummary errors={form.errors} />
      <p>Une adresse, un horaire ou un numéro n'est plus juste ? Dites-le nous : l'équipe du lieu corrigera la fiche.</p>
      <form method="post" action={`${props.placePath}/signaler`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextAreaField
          name="message"
          label="Quelle est l'erreur ?"
          hint={`Par exemple : « Le lieu est fermé le mercredi après-midi. » De ${REPORT_LIMITS.messageMin} à ${REPORT_LIMITS.messageMax} caractères.`}
          value={form.message}
          error={form.errors.message}
          maxlength={REPORT_LIMITS.messageMax}
          required
        />
        <TextField
          name="contact"
          label="Votre adresse électronique"
          hint="Seulement si vous acceptez que l'équipe vous réponde."
          type="email"
          autocomplete="email"
          value={form.contact}
          error={form.errors.contact}
          width="medium"
        />
        <Button variant="secondary">Envoyer le signalement</Button>
      </form>
    </section>
  );
}

/** The form alone, shown again after a refused post with what the person typed. */
export function ReportPage(props: { ctx: PageContext; placePath: string; placeName: string; form: ReportFormModel }): SafeHtml {
  const hasErrors = Object.keys(props.form.errors).length > 0 || props.form.throttled;
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}Signaler une erreur sur « ${props.placeName} »`}>
      <p>
        <a href={props.placePath}>← Retour à la fiche du lieu</a>
      </p>
      <ReportForm csrfToken={props.ctx.csrfToken} placePath={props.placePath} placeName={props.placeName} form={props.form} headingLevel={1} />
    </Layout>
  );
}
