import { Button, CsrfField, ErrorSummary, formatDateTime, Notice, TextField } from "../../../web/components.tsx";
import { type SafeHtml, unsafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { SecondFactorStep } from "./second-factor.service.ts";

export interface CodeFormModel {
  step: SecondFactorStep;
  error?: string;
  lockedUntil?: Date | null;
}

const TIME = new Intl.DateTimeFormat("fr-FR", { timeStyle: "short", timeZone: "Europe/Paris" });

function LockedNotice(props: { until: Date }): SafeHtml {
  return (
    <Notice kind="warning" title="Vérification bloquée pendant 15 minutes">
      <p>
        Trop de codes erronés. Par sécurité, réessayez après {TIME.format(props.until)} (le {formatDateTime(props.until)}).
      </p>
    </Notice>
  );
}

function DemoCode(props: { code: string | null }): SafeHtml {
  if (!props.code) return unsafeHtml("");
  return (
    <Notice kind="warning" title="Mode démonstration">
      <p>
        En démonstration, pas besoin de téléphone : le code actuel est <strong class="demo-code">{props.code}</strong>.
      </p>
    </Notice>
  );
}

function SignOutForm(props: { csrfToken: string }): SafeHtml {
  return (
    <form method="post" action="/deconnexion">
      <CsrfField token={props.csrfToken} />
      <Button variant="link">Annuler et me déconnecter</Button>
    </form>
  );
}

export function SecondFactorPage(props: { ctx: PageContext; form: CodeFormModel }): SafeHtml {
  const { step, error } = props.form;
  const lockedUntil = props.form.lockedUntil ?? step.lockedUntil;
  const enrol = step.kind === "enrol";
  const title = enrol ? "Activer la vérification en deux étapes" : "Vérification en deux étapes";
  return (
    <Layout ctx={props.ctx} title={error ? `Erreur : ${title}` : title}>
      <h1>{title}</h1>
      {lockedUntil ? <LockedNotice until={lockedUntil} /> : null}
      <ErrorSummary errors={error ? { code: error } : {}} />
      {enrol ? (
        <>
          <p class="lead">Votre compte donne accès à des données personnelles : il est protégé par un code à usage unique, en plus du lien de connexion.</p>
          <ol>
            <li>Installez sur votre téléphone une application d'authentification (TOTP), par exemple celle fournie par votre structure.</li>
            <li>
              Dans l'application, ajoutez un compte en scannant ce QR code, ou en saisissant la clé : <code class="totp-key">{step.secretText}</code>
            </li>
            <li>Saisissez ci-dessous le code à 6 chiffres affiché par l'application.</li>
          </ol>
          <div class="totp-qr" role="img" aria-label={`QR code de la clé ${step.secretText}`}>
            {unsafeHtml(step.qrSvg)}
          </div>
        </>
      ) : (
        <p class="lead">Saisissez le code à 6 chiffres affiché par votre application d'authentification.</p>
      )}
      <DemoCode code={step.demoCode} />
      <form method="post" action="/connexion/second-facteur" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField
          name="code"
          label={enrol ? "Code à 6 chiffres" : "Code à 6 chiffres ou code de secours"}
          hint={enrol ? "Par exemple : 123456" : "Téléphone perdu ? Saisissez l'un de vos codes de secours, par exemple : abcde-fghjk"}
          autocomplete="one-time-code"
          inputmode={enrol ? "numeric" : undefined}
          error={error}
          required
          width="short"
        />
        <Button>{enrol ? "Activer" : "Valider"}</Button>
      </form>
      <SignOutForm csrfToken={props.ctx.csrfToken} />
    </Layout>
  );
}

export function RecoveryCodesPage(props: { ctx: PageContext; codes: string[] }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Vos codes de secours">
      <h1>Vérification en deux étapes activée</h1>
      <Notice kind="warning" title="Notez ces 10 codes de secours maintenant">
        <p>Ils ne seront plus jamais affichés. Chacun remplace une seule fois le code de votre application, si vous perdez votre téléphone.</p>
      </Notice>
      <ul class="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href="/espace" class="button button--primary">
          J'ai noté mes codes : continuer
        </a>
      </p>
    </Layout>
  );
}
