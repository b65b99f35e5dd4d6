import { Button, CsrfField, ErrorSummary, Notice, TextField } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { ProConnectButton } from "./proconnect/proconnect.views.tsx";

export interface SignInFormModel {
  email: string;
  error?: string;
  notice?: "signed_out" | "signed_out_everywhere" | "throttled";
}

const NOTICES = {
  signed_out: { kind: "success", text: "Vous êtes déconnecté·e." },
  signed_out_everywhere: { kind: "success", text: "Vous êtes déconnecté·e de tous vos appareils." },
  throttled: {
    kind: "warning",
    text: "Trop de demandes de connexion en peu de temps. Attendez quelques minutes avant de demander un nouveau lien.",
  },
} as const;

export function SignInPage(props: { ctx: PageContext; form: SignInFormModel; proconnect?: boolean }): SafeHtml {
  const { form } = props;
  const notice = form.notice ? NOTICES[form.notice] : null;
  return (
    <Layout ctx={props.ctx} title={form.error ? "Erreur : Se connecter" : "Se connecter"}>
      <h1>Se connecter</h1>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <ErrorSummary errors={form.error ? { email: form.error } : {}} />
      <p class="lead">Espace des conseillers numériques, des structures, des mairies et des partenaires du réseau.</p>
      <p>Pas de mot de passe : nous vous envoyons un lien de connexion par courriel.</p>
      <form method="post" action="/connexion" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField
          name="email"
          label="Votre adresse électronique"
          hint="Par exemple : prenom.nom@exemple.fr"
          type="email"
          autocomplete="email"
          value={form.email}
          error={form.error}
          required
          width="medium"
        />
        <Button>Recevoir mon lien de connexion</Button>
      </form>
      {props.proconnect ? <ProConnectButton /> : null}
      <h2>Vous cherchez de l'aide avec le numérique ?</h2>
      <p>
        Pas besoin de compte : <a href="/trouver-de-l-aide">trouvez un lieu d'aide près de chez vous</a>.
      </p>
    </Layout>
  );
}

export function SignInSentPage(props: { ctx: PageContext; email: string; demoLink: string | null }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Vérifiez votre messagerie">
      <h1>Vérifiez votre messagerie</h1>
      <p class="lead">
        Si un compte existe pour l'adresse <strong>{props.email}</strong>, nous venons d'y envoyer un lien de connexion.
      </p>
      <p>Le lien fonctionne une seule fois, pendant 15 minutes. Pensez à regarder dans les courriers indésirables.</p>
      {props.demoLink ? (
        <Notice kind="warning" title="Mode démonstration">
          <p>En démonstration, aucun courriel ne part : voici le lien qui vient d'être envoyé.</p>
          <p>
            <a href={props.demoLink} class="button button--primary">
              Ouvrir mon lien de connexion
            </a>
          </p>
        </Notice>
      ) : null}
      <p>
        <a href="/connexion">Demander un autre lien</a>
      </p>
    </Layout>
  );
}

export function ConfirmLinkPage(props: { ctx: PageContext; token: string }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Confirmer la connexion">
      <h1>Confirmer la connexion</h1>
      <p class="lead">Votre lien est valable. Cliquez pour ouvrir votre espace.</p>
      <form method="post" action="/connexion/lien">
        <CsrfField token={props.ctx.csrfToken} />
        <input type="hidden" name="jeton" value={props.token} />
        <Button>Me connecter</Button>
      </form>
    </Layout>
  );
}

export function LinkRefusedPage(props: { ctx: PageContext; message: string }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Lien de connexion refusé">
      <h1>Ce lien ne permet pas de vous connecter</h1>
      <p class="lead">{props.message}</p>
      <p>
        <a href="/connexion" class="button button--primary">
          Demander un nouveau lien
        </a>
      </p>
    </Layout>
  );
}
