import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import type { WorkshopHighlights } from "../workshops/workshop-highlights.service.ts";
import { UpcomingWorkshops } from "../workshops/workshop-highlights.views.tsx";
import { CommuneSearchForm } from "./commune-search-form.tsx";

const HELP_TOPICS = [
  "Utiliser un téléphone, une tablette ou un ordinateur",
  "Envoyer et recevoir des courriels",
  "Ranger ses fichiers et ses photos",
  "Faire ses démarches en ligne : CAF, France Travail, ameli, impôts…",
  "Naviguer sur internet en sécurité et repérer les fausses informations",
];

export function HomePage(props: { ctx: PageContext; stats: { places: number; advisors: number; communes: number }; workshops: WorkshopHighlights }): SafeHtml {
  const { ctx, stats } = props;
  return (
    <Layout ctx={ctx} title="Accueil" scripts={["/static/commune-search.js"]}>
      <h1>Le numérique facile, près de chez vous</h1>
      <p class="lead">
        Des conseillers et conseillères numériques vous aident gratuitement, dans votre commune ou à côté : à la mairie,
        à la médiathèque, dans un centre médico-social ou une maison France Services.
      </p>
      <h2>Trouver de l'aide près de chez moi</h2>
      <CommuneSearchForm />
      <h2>Ils peuvent vous aider à…</h2>
      <ul>
        {HELP_TOPICS.map((t) => (
          <li>{t}</li>
        ))}
      </ul>
      <section aria-labelledby="autodiagnostic-titre">
        <h2 id="autodiagnostic-titre">Où en êtes-vous avec le numérique ?</h2>
        <p>
          12 questions simples, sans compte, pour savoir ce que vous savez déjà faire et trouver un atelier à votre niveau.
        </p>
        <p>
          <a class="button button--secondary" href="/tester-mes-usages">
            Tester mes usages du numérique
          </a>
        </p>
      </section>
      <UpcomingWorkshops
        workshops={props.workshops}
        id="ateliers-titre"
        title="Les prochains ateliers"
        intro="Des ateliers gratuits en petit groupe, près de chez vous ou à distance depuis chez vous. L'inscription se fait sans compte."
      />
      <h2>Le réseau {ctx.site.brandName}</h2>
      <ul class="cards cards--figures">
        <li class="card">
          <p>
            <strong>{stats.advisors}</strong> conseillers et conseillères numériques
          </p>
        </li>
        <li class="card">
          <p>
            <strong>{stats.places}</strong> lieux d'accueil
          </p>
        </li>
        <li class="card">
          <p>
            <strong>{stats.communes}</strong> communes dans le département
          </p>
        </li>
      </ul>
      <h2>Vous aidez quelqu'un ?</h2>
      <p>
        Proche, travailleur social, agent de mairie : vous pouvez chercher un lieu d'aide pour la personne
        que vous accompagnez. Les professionnels du réseau et les partenaires <a href="/connexion">se connectent ici</a>.
      </p>
    </Layout>
  );
}

export function MentionsLegalesPage(props: { ctx: PageContext; departementName: string; publicUrl: string }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Mentions légales">
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Ce service est édité par le Département ({props.departementName}), qui coordonne le réseau d'inclusion numérique
        {" "}{props.ctx.site.brandName} avec la préfecture.
      </p>
      <h2>Adresse du service</h2>
      <p>{props.publicUrl}</p>
      <h2>Logiciel</h2>
      <p>
        Le service repose sur Déclic, logiciel libre publié sous licence GNU Affero General Public License, version 3 ou
        ultérieure (AGPL-3.0-or-later).
      </p>
      <h2>Données géographiques</h2>
      <p>Code officiel géographique (INSEE) et contours des communes : « IGN, INSEE — Admin Express COG », Licence Ouverte / Open Licence d'Etalab.</p>
    </Layout>
  );
}

export function AccessibilitePage(props: { ctx: PageContext }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Déclaration d'accessibilité">
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Le Département s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi
        n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        {props.ctx.site.brandName} est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration
        de l'accessibilité (RGAA), version 4.1 : aucun audit complet n'a encore été réalisé.
      </p>
      <h2>Ce que nous vérifions à chaque version</h2>
      <ul>
        <li>Chaque page est testée automatiquement avec axe-core : zéro erreur détectée.</li>
        <li>Tout fonctionne au clavier et sans JavaScript pour les pages publiques.</li>
        <li>Les textes sont en français simple, les zones cliquables sont grandes.</li>
      </ul>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le Département pour être orienté vers une
        alternative accessible.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu, que vous nous l'avez signalé et
        que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.
      </p>
    </Layout>
  );
}

export function DonneesPersonnellesPage(props: { ctx: PageContext }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Données personnelles">
      <h1>Données personnelles</h1>
      <p class="lead">Nous gardons le moins de données possible, et jamais plus longtemps que nécessaire.</p>
      <h2>Ce que nous gardons</h2>
      <ul>
        <li>
          Pour les professionnels du réseau : nom, prénom, adresse électronique, rôles, et les connexions (pour la
          sécurité du compte).
        </li>
        <li>
          Pour les personnes accompagnées : rien sans leur accord. Avec leur accord, seulement ce qui sert à les
          accompagner.
        </li>
        <li>Les demandes de lien de connexion sont enregistrées sous une forme chiffrée, pour empêcher les abus.</li>
      </ul>
      <h2>Combien de temps</h2>
      <p>Les données des rendez-vous et des comptes inactifs sont supprimées au bout de 2 ans.</p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez demander à voir, corriger ou supprimer vos données, auprès du Département ou du conseiller numérique
        qui vous accompagne. Vous pouvez aussi saisir la CNIL.
      </p>
      <h2>Cookies</h2>
      <p>
        Nous n'utilisons que des cookies nécessaires au fonctionnement : la connexion des professionnels et la protection
        des formulaires. Aucun cookie de mesure d'audience ou de publicité.
      </p>
    </Layout>
  );
}
