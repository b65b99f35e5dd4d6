// The page that shows a new calendar feed address, once.
import { Notice } from "../../web/components.tsx";
import { BackLink } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";

export function FeedCreatedPage(props: { ctx: PageContext; url: string }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Votre adresse d'abonnement">
      <BackLink href="/agenda">Retour à mon agenda</BackLink>
      <h1>Votre adresse d'abonnement</h1>
      <Notice kind="warning" title="Copiez-la maintenant : elle ne sera plus affichée.">
        <p>Toute personne qui la connaît voit vos rendez-vous. Ne la partagez pas ; en cas de doute, révoquez-la depuis votre agenda.</p>
      </Notice>
      <p>
        <label for="adresse-flux">Adresse à ajouter dans votre application d'agenda (« S'abonner à un calendrier » ou « Ajouter par URL ») :</label>
      </p>
      <p>
        <input id="adresse-flux" class="input agenda-feed__url" type="text" readonly value={props.url} />
      </p>
      <p>Les applications d'agenda relisent l'adresse de temps en temps : un changement peut mettre quelques heures à apparaître.</p>
    </Layout>
  );
}
