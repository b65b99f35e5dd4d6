// The admins' pages of API tokens: the list, the creation form, the token shown once, the revocation.
import { Button, CsrfField, ErrorSummary, type FieldErrors, formatDateTime, Notice, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { API_SCOPE_CODES, API_SCOPES, isApiScope } from "./api-token.ts";

export const TOKENS_PATH = "/admin/jetons-api";

export interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_by: string | null;
}

function scopeLabels(scopes: string[]): string {
  return scopes.map((s) => (isApiScope(s) ? API_SCOPES[s] : s)).join(", ");
}

export function TokenListPage(props: { ctx: PageContext; tokens: TokenRow[]; notice: string | null }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Jetons d'accès à l'API">
      <h1>Jetons d'accès à l'API</h1>
      <p>
        Un jeton permet à un logiciel d'un partenaire de lire des données du réseau par l'API (<a href="/api/v1/openapi.json">description de l'API</a>).
        Les comptes rendus y sont toujours anonymisés.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        <a href={`${TOKENS_PATH}/nouveau`} class="button button--primary">
          Créer un jeton
        </a>
      </p>
      {props.tokens.length === 0 ? (
        <p>Aucun jeton pour l'instant.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="jetons-titre" tabindex="0">
          <table>
            <caption id="jetons-titre">Jetons, les actifs d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Données ouvertes</th>
                <th scope="col">Créé</th>
                <th scope="col">Dernière utilisation</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{scopeLabels(t.scopes)}</td>
                  <td>
                    {formatDateTime(t.created_at)}
                    {t.created_by ? <span class="meta"> par {t.created_by}</span> : null}
                  </td>
                  <td>{t.last_used_at ? formatDateTime(t.last_used_at) : "Jamais"}</td>
                  <td>
                    {t.revoked_at ? (
                      `Révoqué le ${formatDateTime(t.revoked_at)}`
                    ) : (
                      <>
                        Actif{" "}
                        <a href={`${TOKENS_PATH}/${t.id}/revoquer`}>
                          Révoquer<span class="visually-hidden"> le jeton « {t.name} »</span>
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface TokenFormValues {
  name: string;
  scopes: string[];
}

export function TokenFormPage(props: { ctx: PageContext; values: TokenFormValues; errors: FieldErrors }): SafeHtml {
  const { values: v, errors: e } = props;
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}Nouveau jeton d'accès à l'API`}>
      <BackLink href={TOKENS_PATH}>Tous les jetons</BackLink>
      <h1>Nouveau jeton d'accès à l'API</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={`${TOKENS_PATH}/nouveau`} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField
          name="name"
          label="Nom du jeton"
          hint="Qui l'utilise et pour quoi, par exemple : Observatoire départemental, tableau de bord."
          value={v.name}
          error={e.name}
          required
          extra={{ maxlength: "100" }}
        />
        <ChoiceGroup
          name="scopes"
          legend="Données que ce jeton ouvre"
          type="checkbox"
          required
          error={e.scopes}
          selected={v.scopes}
          choices={API_SCOPE_CODES.map((code) => ({ value: code, label: API_SCOPES[code] }))}
        />
        <Button>Créer le jeton</Button>
      </form>
    </Layout>
  );
}

export function TokenCreatedPage(props: { ctx: PageContext; name: string; scopes: string[]; token: string }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Jeton créé">
      <h1>Jeton « {props.name} » créé</h1>
      <Notice kind="warning" title="Copiez ce jeton maintenant">
        <p>Il ne sera plus jamais affiché : nous n'en gardons qu'une empreinte. Si vous le perdez, révoquez-le et créez-en un autre.</p>
      </Notice>
      <div class="field">
        <label for="jeton">Jeton (données ouvertes : {scopeLabels(props.scopes)})</label>
        <p class="hint" id="jeton-aide">
          Sélectionnez le texte et copiez-le. Le logiciel l'envoie dans l'en-tête : Authorization: Bearer suivi du jeton.
        </p>
        <input id="jeton" type="text" readonly value={props.token} class="input token-value" aria-describedby="jeton-aide" autocomplete="off" spellcheck="false" />
      </div>
      <p>
        <a href={TOKENS_PATH}>Revenir aux jetons</a>
      </p>
    </Layout>
  );
}

export function RevokePage(props: { ctx: PageContext; token: TokenRow }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title={`Révoquer le jeton « ${props.token.name} »`}>
      <BackLink href={TOKENS_PATH}>Tous les jetons</BackLink>
      <h1>Révoquer le jeton « {props.token.name} » ?</h1>
      <p>Le logiciel qui l'utilise ne pourra plus lire les données ({scopeLabels(props.token.scopes)}). Cette action est définitive.</p>
      <form method="post" action={`${TOKENS_PATH}/${props.token.id}/revoquer`}>
        <CsrfField token={props.ctx.csrfToken} />
        <Button>Oui, révoquer ce jeton</Button>
      </form>
      <p>
        <a href={TOKENS_PATH}>Non, garder le jeton</a>
      </p>
    </Layout>
  );
}
