// The page shell: skip link, brand header, navigation, main content, footer with the legal pages.
import type { Viewer } from "../features/auth/viewer.ts";
import { assetUrl } from "./assets.ts";
import { type Renderable, type SafeHtml, unsafeHtml } from "./html/jsx-runtime.ts";

export interface SiteInfo {
  brandName: string;
  tagline: string;
  departementName: string;
  hasLogo: boolean;
  demo: boolean;
}

export interface PageContext {
  site: SiteInfo;
  viewer: Viewer | null;
  csrfToken: string;
  path: string;
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: Renderable;
  scripts?: string[];
  /** A web app manifest (a page that can be installed on a phone). */
  manifest?: string;
}

function NavLink(props: { href: string; path: string; children: Renderable }): SafeHtml {
  const current = props.path === props.href || (props.href !== "/" && props.path.startsWith(`${props.href}/`));
  return (
    <li>
      <a href={props.href} aria-current={current ? "page" : undefined}>
        {props.children}
      </a>
    </li>
  );
}

function Header(props: { ctx: PageContext }): SafeHtml {
  const { site, viewer, path, csrfToken } = props.ctx;
  return (
    <header class="site-header">
      {site.demo ? <p class="demo-banner">Démonstration : les personnes, lieux et chiffres affichés sont fictifs.</p> : null}
      <div class="container site-header__inner">
        <a class="brand" href="/">
          {site.hasLogo ? <img src="/logo" alt="" class="brand__logo" /> : null}
          <span class="brand__name">{site.brandName}</span>
          <span class="brand__tagline">{site.tagline}</span>
        </a>
        <nav aria-label="Menu principal">
          <ul class="nav">
            <NavLink href="/trouver-de-l-aide" path={path}>
              Trouver de l'aide
            </NavLink>
            <NavLink href="/ateliers" path={path}>
              Ateliers
            </NavLink>
            {viewer ? (
              <>
                <NavLink href="/espace" path={path}>
                  Mon espace
                </NavLink>
                <li>
                  <form method="post" action="/deconnexion" class="inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <button type="submit" class="button button--link">
                      Se déconnecter
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <NavLink href="/connexion" path={path}>
                Se connecter
              </NavLink>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function Footer(props: { site: SiteInfo }): SafeHtml {
  return (
    <footer class="site-footer">
      <div class="container">
        <p>
          {props.site.brandName}, le réseau d'inclusion numérique du département : {props.site.departementName}.
        </p>
        <ul class="footer-links">
          <li>
            <a href="/mentions-legales">Mentions légales</a>
          </li>
          <li>
            <a href="/accessibilite">Accessibilité : partiellement conforme</a>
          </li>
          <li>
            <a href="/donnees-personnelles">Données personnelles</a>
          </li>
          <li>
            <a href="/donnees">Données ouvertes</a>
          </li>
          <li>
            <a href="/chiffres">Chiffres du réseau</a>
          </li>
          <li>
            <a href="/api/v1/openapi.json">API</a>
          </li>
          <li>
            <a href="/tester-mes-usages">Tester mes usages du numérique</a>
          </li>
        </ul>
        <p class="footer-small">Déclic est un logiciel libre (AGPL-3.0-or-later).</p>
      </div>
    </footer>
  );
}

export function Layout(props: LayoutProps): SafeHtml {
  const { ctx } = props;
  const title = `${props.title} · ${ctx.site.brandName}`;
  return (
    <>
      {unsafeHtml("<!doctype html>")}
      <html lang="fr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <link rel="stylesheet" href={assetUrl("/static/declic.css")} />
          <link rel="stylesheet" href="/theme.css" />
          <link rel="icon" href={assetUrl("/static/favicon.svg")} type="image/svg+xml" />
          {props.manifest ? <link rel="manifest" href={props.manifest} /> : null}
          {(props.scripts ?? []).map((src) => (
            <script src={assetUrl(src)} defer></script>
          ))}
        </head>
        <body>
          <a class="skip-link" href="#contenu">
            Aller au contenu
          </a>
          <Header ctx={ctx} />
          <main id="contenu" class="container" tabindex="-1">
            {props.children}
          </main>
          <Footer site={ctx.site} />
        </body>
      </html>
    </>
  );
}
