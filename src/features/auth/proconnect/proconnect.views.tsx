import { Notice } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { JoinRequestForm } from "../join-requests/join-request-form.views.tsx";
import type { JoinForm } from "../join-requests/join-requests.ts";

/** The « S'identifier avec ProConnect » entry on /connexion, shown only when ProConnect is configured. */
export function ProConnectButton(): SafeHtml {
  return (
    <section aria-labelledby="proconnect-title">
      <h2 id="proconnect-title">Agent public ?</h2>
      <p>
        <a href="/connexion/proconnect" class="button button--secondary">
          S'identifier avec ProConnect
        </a>
      </p>
      <p>
        <a href="https://www.proconnect.gouv.fr/" rel="noopener">
          Qu'est-ce que ProConnect ?
        </a>
      </p>
    </section>
  );
}

export function ProConnectFailedPage(props: { ctx: PageContext; message: string }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Connexion avec ProConnect impossible">
      <h1>Connexion avec ProConnect impossible</h1>
      <p class="lead">{props.message}</p>
      <p>
        <a href="/connexion" class="button button--primary">
          Retour à la page de connexion
        </a>
      </p>
    </Layout>
  );
}

export function UnknownAccountPage(props: {
  ctx: PageContext;
  email: string | null;
  structure: { name: string } | null;
  /** The request form; absent when ProConnect gave no verified e-mail (no answer could reach the agent). */
  join: { values: JoinForm; errors: Record<string, string>; pendingSince: Date | null } | null;
}): SafeHtml {
  const hasErrors = props.join !== null && Object.keys(props.join.errors).length > 0;
  return (
    <Layout ctx={props.ctx} title={`${hasErrors ? "Erreur : " : ""}Aucun compte pour cette identité ProConnect`}>
      <h1>Aucun compte ne correspond à votre identité ProConnect</h1>
      <p class="lead">
        ProConnect vous a bien identifié·e
        {props.email ? (
          <>
            {" "}
            (<strong>{props.email}</strong>)
          </>
        ) : null}
        , mais aucun compte actif du réseau n'utilise cette adresse. Vous n'êtes pas connecté·e.
      </p>
      {props.structure ? (
        <Notice kind="info" title="Votre structure est dans le réseau">
          <p>
            D'après votre numéro SIRET, vous travaillez à <strong>{props.structure.name}</strong>. Votre demande d'accès sera proposée pour
            cette structure.
          </p>
        </Notice>
      ) : null}
      {props.join ? (
        <JoinRequestForm ctx={props.ctx} values={props.join.values} errors={props.join.errors} pendingSince={props.join.pendingSince} />
      ) : (
        <p>Pour rejoindre le réseau, demandez à la coordination départementale de vous créer un compte avec votre adresse électronique.</p>
      )}
      <h2>Vous avez déjà un compte ?</h2>
      <p>Si vous avez un compte avec une autre adresse, connectez-vous en recevant un lien par courriel.</p>
      <p>
        <a href="/connexion" class="button button--secondary">
          Retour à la page de connexion
        </a>
      </p>
    </Layout>
  );
}
