import { formatDateTime, Pagination } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { queryString } from "../../web/page.ts";
import type { OutboxRow, OutboxStatus } from "./outbox.table.ts";

const STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "En attente d'envoi",
  sent: "Envoyé",
  stored: "Conservé ici (pas de serveur d'envoi)",
  failed: "Échec définitif",
  cancelled: "Annulé",
};

/** « Courriels | SMS »: the two kinds of messages the platform sends, one page each. */
export function ChannelSwitch(props: { current: "email" | "sms" }): SafeHtml {
  return (
    <nav aria-label="Type de message">
      <ul class="channel-switch">
        <li>
          <a href="/admin/courriels" aria-current={props.current === "email" ? "page" : undefined}>
            Courriels
          </a>
        </li>
        <li>
          <a href="/admin/sms" aria-current={props.current === "sms" ? "page" : undefined}>
            SMS
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function MailListPage(props: {
  ctx: PageContext;
  rows: OutboxRow[];
  total: number;
  page: number;
  pageCount: number;
  recipient: string;
  transport: "smtp" | "database";
}): SafeHtml {
  const { rows } = props;
  return (
    <Layout ctx={props.ctx} title="Courriels de la plateforme">
      <h1>Courriels de la plateforme</h1>
      <ChannelSwitch current="email" />
      <p>
        {props.transport === "database"
          ? "Aucun serveur d'envoi (SMTP_URL) n'est configuré : les courriels sont conservés ici au lieu d'être envoyés."
          : "Les courriels partent par le serveur SMTP configuré. Voici leur suivi."}
      </p>
      <form method="get" action="/admin/courriels" class="search-box">
        <div class="field">
          <label for="destinataire">Destinataire</label>
          <input id="destinataire" name="destinataire" type="text" class="input input--medium" value={props.recipient} />
        </div>
        <button type="submit" class="button button--primary">
          Filtrer
        </button>
      </form>
      <h2>{props.total === 0 ? "Aucun courriel" : props.total === 1 ? "1 courriel" : `${props.total} courriels`}</h2>
      {rows.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Courriels, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Objet</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr>
                  <td>{formatDateTime(m.created_at)}</td>
                  <td>{m.recipient}</td>
                  <td>
                    <a href={`/admin/courriels/${m.id}`}>{m.subject ?? "(sans objet)"}</a>
                  </td>
                  <td>
                    {STATUS_LABELS[m.status]}
                    {m.attempts > 1 ? ` (${m.attempts} essais)` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={props.page}
        pageCount={props.pageCount}
        hrefFor={(page) => `/admin/courriels${queryString({ destinataire: props.recipient, page })}`}
      />
    </Layout>
  );
}

export function MailDetailPage(props: { ctx: PageContext; message: OutboxRow }): SafeHtml {
  const m = props.message;
  return (
    <Layout ctx={props.ctx} title={`Courriel : ${m.subject ?? ""}`}>
      <p>
        <a href="/admin/courriels">← Tous les courriels</a>
      </p>
      <h1>{m.subject ?? "(sans objet)"}</h1>
      <dl>
        <dt>Destinataire</dt>
        <dd>{m.recipient}</dd>
        <dt>Créé le</dt>
        <dd>{formatDateTime(m.created_at)}</dd>
        <dt>État</dt>
        <dd>
          {STATUS_LABELS[m.status]}
          {m.last_error ? ` — dernière erreur : ${m.last_error}` : ""}
        </dd>
      </dl>
      {m.attachments.length > 0 ? (
        <>
          <h2>Pièces jointes</h2>
          <ul>
            {m.attachments.map((a) => (
              <li>{a.filename}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Texte du message</h2>
      <pre class="message-body">{m.body_text}</pre>
    </Layout>
  );
}

function statusText(m: OutboxRow): string {
  return `${STATUS_LABELS[m.status]}${m.attempts > 1 ? ` (${m.attempts} essais)` : ""}`;
}

export function SmsListPage(props: {
  ctx: PageContext;
  rows: OutboxRow[];
  total: number;
  page: number;
  pageCount: number;
  recipient: string;
  provider: "http" | "none";
}): SafeHtml {
  const { rows } = props;
  return (
    <Layout ctx={props.ctx} title="SMS de la plateforme">
      <h1>SMS de la plateforme</h1>
      <ChannelSwitch current="sms" />
      <p>
        {props.provider === "none"
          ? "Aucun fournisseur de SMS (SMS_PROVIDER) n'est configuré : les SMS sont conservés ici au lieu d'être envoyés."
          : "Les SMS partent par le fournisseur configuré. Voici leur suivi. Aucun SMS ne part entre 20 h et 8 h : ils attendent le matin."}
      </p>
      <form method="get" action="/admin/sms" class="search-box">
        <div class="field">
          <label for="destinataire">Numéro du destinataire</label>
          <input id="destinataire" name="destinataire" type="text" inputmode="tel" class="input input--medium" value={props.recipient} />
        </div>
        <button type="submit" class="button button--primary">
          Filtrer
        </button>
      </form>
      <h2>{props.total === 0 ? "Aucun SMS" : props.total === 1 ? "1 SMS" : `${props.total} SMS`}</h2>
      {rows.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">SMS, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Prévu le</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Message</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr>
                  <td>{formatDateTime(m.created_at)}</td>
                  <td>{m.recipient}</td>
                  <td>
                    <a href={`/admin/sms/${m.id}`}>{m.body_text.length > 70 ? `${m.body_text.slice(0, 70)}…` : m.body_text}</a>
                  </td>
                  <td>{statusText(m)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pagination
        page={props.page}
        pageCount={props.pageCount}
        hrefFor={(page) => `/admin/sms${queryString({ destinataire: props.recipient, page })}`}
      />
    </Layout>
  );
}

export function SmsDetailPage(props: { ctx: PageContext; message: OutboxRow }): SafeHtml {
  const m = props.message;
  return (
    <Layout ctx={props.ctx} title={`SMS à ${m.recipient}`}>
      <p>
        <a href="/admin/sms">← Tous les SMS</a>
      </p>
      <h1>SMS à {m.recipient}</h1>
      <dl>
        <dt>Prévu le</dt>
        <dd>{formatDateTime(m.created_at)}</dd>
        <dt>Envoyé le</dt>
        <dd>{m.sent_at ? formatDateTime(m.sent_at) : "Pas encore"}</dd>
        <dt>État</dt>
        <dd>
          {statusText(m)}
          {m.last_error ? ` — dernière erreur : ${m.last_error}` : ""}
        </dd>
      </dl>
      <h2>Texte du message ({m.body_text.length} caractères)</h2>
      <pre class="message-body">{m.body_text}</pre>
    </Layout>
  );
}
