// The public page of a place: where, when, what help, for whom, how to get in touch.
import { Notice } from "../../../web/components.tsx";
import { type SafeHtml, unsafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { WorkshopHighlights } from "../../workshops/workshop-highlights.service.ts";
import { UpcomingWorkshops } from "../../workshops/workshop-highlights.views.tsx";
import { AddressLines, HoursTable, PermanencesList, PhoneLink } from "./place-blocks.tsx";
import type { PlaceView } from "./place-page.presenter.ts";
import { PosterFooter } from "./place-poster.views.tsx";
import { ReportForm, type ReportFormModel } from "./place-reports.views.tsx";

export interface PlacePageModel {
  place: PlaceView;
  qrCode: SafeHtml;
  report: ReportFormModel;
  reportSent: boolean;
  workshops: WorkshopHighlights;
}

function LabelList(props: { title: string; items: string[] }): SafeHtml {
  if (props.items.length === 0) return unsafeHtml("");
  return (
    <>
      <h3>{props.title}</h3>
      <ul>
        {props.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
    </>
  );
}

function Contact(props: { place: PlaceView }): SafeHtml {
  const { place } = props;
  const nothing = !place.phone && place.emails.length === 0 && !place.website && !place.bookingUrl;
  return (
    <section class="place-section place-contact" aria-labelledby="contact-titre">
      <h2 id="contact-titre">Contact</h2>
      {nothing ? <p>Pas de contact renseigné : présentez-vous aux horaires d'ouverture.</p> : null}
      <ul class="plain-list">
        {place.phone ? (
          <li>
            Téléphone : <PhoneLink phone={place.phone} />
          </li>
        ) : null}
        {place.emails.map((email) => (
          <li>
            Courriel : <a href={`mailto:${email}`}>{email}</a>
          </li>
        ))}
        {place.website ? (
          <li>
            Site internet : <a href={place.website}>{place.website}</a>
          </li>
        ) : null}
      </ul>
      {place.bookingUrl ? (
        <p class="screen-only">
          <a class="button button--primary" href={place.bookingUrl}>
            Prendre rendez-vous en ligne
          </a>
        </p>
      ) : null}
    </section>
  );
}

export function PlacePage(props: { ctx: PageContext; model: PlacePageModel }): SafeHtml {
  const { place, qrCode, report } = props.model;
  return (
    <Layout ctx={props.ctx} title={place.name}>
      <script type="application/ld+json">{unsafeHtml(place.jsonLd)}</script>
      <article class="place">
        <p class="screen-only">
          <a href="/trouver-de-l-aide">← Tous les lieux d'aide</a>
        </p>
        {props.model.reportSent ? (
          <Notice kind="success" title="Merci pour votre signalement">
            <p>L'équipe du lieu va vérifier les informations et corriger la fiche si besoin.</p>
          </Notice>
        ) : null}
        <h1 class="place__name">{place.name}</h1>
        <p class="print-only poster-tagline">Besoin d'aide avec le numérique ? Des conseillers numériques vous accompagnent.</p>
        {place.summary ? <p class="lead">{place.summary}</p> : null}

        <section class="place-section place-where" aria-labelledby="adresse-titre">
          <h2 id="adresse-titre">Adresse</h2>
          <AddressLines place={place} />
          {place.approximatePosition ? <p class="meta">Position sur la carte : position approximative (centre de la commune).</p> : null}
          {place.directionsUrl ? (
            <p class="screen-only">
              Comment venir : <a href={place.directionsUrl}>itinéraire sur OpenStreetMap (site externe)</a>
            </p>
          ) : null}
        </section>

        <section class="place-section place-hours" aria-labelledby="horaires-titre">
          <h2 id="horaires-titre">Horaires d'ouverture</h2>
          <HoursTable week={place.week} id="horaires" />
        </section>

        <section class="place-section place-permanences" aria-labelledby="permanences-titre">
          <h2 id="permanences-titre">Prochaines permanences</h2>
          <p class="screen-only">Un conseiller ou une conseillère numérique est présent sur ces créneaux, dans les 4 prochaines semaines.</p>
          <PermanencesList permanences={place.permanences} />
          <p class="screen-only">
            <a class="button button--primary" href={`/lieux/${encodeURIComponent(place.slug)}/rendez-vous`}>
              Prendre rendez-vous avec un conseiller
            </a>
          </p>
        </section>

        <UpcomingWorkshops workshops={props.model.workshops} id="ateliers-titre" title="Prochains ateliers ici" class="place-section place-extra" atPlace />

        <Contact place={place} />

        <section class="place-section place-extra" aria-labelledby="aide-titre">
          <h2 id="aide-titre">L'aide proposée</h2>
          {place.description ? <p>{place.description}</p> : null}
          <LabelList title="Ce que vous pouvez faire ici" items={place.services} />
          <LabelList title="Pour qui" items={place.publics} />
          <LabelList title="Accompagnement adapté" items={place.specificSupport} />
          <LabelList title="Tarif" items={place.fees} />
          <LabelList title="Comment en profiter" items={place.accessModes} />
          <LabelList title="Formes d'accompagnement" items={place.supportModes} />
          {place.services.length + place.publics.length + place.fees.length + place.accessModes.length + place.supportModes.length === 0 ? (
            <p>Les services de ce lieu ne sont pas encore décrits : téléphonez ou passez pour en savoir plus.</p>
          ) : null}
        </section>

        <section class="place-section place-extra" aria-labelledby="accessibilite-titre">
          <h2 id="accessibilite-titre">Accessibilité</h2>
          {place.accessibilityUrl ? (
            <p>
              <a href={place.accessibilityUrl}>Accessibilité du lieu sur acceslibre (site externe)</a>
            </p>
          ) : (
            <p>Les informations d'accessibilité ne sont pas encore renseignées : téléphonez au lieu pour vous renseigner.</p>
          )}
        </section>

        <section class="place-section place-extra" aria-labelledby="gestion-titre">
          <h2 id="gestion-titre">Qui accueille ici</h2>
          <p>
            Lieu géré par : {place.structureName}
            {place.parentStructure && place.parentStructure !== place.structureName ? ` (${place.parentStructure})` : null}.
          </p>
          <p class="meta">Mis à jour le {place.updatedOn}.</p>
        </section>

        <PosterFooter place={place} qrCode={qrCode} />

        <section class="place-section screen-only" aria-labelledby="imprimer-titre">
          <h2 id="imprimer-titre">Imprimer</h2>
          <ul class="plain-list">
            <li>
              <a href={`${place.path}/affiche`}>Imprimer une affiche</a> pour le panneau d'affichage de la mairie ou d'un accueil.
            </li>
            <li>
              <a href={`${place.path}/orientation`}>Préparer une fiche d'orientation</a> pour envoyer une personne vers ce lieu.
            </li>
          </ul>
        </section>

        <ReportForm csrfToken={props.ctx.csrfToken} placePath={place.path} placeName={place.name} form={report} headingLevel={2} />
      </article>
    </Layout>
  );
}
