// The « Demandes des communes » section of the coordination's dashboard: a sentence, the key delays, and
// the requests of the period by status and by kind, each table with its caption.
import { formatNumber } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { plural } from "./request-parts.views.tsx";
import type { RequestStatistics } from "./request-statistics.repository.ts";
import { REQUEST_KINDS, REQUEST_STATUS_CODES, REQUEST_STATUSES, type RequestKind } from "./requests.ts";

const DAYS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export function formatDays(days: number | null): string {
  if (days === null) return "–";
  const rounded = Math.round(days * 10) / 10;
  return `${DAYS.format(rounded)} jour${rounded >= 2 ? "s" : ""}`;
}


export function requestStatsSentence(s: RequestStatistics): string {
  if (s.total === 0) return "Aucune demande de commune n'a été déposée sur cette période.";
  const answer = s.answered === 0 ? "aucune n'a encore reçu de réponse" : `la coordination a répondu en ${formatDays(s.medianDaysToAnswer)} (médiane), ${plural(s.answeredWithin7Days, "demande", "demandes")} en 7 jours ou moins`;
  return `${plural(s.total, "demande déposée", "demandes déposées")} sur la période : ${answer}.`;
}

export function RequestStatsSection(props: { stats: RequestStatistics }): SafeHtml {
  const s = props.stats;
  return (
    <section aria-labelledby="demandes-communes" class="stats-requests">
      <h2 id="demandes-communes">Demandes des communes</h2>
      <p>{requestStatsSentence(s)}</p>
      <ul class="stats-requests__figures">
        <li>
          <strong>{formatDays(s.medianDaysToAnswer)}</strong> avant la première réponse (médiane, {plural(s.answered, "demande", "demandes")})
        </li>
        <li>
          <strong>{formatDays(s.medianDaysToDecision)}</strong> avant l'acceptation ou le refus (médiane, {plural(s.decided, "demande", "demandes")})
        </li>
        <li>
          <strong>{formatNumber(s.waitingNow)}</strong> en attente aujourd'hui
          {s.longestWaitDays !== null ? `, la plus ancienne depuis ${plural(s.longestWaitDays, "jour", "jours")}` : ""} (<a href="/demandes">voir la file</a>)
        </li>
      </ul>
      {s.total > 0 ? (
        <div class="stats-requests__tables">
          <table class="stats-table">
            <caption>Demandes déposées sur la période, par statut actuel</caption>
            <thead>
              <tr>
                <th scope="col">Statut</th>
                <th scope="col">Demandes</th>
              </tr>
            </thead>
            <tbody>
              {REQUEST_STATUS_CODES.map((status) => (
                <tr>
                  <th scope="row">{REQUEST_STATUSES[status].label}</th>
                  <td class="num">{formatNumber(s.byStatus[status])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="stats-table">
            <caption>Demandes déposées sur la période, par type</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Demandes</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(REQUEST_KINDS) as RequestKind[]).map((kind) => (
                <tr>
                  <th scope="row">{REQUEST_KINDS[kind].short}</th>
                  <td class="num">{formatNumber(s.byKind[kind])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
