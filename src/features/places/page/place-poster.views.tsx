// The poster of a place, for a town hall notice board: one A4 page, big name, when, where, phone,
// and a QR code leading to the page. The person prints it with the browser (no JavaScript needed).
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { AddressLines, HoursTable, PermanencesList, PhoneLink } from "./place-blocks.tsx";
import type { PlaceView } from "./place-page.presenter.ts";

export const POSTER_PERMANENCES = 5;

/** The QR code and the page's address; on the place page it only appears on paper. */
export function PosterFooter(props: { place: PlaceView; qrCode: SafeHtml; onScreen?: boolean }): SafeHtml {
  return (
    <div class={props.onScreen ? "poster-footer" : "poster-footer print-only"}>
      {props.qrCode}
      <p>
        Toutes les informations, à jour :<br />
        <strong class="poster-url">{props.place.url}</strong>
      </p>
    </div>
  );
}

export function PosterPage(props: { ctx: PageContext; place: PlaceView; qrCode: SafeHtml; fees: string[] }): SafeHtml {
  const { place } = props;
  return (
    <Layout ctx={props.ctx} title={`Affiche : ${place.name}`}>
      <div class="screen-only poster-instructions">
        <p>
          <a href={place.path}>← Retour à la fiche du lieu</a>
        </p>
        <p>
          Cette affiche tient sur une feuille A4. Pour l'imprimer, utilisez la commande « Imprimer » de votre navigateur (touches Ctrl
          et P, ou Cmd et P sur Mac).
        </p>
      </div>
      <article class="poster">
        <p class="poster-kicker">Besoin d'aide avec le numérique ?</p>
        <h1 class="poster-name">{place.name}</h1>
        <p class="poster-tagline">
          Des conseillers numériques vous aident à utiliser un téléphone ou un ordinateur et à faire vos démarches en ligne.
          {props.fees.length > 0 ? ` ${props.fees.join(", ")}.` : null}
        </p>
        <div class="poster-grid">
          <section aria-labelledby="affiche-quand">
            <h2 id="affiche-quand">Quand ?</h2>
            <HoursTable week={place.week} id="affiche-horaires" />
            <h3>Prochaines permanences</h3>
            <PermanencesList permanences={place.permanences} limit={POSTER_PERMANENCES} />
          </section>
          <section aria-labelledby="affiche-ou">
            <h2 id="affiche-ou">Où ?</h2>
            <AddressLines place={place} />
            {place.phone ? (
              <>
                <h2>Téléphone</h2>
                <p class="poster-phone">
                  <PhoneLink phone={place.phone} />
                </p>
              </>
            ) : null}
          </section>
        </div>
        <PosterFooter place={place} qrCode={props.qrCode} onScreen />
      </article>
    </Layout>
  );
}
