// The webhooks back office: the subscribers, the form of a new one, a secret shown once, and a
// subscriber's page with its delivery log, the test button, the secret rotation and the removal.
import { Button, CsrfField, ErrorSummary, type FieldErrors, formatDateTime, Notice, TextField } from "../../web/components.tsx";
import { BackLink, ChoiceGroup } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { DELIVERY_STATUSES, type DeliveryStatus, isWebhookEvent, TEST_EVENT, WEBHOOK_EVENT_CODES, WEBHOOK_EVENTS } from "./webhooks.ts";

export const WEBHOOKS_PATH = "/admin/webhooks";

function eventLabel(code: string): string {
  if (code === TEST_EVENT) return "Test";
  return isWebhookEvent(code) ? WEBHOOK_EVENTS[code] : code;
}

export interface EndpointListRow {
  id: string;
  name: string;
  url: string;
  events: string[];
  last_status: DeliveryStatus | null;
  failed: number | null;
}

export function EndpointListPage(props: { ctx: PageContext; endpoints: EndpointListRow[]; notice: string | null }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title="Webhooks">
      <h1>Webhooks</h1>
      <p>
        Un webhook prévient le logiciel d'un partenaire, ou du Département, à chaque événement choisi : un rendez-vous pris, une demande de commune
        traitée… Chaque envoi est signé avec un secret propre à l'abonné. Les messages ne contiennent que des identifiants, des états et des dates.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        <a href={`${WEBHOOKS_PATH}/nouveau`} class="button button--primary">
          Ajouter un abonné
        </a>
      </p>
      {props.endpoints.length === 0 ? (
        <p>Aucun abonné pour l'instant.</p>
      ) : (
        <ul class="cards">
          {props.endpoints.map((e) => (
            <li class="card">
              <h2>
                <a href={`${WEBHOOKS_PATH}/${e.id}`}>{e.name}</a>
              </h2>
              <p class="meta webhook-url">{e.url}</p>
              <p>Événements : {e.events.map(eventLabel).join(", ")}</p>
              <p>
                Dernier envoi : {e.last_status ? DELIVERY_STATUSES[e.last_status] : "aucun"}
                {e.failed ? ` ; ${e.failed} en échec` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface EndpointFormValues {
  name: string;
  url: string;
  events: string[];
}

export function EndpointFormPage(props: { ctx: PageContext; values: EndpointFormValues; errors: FieldErrors }): SafeHtml {
  const { values: v, errors: e } = props;
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}Nouvel abonné aux webhooks`}>
      <BackLink href={WEBHOOKS_PATH}>Tous les abonnés</BackLink>
      <h1>Nouvel abonné aux webhooks</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={`${WEBHOOKS_PATH}/nouveau`} class="admin-form" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField
          name="name"
          label="Nom de l'abonné"
          hint="Le partenaire et son logiciel, par exemple : CAF, logiciel d'orientation."
          value={v.name}
          error={e.name}
          required
          extra={{ maxlength: "100" }}
        />
        <TextField
          name="url"
          type="url"
          label="Adresse de réception"
          hint="Elle commence par https:// ; nous y envoyons les événements par une requête POST en JSON."
          value={v.url}
          error={e.url}
          required
          autocomplete="off"
          extra={{ maxlength: "500", spellcheck: "false" }}
        />
        <ChoiceGroup
          name="events"
          legend="Événements à envoyer"
          type="checkbox"
          required
          error={e.events}
          selected={v.events}
          choices={WEBHOOK_EVENT_CODES.map((code) => ({ value: code, label: WEBHOOK_EVENTS[code] }))}
        />
        <Button>Ajouter l'abonné</Button>
      </form>
    </Layout>
  );
}

export function SecretPage(props: { ctx: PageContext; endpoint: { id: string; name: string }; secret: string; rotated: boolean; graceHours: number }): SafeHtml {
  const title = props.rotated ? `Nouveau secret de « ${props.endpoint.name} »` : `Abonné « ${props.endpoint.name} » ajouté`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <Notice kind="warning" title="Copiez ce secret maintenant">
        <p>Il ne sera plus jamais affiché. Transmettez-le au partenaire par un moyen sûr : son logiciel s'en sert pour vérifier nos signatures.</p>
        {props.rotated ? (
          <p>
            Pendant {props.graceHours} heures, chaque envoi porte deux signatures, avec l'ancien et le nouveau secret : le partenaire a le temps de changer
            le sien.
          </p>
        ) : null}
      </Notice>
      <div class="field">
        <label for="secret">Secret de signature</label>
        <p class="hint" id="secret-aide">
          Sélectionnez le texte et copiez-le.
        </p>
        <input id="secret" type="text" readonly value={props.secret} class="input token-value" aria-describedby="secret-aide" autocomplete="off" spellcheck="false" />
      </div>
      <p>
        <a href={`${WEBHOOKS_PATH}/${props.endpoint.id}`}>Voir l'abonné et ses envois</a>
      </p>
    </Layout>
  );
}

export interface DeliveryLogRow {
  id: number;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  last_attempt_at: Date | null;
  not_before: Date;
  created_at: Date;
}

export interface EndpointDetail {
  id: string;
  name: string;
  url: string;
  events: string[];
  previous_secret_until: Date | null;
}

function outcome(d: DeliveryLogRow): string {
  const code = d.last_status_code !== null ? `réponse ${d.last_status_code}` : (d.last_error ?? "");
  const time = d.last_duration_ms !== null ? ` en ${d.last_duration_ms} ms` : "";
  return d.last_attempt_at ? `${code}${time}` : "pas encore envoyé";
}

export function EndpointPage(props: { ctx: PageContext; endpoint: EndpointDetail; deliveries: DeliveryLogRow[]; notice: string | null; now: Date }): SafeHtml {
  const { endpoint: e } = props;
  const base = `${WEBHOOKS_PATH}/${e.id}`;
  return (
    <Layout ctx={props.ctx} title={`Webhooks : ${e.name}`}>
      <BackLink href={WEBHOOKS_PATH}>Tous les abonnés</BackLink>
      <h1>{e.name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <dl class="webhook-facts">
        <dt>Adresse de réception</dt>
        <dd class="webhook-url">{e.url}</dd>
        <dt>Événements</dt>
        <dd>{e.events.map(eventLabel).join(", ")}</dd>
        <dt>Secret</dt>
        <dd>
          {e.previous_secret_until && e.previous_secret_until > props.now
            ? `Changé : l'ancien secret signe aussi jusqu'au ${formatDateTime(e.previous_secret_until)}.`
            : "Un seul secret en service."}
        </dd>
      </dl>
      <ul class="admin-actions">
        <li>
          <form method="post" action={`${base}/test`}>
            <CsrfField token={props.ctx.csrfToken} />
            <Button variant="secondary">Envoyer un test</Button>
          </form>
        </li>
        <li>
          <form method="post" action={`${base}/secret`}>
            <CsrfField token={props.ctx.csrfToken} />
            <Button variant="secondary">Changer le secret</Button>
          </form>
        </li>
        <li>
          <a href={`${base}/supprimer`}>Supprimer l'abonné</a>
        </li>
      </ul>
      <h2 id="envois-titre">Derniers envois</h2>
      {props.deliveries.length === 0 ? (
        <p>Aucun envoi pour l'instant.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="envois-titre" tabindex="0">
          <table>
            <caption class="visually-hidden">Envois, les plus récents d'abord</caption>
            <thead>
              <tr>
                <th scope="col">Événement</th>
                <th scope="col">État</th>
                <th scope="col">Essais</th>
                <th scope="col">Dernier essai</th>
                <th scope="col">Résultat</th>
              </tr>
            </thead>
            <tbody>
              {props.deliveries.map((d) => (
                <tr>
                  <td>
                    {eventLabel(d.event_type)}
                    <span class="meta"> {d.event_id}</span>
                  </td>
                  <td>
                    {DELIVERY_STATUSES[d.status]}
                    {d.status === "pending" && d.attempts > 0 ? <span class="meta"> nouvel essai {formatDateTime(d.not_before)}</span> : null}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.last_attempt_at ? formatDateTime(d.last_attempt_at) : "—"}</td>
                  <td>{outcome(d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function DeletePage(props: { ctx: PageContext; endpoint: EndpointDetail }): SafeHtml {
  const base = `${WEBHOOKS_PATH}/${props.endpoint.id}`;
  return (
    <Layout ctx={props.ctx} title={`Supprimer l'abonné « ${props.endpoint.name} »`}>
      <BackLink href={base}>Retour à l'abonné</BackLink>
      <h1>Supprimer l'abonné « {props.endpoint.name} » ?</h1>
      <p>Il ne recevra plus aucun événement, et l'historique de ses envois sera effacé. Cette action est définitive.</p>
      <form method="post" action={`${base}/supprimer`}>
        <CsrfField token={props.ctx.csrfToken} />
        <Button>Oui, supprimer cet abonné</Button>
      </form>
      <p>
        <a href={base}>Non, garder l'abonné</a>
      </p>
    </Layout>
  );
}
