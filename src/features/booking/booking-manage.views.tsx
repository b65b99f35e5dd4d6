// The personal link's pages: the confirmation after booking (what to bring), the appointment, and its
// cancellation (after a confirmation question) or move to another slot until the deadline.
import { Button, CsrfField, ErrorSummary, Notice } from "../../web/components.tsx";
import { ChoiceGroup } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { PhoneLink } from "../../web/phone-link.tsx";
import type { ManagedAppointment } from "./booking.repository.ts";
import type { SlotView } from "./booking.service.ts";
import { formatHour, formatLongDay, locationLabel } from "./booking-format.ts";
import type { ManageState } from "./booking-manage.service.ts";
import { CANCEL_DEADLINE_MINUTES } from "./manage-token.ts";

const DEADLINE_TEXT = `${CANCEL_DEADLINE_MINUTES / 60} heures`;

export type ManageNotice = "booked" | "moved" | "cancelled_now" | "already_cancelled" | "too_late" | null;

function PlacePhone(props: { phone: string | null }): SafeHtml {
  return props.phone ? (
    <>
      appelez le lieu au <PhoneLink phone={props.phone} />
    </>
  ) : (
    <>prévenez le lieu</>
  );
}

function WhatToBring(): SafeHtml {
  return (
    <section aria-labelledby="apporter">
      <h2 id="apporter">À apporter</h2>
      <ul>
        <li>une pièce d'identité ;</li>
        <li>vos identifiants et mots de passe (impôts, Ameli, CAF, France Travail, messagerie…), si vous les avez ;</li>
        <li>l'appareil concerné (téléphone, tablette, ordinateur portable) et son chargeur ;</li>
        <li>les documents de votre démarche (courrier reçu, numéro de dossier, justificatifs).</li>
      </ul>
    </section>
  );
}

export function ManagePage(props: { ctx: PageContext; appointment: ManagedAppointment; state: ManageState; token: string; notice: ManageNotice }): SafeHtml {
  const { appointment: a, state, notice } = props;
  const start = new Date(a.starts_at);
  const end = new Date(a.ends_at);
  const title = notice === "booked" ? "Votre rendez-vous est réservé" : state === "cancelled" ? "Rendez-vous annulé" : "Votre rendez-vous";
  const gerer = `/rendez-vous/gerer?jeton=${props.token}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      {notice === "booked" ? (
        <Notice kind="success" title="C'est noté">
          <p>
            {a.first_name}, votre rendez-vous est réservé.
            {a.phone || a.email ? " Vous allez recevoir une confirmation, puis un rappel avant le rendez-vous." : ""}
          </p>
        </Notice>
      ) : null}
      {notice === "moved" ? (
        <Notice kind="success" title="Votre rendez-vous est déplacé">
          <p>
            Il a lieu maintenant le {formatLongDay(start)} à {formatHour(start)}. L'ancien créneau est libéré.
            {a.phone || a.email ? " Vous allez recevoir un message avec la nouvelle date." : ""} Ce lien reste le même.
          </p>
        </Notice>
      ) : null}
      {notice === "cancelled_now" ? (
        <Notice kind="success" title="Votre rendez-vous est annulé">
          <p>Le créneau est libéré pour quelqu'un d'autre.</p>
        </Notice>
      ) : null}
      {notice === "already_cancelled" ? (
        <Notice kind="warning" title="Ce rendez-vous était déjà annulé">
          <p>Il n'y a rien d'autre à faire.</p>
        </Notice>
      ) : null}
      <dl class="booking-summary">
        <dt>Date</dt>
        <dd>{formatLongDay(start)}</dd>
        <dt>Heure</dt>
        <dd>
          de {formatHour(start)} à {formatHour(end)}
        </dd>
        <dt>Motif</dt>
        <dd>
          {a.kind_name} ({locationLabel(a.location).toLowerCase()})
        </dd>
        <dt>Avec</dt>
        <dd>{a.advisor_first_name}</dd>
        {a.place_name ? (
          <>
            <dt>Lieu</dt>
            <dd>
              {a.place_name}, {a.place_address}, {a.place_postcode} {a.commune_name}
            </dd>
          </>
        ) : null}
        <dt>État</dt>
        <dd>{state === "cancelled" ? "Annulé" : state === "past" ? "Passé" : "À venir"}</dd>
      </dl>
      {state !== "cancelled" && state !== "past" ? <WhatToBring /> : null}
      {notice === "booked" ? (
        <section aria-labelledby="lien-perso">
          <h2 id="lien-perso">Votre lien personnel</h2>
          <p>Gardez ce lien : il permet de revoir ou d'annuler ce rendez-vous, sans compte.</p>
          <p class="manage-link">
            <a href={gerer}>{`${props.ctx.site.brandName} : gérer mon rendez-vous`}</a>
          </p>
        </section>
      ) : null}
      {state === "cancellable" ? (
        <section aria-labelledby="annuler">
          <h2 id="annuler">Annuler ou déplacer</h2>
          <p>Cet horaire ne vous convient plus ? Choisissez-en un autre, pour le même motif au même endroit.</p>
          <p>
            <a class="button button--secondary" href={`/rendez-vous/gerer/deplacer?jeton=${props.token}`}>
              Déplacer ce rendez-vous
            </a>
          </p>
          <p>Vous ne pouvez pas venir ? Annulez au plus tard {DEADLINE_TEXT} avant : le créneau servira à quelqu'un d'autre.</p>
          <p>
            <a class="button button--secondary" href={`/rendez-vous/gerer/annuler?jeton=${props.token}`}>
              Annuler ce rendez-vous
            </a>
          </p>
        </section>
      ) : null}
      {state === "too_late" ? (
        <Notice kind={notice === "too_late" ? "warning" : "info"} title="Il est trop tard pour annuler en ligne">
          <p>
            Un rendez-vous s'annule en ligne jusqu'à {DEADLINE_TEXT} avant son début. Si vous ne pouvez pas venir, <PlacePhone phone={a.place_phone} />{" "}
            pour le dire.
          </p>
        </Notice>
      ) : null}
      {state === "cancelled" && a.place_slug ? (
        <p>
          <a href={`/lieux/${encodeURIComponent(a.place_slug)}/rendez-vous`}>Choisir un autre créneau</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** The step before cancelling: the appointment again, and a plain question. */
export function ConfirmCancelPage(props: { ctx: PageContext; appointment: ManagedAppointment; token: string }): SafeHtml {
  const a = props.appointment;
  const start = new Date(a.starts_at);
  return (
    <Layout ctx={props.ctx} title="Annuler le rendez-vous">
      <h1>Voulez-vous vraiment annuler ?</h1>
      <p>
        Votre rendez-vous du {formatLongDay(start)} à {formatHour(start)} avec {a.advisor_first_name}
        {a.place_name ? `, à ${a.place_name}` : ""}, sera annulé et le créneau proposé à quelqu'un d'autre.
      </p>
      <form method="post" action="/rendez-vous/gerer/annuler">
        <CsrfField token={props.ctx.csrfToken} />
        <input type="hidden" name="jeton" value={props.token} />
        <input type="hidden" name="confirme" value="oui" />
        <Button variant="secondary">Oui, annuler ce rendez-vous</Button>
      </form>
      <p>
        <a href={`/rendez-vous/gerer?jeton=${props.token}`}>Non, garder mon rendez-vous</a>
      </p>
    </Layout>
  );
}

/** Moving: the next free slots of the same motif at the same place, one to choose. */
export function MovePage(props: {
  ctx: PageContext;
  appointment: ManagedAppointment;
  token: string;
  choices: SlotView[];
  error: string | null;
  gone: "taken" | "unavailable" | null;
}): SafeHtml {
  const a = props.appointment;
  const start = new Date(a.starts_at);
  const errors: Record<string, string> = props.error ? { creneau: props.error } : {};
  return (
    <Layout ctx={props.ctx} title="Déplacer le rendez-vous">
      <ErrorSummary errors={errors} />
      {props.gone ? (
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="pris-titre" autofocus>
          <h2 id="pris-titre">{props.gone === "taken" ? "Ce créneau vient d'être réservé" : "Ce créneau n'est plus disponible"}</h2>
          <p>Votre rendez-vous n'a pas changé. Choisissez un autre créneau ci-dessous.</p>
        </div>
      ) : null}
      <h1>Déplacer le rendez-vous</h1>
      <p>
        Aujourd'hui : {formatLongDay(start)} à {formatHour(start)}, {a.kind_name.toLowerCase()}
        {a.place_name ? `, à ${a.place_name}` : ""}.
      </p>
      {props.choices.length > 0 ? (
        <form method="post" action="/rendez-vous/gerer/deplacer" novalidate>
          <CsrfField token={props.ctx.csrfToken} />
          <input type="hidden" name="jeton" value={props.token} />
          <ChoiceGroup
            name="creneau"
            type="radio"
            legend="Nouveau créneau"
            hint="Le même motif, au même endroit. L'ancien créneau sera libéré."
            required
            error={props.error ?? undefined}
            selected={[]}
            choices={props.choices.map((s) => ({ value: s.id, label: `${formatLongDay(s.start)} à ${formatHour(s.start)}, avec ${s.advisorFirstName}` }))}
          />
          <Button>Déplacer à ce créneau</Button>
        </form>
      ) : (
        <Notice kind="info" title="Aucun autre créneau libre pour le moment">
          <p>
            Pour changer d'horaire, <PlacePhone phone={a.place_phone} />.
          </p>
        </Notice>
      )}
      <p>
        <a href={`/rendez-vous/gerer?jeton=${props.token}`}>Garder mon rendez-vous tel quel</a>
      </p>
    </Layout>
  );
}

export function InvalidLinkPage(props: { ctx: PageContext }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Lien non valable">
      <h1>Lien non valable</h1>
      <p>Ce lien de rendez-vous n'est pas valable : il a peut-être été mal copié. Vérifiez qu'il est complet, tel que reçu par SMS ou par courriel.</p>
      <p>Si le problème continue, contactez le lieu du rendez-vous.</p>
    </Layout>
  );
}
