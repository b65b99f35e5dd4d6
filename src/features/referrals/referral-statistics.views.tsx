// The « Orientations » section of the statistics dashboard and of a partner's referral page: a sentence,
// the share with a feedback, the days to the first appointment, and three tables with their captions.
import { formatNumber } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import type { ReferralStatistics } from "./referral-statistics.repository.ts";
import { REFERRAL_STATUSES } from "./referrals.ts";

const ONE_DECIMAL = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export function referralStatsSentence(s: ReferralStatistics): string {
  if (s.total === 0) return "Aucune orientation sur cette période.";
  const share = Math.round((100 * s.withFeedback) / s.total);
  const delay = s.medianDaysToAppointment === null ? "" : `, premier rendez-vous ${ONE_DECIMAL.format(s.medianDaysToAppointment)} jours après l'orientation (médiane)`;
  return `${formatNumber(s.total)} orientation${s.total > 1 ? "s" : ""} sur la période : ${share} % avec un retour de la structure qui la reçoit${delay}.`;
}

function Table(props: { caption: string; head: string; rows: { label: string; n: number }[] }): SafeHtml {
  return (
    // Long status and structure names do not fit 320 px beside the count: the table scrolls on its own (WCAG 1.4.10
    // allows it for data tables), the page does not.
    <div class="table-wrap" role="region" aria-label={props.caption} tabindex="0">
    <table class="data-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col">Orientations</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row">{r.label}</th>
            <td>{formatNumber(r.n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export function ReferralStatsSection(props: { stats: ReferralStatistics; heading?: string }): SafeHtml {
  const s = props.stats;
  return (
    <section aria-labelledby="orientations-stats" class="stats-referrals">
      <h2 id="orientations-stats">{props.heading ?? "Orientations"}</h2>
      <p>{referralStatsSentence(s)}</p>
      {s.total > 0 ? (
        <>
          <Table caption="Orientations par statut" head="Statut" rows={s.byStatus.map((r) => ({ label: REFERRAL_STATUSES[r.status].label, n: r.n }))} />
          <Table caption="Orientations par structure qui oriente" head="Structure" rows={s.bySource.map((r) => ({ label: r.name, n: r.n }))} />
          <Table caption="Orientations par structure qui reçoit" head="Structure" rows={s.byTarget.map((r) => ({ label: r.name, n: r.n }))} />
        </>
      ) : null}
    </section>
  );
}
