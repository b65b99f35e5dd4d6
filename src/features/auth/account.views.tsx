import { Button, CsrfField } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";

export interface AccountModel {
  fullName: string;
  email: string;
  roles: { label: string; structure: string | null }[];
  activeSessions: number;
  links: { href: string; label: string }[];
}

export function AccountPage(props: { ctx: PageContext; model: AccountModel }): SafeHtml {
  const { model } = props;
  return (
    <Layout ctx={props.ctx} title="Mon espace">
      <h1>Bonjour {model.fullName}</h1>
      <p>Adresse de connexion : {model.email}</p>
      <h2>Mes rôles</h2>
      {model.roles.length === 0 ? (
        <p>Aucun rôle ne vous est encore attribué. Contactez la coordination du réseau.</p>
      ) : (
        <ul>
          {model.roles.map((r) => (
            <li>
              {r.label}
              {r.structure ? ` — ${r.structure}` : ""}
            </li>
          ))}
        </ul>
      )}
      {model.links.length > 0 ? (
        <>
          <h2>Mes outils</h2>
          <ul class="cards">
            {model.links.map((l) => (
              <li class="card">
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Sécurité</h2>
      <p>
        {model.activeSessions === 1
          ? "Vous êtes connecté·e sur 1 appareil."
          : `Vous êtes connecté·e sur ${model.activeSessions} appareils ou navigateurs.`}
      </p>
      <p>
        <a href="/espace/sessions">Voir et fermer mes sessions</a>
      </p>
      <form method="post" action="/deconnexion/partout">
        <CsrfField token={props.ctx.csrfToken} />
        <Button variant="secondary">Me déconnecter de tous les appareils</Button>
      </form>
    </Layout>
  );
}
