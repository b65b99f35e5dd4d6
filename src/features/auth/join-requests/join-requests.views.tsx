// /reseau/demandes-acces: the queue of requests to join (longest waiting first), the decided ones, and the
// page of one request where a coordinator chooses structure and role, then accepts, or refuses with a reason.
import { Button, CsrfField, ErrorSummary, formatDateTime, formatNumber, Notice, Pagination } from "../../../web/components.tsx";
import { BackLink, ChoiceGroup, SelectField, TextAreaField } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import { ROLES, type Role } from "../../organisation/organisation.ts";
import type { JoinRequestLine } from "./join-requests.repository.ts";
import { type DecisionForm, fullName, REASON_MAX, STATUS_LABELS, waitingDays, waitingText } from "./join-requests.ts";

const BASE = "/reseau/demandes-acces";

function requestedRoleText(role: Role | null): string {
  return role ? ROLES[role].label : "Ne sait pas";
}

function countText(n: number, one: string, many: string): string {
  return n === 0 ? `Aucune ${one}` : n === 1 ? `1 ${one}` : `${formatNumber(n)} ${many}`;
}

export function JoinRequestsPage(props: {
  ctx: PageContext;
  view: "pending" | "decided";
  rows: JoinRequestLine[];
  total: number;
  pendingCount: number;
  page: number;
  pageCount: number;
  now: Date;
  notice: string | null;
}): SafeHtml {
  const pending = props.view === "pending";
  const title = pending ? "Demandes d'accès en attente" : "Demandes d'accès traitées";
  return (
    <Layout ctx={props.ctx} title={props.page > 1 ? `${title}, page ${props.page}` : title}>
      <BackLink href="/reseau">Le réseau des conseillers</BackLink>
      <h1>Demandes d'accès</h1>
      <p>
        Des agents identifiés par ProConnect demandent à rejoindre le réseau. Aucun compte n'est créé et aucun rôle n'est donné tant que la
        coordination n'a pas accepté.
      </p>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <nav aria-label="Demandes en attente ou traitées">
        <ul class="channel-switch">
          <li>
            <a href={BASE} aria-current={pending ? "page" : undefined}>
              En attente ({formatNumber(props.pendingCount)})
            </a>
          </li>
          <li>
            <a href={`${BASE}?etat=traitees`} aria-current={pending ? undefined : "page"}>
              Traitées
            </a>
          </li>
        </ul>
      </nav>
      <h2>{pending ? countText(props.total, "demande en attente", "demandes en attente") : countText(props.total, "demande traitée", "demandes traitées")}</h2>
      {props.rows.length === 0 ? (
        <p>{pending ? "Aucune demande n'attend de réponse." : "Aucune demande n'a encore été traitée."}</p>
      ) : pending ? (
        <PendingTable rows={props.rows} now={props.now} />
      ) : (
        <DecidedTable rows={props.rows} />
      )}
      <Pagination page={props.page} pageCount={props.pageCount} hrefFor={(page) => `${BASE}?${new URLSearchParams({ ...(pending ? {} : { etat: "traitees" }), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`} />
    </Layout>
  );
}

function PendingTable(props: { rows: JoinRequestLine[]; now: Date }): SafeHtml {
  return (
    <div class="table-wrap" role="region" aria-label="Demandes en attente" tabindex="0">
      <table>
        <caption class="visually-hidden">Demandes en attente, la plus ancienne d'abord</caption>
        <thead>
          <tr>
            <th scope="col">Personne</th>
            <th scope="col">Structure proposée</th>
            <th scope="col">Rôle demandé</th>
            <th scope="col">Attend depuis</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={`${BASE}/${r.id}`}>{fullName(r)}</a>
                <br />
                {r.email}
              </th>
              <td>{r.proposed_structure_name ?? "Aucune (SIRET inconnu du réseau)"}</td>
              <td>{requestedRoleText(r.requested_role)}</td>
              <td data-days={String(waitingDays(r.created_at, props.now))}>{waitingText(waitingDays(r.created_at, props.now))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecidedTable(props: { rows: JoinRequestLine[] }): SafeHtml {
  return (
    <div class="table-wrap" role="region" aria-label="Demandes traitées" tabindex="0">
      <table>
        <caption class="visually-hidden">Demandes traitées, la dernière décision d'abord</caption>
        <thead>
          <tr>
            <th scope="col">Personne</th>
            <th scope="col">Décision</th>
            <th scope="col">Le</th>
            <th scope="col">Par</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={`${BASE}/${r.id}`}>{fullName(r)}</a>
              </th>
              <td>{decisionText(r)}</td>
              <td>{r.decided_at ? formatDateTime(r.decided_at) : ""}</td>
              <td>{r.decider_name ?? "Compte supprimé"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function decisionText(r: JoinRequestLine): string {
  if (r.status === "accepted" && r.granted_role) {
    return `Acceptée : ${ROLES[r.granted_role].label}${r.granted_structure_name ? `, ${r.granted_structure_name}` : ""}`;
  }
  return STATUS_LABELS[r.status];
}

export function JoinRequestPage(props: {
  ctx: PageContext;
  request: JoinRequestLine;
  now: Date;
  structures: { id: string; name: string }[];
  grantable: Role[];
  accept: DecisionForm;
  reason: string;
  errors: Record<string, string>;
  notice: string | null;
}): SafeHtml {
  const r = props.request;
  const e = props.errors;
  const name = fullName(r);
  return (
    <Layout ctx={props.ctx} title={`${Object.keys(e).length > 0 ? "Erreur : " : ""}Demande d'accès de ${name}`}>
      <BackLink href={r.status === "pending" ? BASE : `${BASE}?etat=traitees`}>Demandes d'accès</BackLink>
      <h1>Demande d'accès de {name}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <ErrorSummary errors={e} />
      <dl class="summary-list">
        <dt>Adresse électronique (vérifiée par ProConnect)</dt>
        <dd>{r.email}</dd>
        <dt>SIRET donné par ProConnect</dt>
        <dd>{r.siret ?? "Aucun"}</dd>
        <dt>Structure correspondant au SIRET</dt>
        <dd>{r.proposed_structure_name ?? "Aucune structure du réseau n'a ce SIRET"}</dd>
        <dt>Rôle demandé</dt>
        <dd>{requestedRoleText(r.requested_role)}</dd>
        <dt>Message</dt>
        <dd>{r.message ?? "Aucun message"}</dd>
        <dt>Envoyée le</dt>
        <dd>
          {formatDateTime(r.created_at)}
          {r.status === "pending" ? ` (attend depuis ${waitingText(waitingDays(r.created_at, props.now))})` : ""}
        </dd>
        <dt>État</dt>
        <dd>{decisionText(r)}</dd>
        {r.status !== "pending" ? (
          <>
            <dt>Décidée le</dt>
            <dd>
              {r.decided_at ? formatDateTime(r.decided_at) : ""}, par {r.decider_name ?? "un compte supprimé"}
            </dd>
          </>
        ) : null}
        {r.refusal_reason ? (
          <>
            <dt>Raison du refus</dt>
            <dd>{r.refusal_reason}</dd>
          </>
        ) : null}
      </dl>
      {r.status === "pending" ? <DecisionForms {...props} /> : null}
    </Layout>
  );
}

function DecisionForms(props: Parameters<typeof JoinRequestPage>[0]): SafeHtml {
  const { request: r, errors: e } = props;
  return (
    <>
      <h2>Accepter</h2>
      <p>Le compte est créé avec ce rôle (ou le rôle est ajouté au compte qui a déjà cette adresse), puis relié à cette identité ProConnect. La personne reçoit un courriel.</p>
      <form method="post" action={`${BASE}/${r.id}/accepter`} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <SelectField
          name="structure_id"
          label="Structure"
          hint="Proposée d'après le SIRET ; vous pouvez en choisir une autre. Sans effet pour les rôles qui couvrent tout le réseau."
          value={props.accept.structure_id}
          placeholder="Choisir une structure"
          choices={props.structures.map((s) => ({ value: s.id, label: s.name }))}
          error={e.structure_id}
        />
        <ChoiceGroup
          name="role"
          legend="Rôle donné"
          type="radio"
          required
          hint="Aucun rôle n'est choisi d'avance : vérifiez ce que la personne doit pouvoir faire."
          choices={props.grantable.map((role) => ({ value: role, label: ROLES[role].label }))}
          selected={[props.accept.role]}
          error={e.role}
        />
        <Button>Accepter la demande</Button>
      </form>
      <h2>Refuser</h2>
      <form method="post" action={`${BASE}/${r.id}/refuser`} novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextAreaField
          name="reason"
          label="Raison du refus"
          hint="Envoyée par courriel à la personne."
          value={props.reason}
          error={e.reason}
          rows={3}
          maxlength={REASON_MAX}
          required
        />
        <Button variant="secondary">Refuser la demande</Button>
      </form>
    </>
  );
}
