// One request: what is asked, what is planned once accepted, the actions of the viewer's side, and the
// thread of status changes and messages between the commune and the coordination.
import { CsrfField, ErrorSummary, formatDateTime, formatNumber, Notice } from "../../web/components.tsx";
import { BackLink, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { PhoneLink } from "../../web/phone-link.tsx";
import { toParis } from "../calendar/paris-time.ts";
import { frenchDate } from "../network/network.ts";
import { PUBLICS } from "../places/place-standard.ts";
import type { OutcomeView } from "./request-outcome.ts";
import { StatusTag, timeRangeText, weekdaysText } from "./request-parts.views.tsx";
import type { RequestDetail, RequestEventRow } from "./requests.repository.ts";
import { describeAge, MESSAGE_MAX, REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_RHYTHMS, REQUEST_STATUSES, type RequestSide, type RequestStatus, requestTitle } from "./requests.ts";

export interface RequestPageModel {
  request: RequestDetail;
  ageDays: number;
  events: RequestEventRow[];
  /** The side the viewer speaks for, or null when they only read. */
  side: RequestSide | null;
  nextStatuses: readonly RequestStatus[];
  outcome: OutcomeView | null;
  /** « Et si… » on the coverage page, from this request (coordination and Préfecture). */
  whatIfHref: string | null;
  notice: string | null;
  errors: Record<string, string>;
  values: { message: string; motif: string; note: string };
}

function whenWanted(r: RequestDetail): string {
  const parts = [weekdaysText(r.weekdays), timeRangeText(r.start_time, r.end_time)].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "À définir ensemble";
}

function eventText(e: RequestEventRow, r: RequestDetail): string {
  const who = e.actor_name ?? (e.side === "commune" ? "La commune" : "La coordination");
  if (e.kind === "created") return e.side === "commune" ? `${who} a déposé la demande en ligne.` : `${who} a enregistré la demande, reçue ${REQUEST_CHANNELS[r.channel].toLowerCase()}.`;
  if (e.kind === "message") return `${who} (${e.side === "commune" ? "commune" : "coordination"}) a écrit :`;
  const to = e.to_status as RequestStatus;
  if (e.side === "commune") return `${who} a retiré la demande.`;
  if (to === "in_review" && (e.from_status === "refused" || e.from_status === "closed")) return `${who} a rouvert la demande.`;
  if (to === "in_review") return `${who} a mis la demande à l'étude.`;
  if (to === "accepted") return `${who} a accepté la demande.`;
  if (to === "refused") return `${who} a refusé la demande.`;
  return `${who} a clôturé la demande.`;
}

function Facts(props: { r: RequestDetail }): SafeHtml {
  const { r } = props;
  const publics = r.publics.map((code) => PUBLICS.find((p) => p.code === code)?.label ?? code);
  return (
    <dl class="request-facts">
      <dt>Demande</dt>
      <dd>{REQUEST_KINDS[r.kind].label}</dd>
      <dt>Commune</dt>
      <dd>
        {r.commune_name}
        {r.structure_name ? ` (${r.structure_name})` : ""}
      </dd>
      <dt>Lieu proposé</dt>
      <dd>{r.place_name ? `${r.place_name} (${r.place_commune_name})` : (r.address ?? "À définir ensemble")}</dd>
      <dt>Jours et horaires</dt>
      <dd>{whenWanted(r)}</dd>
      <dt>Rythme</dt>
      <dd>{r.rhythm ? REQUEST_RHYTHMS[r.rhythm].label : "À définir ensemble"}</dd>
      <dt>{r.kind === "intervention" ? "Date" : "À partir du"}</dt>
      <dd>{r.start_date ? frenchDate(r.start_date) : "Pas de date souhaitée"}</dd>
      <dt>Public</dt>
      <dd>{[...publics, ...(r.public_details ? [r.public_details] : [])].join(" ; ") || "Tout public"}</dd>
      <dt>Personnes attendues</dt>
      <dd>{r.expected_people === null ? "Non indiqué" : formatNumber(r.expected_people)}</dd>
      <dt>Contact</dt>
      <dd>
        {r.contact_name}
        {r.contact_role ? `, ${r.contact_role}` : ""}
        {r.contact_email ? (
          <>
            {" · "}
            <a href={`mailto:${r.contact_email}`}>{r.contact_email}</a>
          </>
        ) : null}
        {r.contact_phone ? (
          <>
            {" · "}
            <PhoneLink phone={r.contact_phone} />
          </>
        ) : null}
      </dd>
    </dl>
  );
}

function Planned(props: { outcome: OutcomeView }): SafeHtml {
  const { outcome } = props;
  return (
    <section aria-labelledby="prevu" class="request-outcome">
      <h2 id="prevu">Ce qui est prévu</h2>
      <p>
        <strong>{outcome.title}</strong>
        {outcome.rule ? ` : ${outcome.rule}` : "."}
      </p>
      {outcome.dates.length > 0 ? (
        <>
          <p>Prochaines dates :</p>
          <ul>
            {outcome.dates.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Aucune date à venir pour l'instant.</p>
      )}
      {outcome.placeSlug ? (
        <p>
          <a href={`/lieux/${outcome.placeSlug}`}>Voir la page publique du lieu</a>, à partager avec les habitants.
        </p>
      ) : null}
    </section>
  );
}

function Actions(props: { ctx: PageContext; model: RequestPageModel }): SafeHtml {
  const { model, ctx } = props;
  const { request: r, errors: e, values: v, nextStatuses } = model;
  const base = `/demandes/${r.id}`;
  const can = (s: RequestStatus) => nextStatuses.includes(s);
  if (model.side === "commune") {
    return (
      <section aria-labelledby="actions" class="request-actions">
        <h2 id="actions">Retirer la demande</h2>
        <form method="post" action={`${base}/statut`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="statut" value={REQUEST_STATUSES.closed.code} />
          <TextAreaField name="note" label="Pourquoi ?" value={v.note} error={e.note} rows={2} maxlength={MESSAGE_MAX} />
          <button type="submit" class="button button--secondary">
            Retirer ma demande
          </button>
        </form>
      </section>
    );
  }
  const reopen = can("in_review") && (r.status === "refused" || r.status === "closed");
  return (
    <section aria-labelledby="actions" class="request-actions">
      <h2 id="actions">Décider</h2>
      <div class="request-actions__row">
        {can("in_review") && !reopen ? (
          <form method="post" action={`${base}/statut`} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="statut" value={REQUEST_STATUSES.in_review.code} />
            <button type="submit" class="button button--secondary">
              Mettre à l'étude
            </button>
          </form>
        ) : null}
        {can("accepted") ? (
          <a href={`${base}/accepter`} class="button button--primary">
            Accepter : créer ou choisir la permanence ou l'atelier
          </a>
        ) : null}
        {reopen ? (
          <form method="post" action={`${base}/statut`} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="statut" value={REQUEST_STATUSES.in_review.code} />
            <button type="submit" class="button button--secondary">
              Rouvrir la demande
            </button>
          </form>
        ) : null}
      </div>
      {can("refused") ? (
        <form method="post" action={`${base}/statut`} class="request-actions__form">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="statut" value={REQUEST_STATUSES.refused.code} />
          <TextAreaField name="motif" label="Motif du refus" hint="La commune le reçoit par courriel." value={v.motif} error={e.motif} rows={3} maxlength={MESSAGE_MAX} required />
          <button type="submit" class="button button--secondary">
            Refuser la demande
          </button>
        </form>
      ) : null}
      {can("closed") ? (
        <form method="post" action={`${base}/statut`} class="request-actions__form">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="statut" value={REQUEST_STATUSES.closed.code} />
          <TextAreaField name="note" label="Note de clôture" value={v.note} error={e.note} rows={2} maxlength={MESSAGE_MAX} />
          <button type="submit" class="button button--secondary">
            Clôturer la demande
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function RequestPage(props: { ctx: PageContext; model: RequestPageModel }): SafeHtml {
  const { model, ctx } = props;
  const { request: r, errors: e } = model;
  const title = `${requestTitle(r.number)} : ${REQUEST_KINDS[r.kind].short} à ${r.commune_name}`;
  const open = r.status === "new" || r.status === "in_review";
  return (
    <Layout ctx={ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}${title}`}>
      <BackLink href="/demandes">Toutes les demandes</BackLink>
      <h1>{title}</h1>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      <ErrorSummary errors={e} />
      <p class="request-state">
        <StatusTag status={r.status} />
        {open ? <strong class="request-age">En attente depuis {model.ageDays} jour{model.ageDays > 1 ? "s" : ""}</strong> : null}
      </p>
      <p class="meta">
        Déposée le {frenchDate(toParis(r.created_at).date)} ({describeAge(model.ageDays)}), {REQUEST_CHANNELS[r.channel].toLowerCase()}
        {r.created_by_name ? `, par ${r.created_by_name}` : ""}.{r.assigned_name ? ` Suivie par ${r.assigned_name} (coordination).` : ""}
      </p>
      {r.status === "refused" && r.decision_reason ? (
        <Notice kind="warning" title="Motif du refus">
          <p class="request-text">{r.decision_reason}</p>
        </Notice>
      ) : null}
      {model.outcome ? <Planned outcome={model.outcome} /> : null}
      <h2>La demande</h2>
      <Facts r={r} />
      <p class="message-body">{r.details}</p>
      {model.whatIfHref ? (
        <p>
          <a href={model.whatIfHref}>Et si… : voir sur le maillage ce que changerait une permanence ici</a>
        </p>
      ) : null}
      {model.side !== null && model.nextStatuses.length > 0 ? <Actions ctx={ctx} model={model} /> : null}
      <section aria-labelledby="echanges">
        <h2 id="echanges">Échanges et suivi</h2>
        <ol class="request-timeline">
          {model.events.map((ev) => (
            <li class={`request-timeline__item request-timeline__item--${ev.side}`}>
              <p>
                <time datetime={ev.at.toISOString()}>{formatDateTime(ev.at)}</time> · {eventText(ev, r)}
              </p>
              {ev.body ? <p class="message-body">{ev.body}</p> : null}
            </li>
          ))}
        </ol>
        {model.side !== null ? (
          <form method="post" action={`/demandes/${r.id}/messages`} class="request-message-form">
            <CsrfField token={ctx.csrfToken} />
            <TextAreaField
              name="message"
              label={model.side === "commune" ? "Écrire à la coordination" : "Écrire à la commune"}
              hint="Votre message est envoyé par courriel et reste dans ces échanges."
              value={model.values.message}
              error={e.message}
              rows={4}
              maxlength={MESSAGE_MAX}
              required
            />
            <button type="submit" class="button button--primary">
              Envoyer le message
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
