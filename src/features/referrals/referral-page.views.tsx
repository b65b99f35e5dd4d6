// One referral. The receiving side sees the person, their needs and consent, and answers; the referrer
// sees the steps (never the content of the help); the network's readers see the steps without the person.
import { CsrfField, ErrorSummary, Notice } from "../../web/components.tsx";
import { BackLink, TextAreaField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { dateTimeText, dayText, ReferralStatusTag } from "./referral-parts.views.tsx";
import type { ReferralDetail } from "./referrals.repository.ts";
import { CONSENT_MODES, CONTACT_PREFERENCES, REFERRAL_STATUSES, type ReferralStatus, referralTitle, THEME_LABELS, URGENCIES } from "./referrals.ts";

export interface ReferralEvent {
  to_status: ReferralStatus;
  reason: string | null;
  at: Date;
}

export interface ReferralPageModel {
  referral: ReferralDetail;
  side: "receiver" | "referrer" | "reader";
  /** Names and contact details shown (referrals.policy.ts seesPerson). */
  showPerson: boolean;
  events: ReferralEvent[];
  actions: ReferralStatus[];
  bookHref: string | null;
  consentByName: string | null;
  errors: Record<string, string>;
  values: { motif: string };
  notice: string | null;
}

const ACTION_LABELS: Partial<Record<ReferralStatus, string>> = {
  accepted: "Prendre en charge",
  contacted: "J'ai contacté la personne",
  done: "Demande traitée (accompagnement réalisé)",
};

function Person(props: { r: ReferralDetail; consentByName: string | null }): SafeHtml {
  const r = props.r;
  if (r.anonymised_at !== null) return <p>Les coordonnées de la personne ont été effacées (durée de conservation).</p>;
  return (
    <dl class="summary-list">
      <dt>Personne</dt>
      <dd>
        {r.first_name} {r.last_name}
      </dd>
      {r.phone ? (
        <>
          <dt>Téléphone</dt>
          <dd>{r.phone.replace(/^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/, "0$1 $2 $3 $4 $5")}</dd>
        </>
      ) : null}
      {r.email ? (
        <>
          <dt>Courriel</dt>
          <dd>{r.email}</dd>
        </>
      ) : null}
      <dt>Préfère être contactée</dt>
      <dd>{CONTACT_PREFERENCES[r.contact_preference]}</dd>
      {r.commune_name ? (
        <>
          <dt>Commune</dt>
          <dd>{r.commune_name}</dd>
        </>
      ) : null}
      <dt>Accord</dt>
      <dd>
        {CONSENT_MODES[r.consent_mode]}, le {dayText(r.consent_at)}
        {props.consentByName ? `, recueilli par ${props.consentByName}` : ""}
      </dd>
    </dl>
  );
}

function Answer(props: { ctx: PageContext; model: ReferralPageModel }): SafeHtml {
  const { model } = props;
  const r = model.referral;
  const simple = model.actions.filter((a) => a === "accepted" || a === "contacted" || a === "done");
  const withReason = model.actions.filter((a) => a === "declined" || a === "redirected");
  if (model.actions.length === 0 && model.bookHref === null) return <></>;
  return (
    <section id="actions">
      <h2>Répondre</h2>
      {model.bookHref ? (
        <p>
          <a class="button button--primary" href={model.bookHref}>
            Prendre rendez-vous pour la personne
          </a>
        </p>
      ) : null}
      {simple.length > 0 ? (
        <form method="post" action={`/orientations/${r.id}/statut`} class="button-row">
          <CsrfField token={props.ctx.csrfToken} />
          {simple.map((a) => (
            <button type="submit" name="statut" value={REFERRAL_STATUSES[a].code} class="button button--secondary">
              {ACTION_LABELS[a]}
            </button>
          ))}
        </form>
      ) : null}
      {withReason.length > 0 ? (
        <form method="post" action={`/orientations/${r.id}/statut`} class="admin-form">
          <CsrfField token={props.ctx.csrfToken} />
          <TextAreaField
            name="motif"
            label="Motif (transmis à la structure qui a orienté)"
            hint="Par exemple : la personne a déjà été aidée ailleurs, ou un lieu plus proche lui convient mieux."
            value={model.values.motif}
            error={model.errors.motif}
            maxlength={1000}
            required
          />
          <div class="button-row">
            {withReason.map((a) => (
              <button type="submit" name="statut" value={REFERRAL_STATUSES[a].code} class="button button--secondary">
                {a === "declined" ? "Refuser l'orientation" : "Réorienter ailleurs"}
              </button>
            ))}
          </div>
        </form>
      ) : null}
    </section>
  );
}

export function ReferralPage(props: { ctx: PageContext; model: ReferralPageModel }): SafeHtml {
  const { model } = props;
  const r = model.referral;
  const title = referralTitle(r.number);
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(model.errors).length > 0 ? "Erreur : " : ""}${title}`}>
      <BackLink href="/orientations">Orientations</BackLink>
      <h1>{title}</h1>
      {model.notice ? <Notice kind="success">{model.notice}</Notice> : null}
      <ErrorSummary errors={model.errors} />
      <p>
        <ReferralStatusTag status={r.status} /> {r.urgency === "urgent" ? <strong class="tag tag--warning">Urgente</strong> : null}
      </p>
      <dl class="summary-list">
        <dt>Orientée par</dt>
        <dd>
          {r.from_name}, le {dayText(r.created_at)}
        </dd>
        <dt>Vers</dt>
        <dd>
          {r.place_name ? `${r.place_name}, ` : ""}
          {r.target_name}
        </dd>
        <dt>Besoins</dt>
        <dd>{r.themes.map((t) => THEME_LABELS.get(t) ?? t).join(", ")}</dd>
        <dt>Urgence</dt>
        <dd>{URGENCIES[r.urgency]}</dd>
        {r.appointment_at && r.status !== "declined" ? (
          <>
            <dt>Rendez-vous</dt>
            <dd>
              {dateTimeText(r.appointment_at)}
              {r.appointment_place_name ? `, ${r.appointment_place_name}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      {model.showPerson ? <Person r={r} consentByName={model.consentByName} /> : null}
      {model.side === "receiver" && r.needs && r.anonymised_at === null ? (
        <>
          <h2>Précisions de la structure qui oriente</h2>
          <p class="pre-line">{r.needs}</p>
        </>
      ) : null}
      {model.side !== "reader" && r.source === "partner" ? (
        <p>
          <a href={`/orientations/${r.id}/fiche`}>Fiche d'orientation à imprimer</a>
        </p>
      ) : null}
      {model.side === "receiver" ? <Answer ctx={props.ctx} model={model} /> : null}
      <section>
        <h2>Étapes</h2>
        <ol class="timeline">
          {model.events.map((e) => (
            <li>
              <strong>{REFERRAL_STATUSES[e.to_status].label}</strong>, le {dayText(e.at)}
              {e.reason ? <p class="pre-line">Motif : {e.reason}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
