// What an agent that ProConnect identified but who has no account sees: the form to ask the coordination
// for access (role asked for, optional message), and the confirmation that says what happens next.
import { Button, CsrfField, ErrorSummary, formatDateTime, Notice } from "../../../web/components.tsx";
import { ChoiceGroup, TextAreaField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { ROLES } from "../../organisation/organisation.ts";
import { JOIN_PATH, type JoinForm, MESSAGE_MAX, REQUESTABLE_ROLES, UNSURE } from "./join-requests.ts";

export function JoinRequestForm(props: { ctx: PageContext; values: JoinForm; errors: Record<string, string>; pendingSince: Date | null }): SafeHtml {
  const { values: v, errors: e } = props;
  return (
    <section aria-labelledby="join-title">
      <h2 id="join-title">Demander l'accès</h2>
      {props.pendingSince ? (
        <Notice kind="info" title="Votre demande est déjà envoyée">
          <p>
            Vous avez demandé l'accès le {formatDateTime(props.pendingSince)} ; la coordination n'a pas encore répondu. Vous pouvez compléter
            votre demande : elle garde sa place dans la file d'attente.
          </p>
        </Notice>
      ) : (
        <p>
          La coordination du réseau reçoit votre demande avec votre identité ProConnect et choisit votre structure et votre rôle. Aucun accès
          n'est ouvert avant sa réponse, que vous recevrez par courriel.
        </p>
      )}
      <ErrorSummary errors={e} />
      <form method="post" action={JOIN_PATH} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <ChoiceGroup
          name="role"
          legend="Vous êtes"
          type="radio"
          required
          choices={[...REQUESTABLE_ROLES.map((role) => ({ value: role, label: ROLES[role].label })), { value: UNSURE, label: "Je ne sais pas" }]}
          selected={[v.role]}
          error={e.role}
        />
        <TextAreaField
          name="message"
          label="Message pour la coordination"
          hint="Par exemple : votre service, votre commune, la personne qui vous a parlé de la plateforme."
          value={v.message}
          error={e.message}
          rows={4}
          maxlength={MESSAGE_MAX}
        />
        <Button>{props.pendingSince ? "Mettre à jour ma demande" : "Demander l'accès"}</Button>
      </form>
    </section>
  );
}

export function JoinRequestSentPage(props: { ctx: PageContext; email: string | null }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Demande d'accès envoyée">
      <h1>Votre demande d'accès est envoyée</h1>
      <Notice kind="success">
        <p>La coordination départementale du réseau a bien reçu votre demande.</p>
      </Notice>
      <h2>Et maintenant ?</h2>
      <ol>
        <li>La coordination vérifie votre demande et choisit votre structure et votre rôle. Aucun accès n'est ouvert d'ici là.</li>
        <li>
          Vous recevez un courriel
          {props.email ? (
            <>
              {" "}
              à <strong>{props.email}</strong>
            </>
          ) : null}{" "}
          quand elle accepte ou refuse votre demande.
        </li>
        <li>Une fois la demande acceptée, connectez-vous avec ProConnect depuis la page de connexion, comme vous venez de le faire.</li>
      </ol>
      <p>Si vous vous identifiez de nouveau avant la réponse, vous pourrez compléter votre demande : elle ne sera pas envoyée deux fois.</p>
      <p>
        <a href="/" class="button button--primary">
          Retour à l'accueil
        </a>
      </p>
    </Layout>
  );
}
