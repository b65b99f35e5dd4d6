// /orientations: « Orientations reçues » for the receiving side (waiting ones first, urgent first),
// « Orientations envoyées » for a partner, every referral (without the people's names) for the network.
import { Notice } from "../../web/components.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { dayText, ReferralStatusTag } from "./referral-parts.views.tsx";
import type { ReferralStatistics } from "./referral-statistics.repository.ts";
import { ReferralStatsSection } from "./referral-statistics.views.tsx";
import type { ReferralDetail } from "./referrals.repository.ts";
import { referralTitle, THEME_LABELS } from "./referrals.ts";

export interface ReferralListModel {
  canRefer: boolean;
  received: ReferralDetail[] | null;
  sent: ReferralDetail[] | null;
  all: ReferralDetail[] | null;
  notice: string | null;
  figures: ReferralStatistics | null;
  /** Whether the viewer sees who the person of a referral is (referrals.policy.ts seesPerson). */
  showsPerson: (r: ReferralDetail) => boolean;
}

function Row(props: { r: ReferralDetail; withPerson: boolean; other: "from" | "target" }): SafeHtml {
  // withPerson is already the viewer's right for this row (see Section).
  const r = props.r;
  return (
    <li class="card referral-card">
      <h3>
        <a href={`/orientations/${r.id}`}>
          {referralTitle(r.number)}
          {props.withPerson && r.first_name ? ` – ${r.first_name} ${r.last_name}` : ""}
        </a>
      </h3>
      <p>
        <ReferralStatusTag status={r.status} /> {r.urgency === "urgent" ? <strong class="tag tag--warning">Urgente</strong> : null}
      </p>
      <p>
        {props.other === "from" ? `De ${r.from_name}` : `Vers ${r.place_name ?? r.target_name}`}, le {dayText(r.created_at)}
      </p>
      <p class="hint">{r.themes.map((t) => THEME_LABELS.get(t) ?? t).join(", ")}</p>
    </li>
  );
}

function Section(props: { heading: string; rows: ReferralDetail[]; empty: string; withPerson: false | ((r: ReferralDetail) => boolean); other: "from" | "target" }): SafeHtml {
  return (
    <section>
      <h2>{props.heading}</h2>
      {props.rows.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ul class="card-list">
          {props.rows.map((r) => (
            <Row r={r} withPerson={props.withPerson !== false && props.withPerson(r)} other={props.other} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ReferralListPage(props: { ctx: PageContext; model: ReferralListModel }): SafeHtml {
  const m = props.model;
  return (
    <Layout ctx={props.ctx} title="Orientations">
      <h1>Orientations</h1>
      {m.notice ? <Notice kind="success">{m.notice}</Notice> : null}
      {m.canRefer ? (
        <p>
          <a class="button button--primary" href="/orientations/nouvelle">
            Orienter une personne
          </a>
        </p>
      ) : null}
      {m.received ? (
        <Section heading="Orientations reçues" rows={m.received} empty="Aucune orientation reçue pour le moment." withPerson={m.showsPerson} other="from" />
      ) : null}
      {m.sent ? <Section heading="Orientations envoyées" rows={m.sent} empty="Vous n'avez encore orienté personne." withPerson={m.showsPerson} other="target" /> : null}
      {m.figures ? ReferralStatsSection({ stats: m.figures, heading: "Vos orientations en chiffres" }) : null}
      {m.all ? <Section heading="Toutes les orientations du réseau" rows={m.all} empty="Aucune orientation pour le moment." withPerson={false} other="target" /> : null}
    </Layout>
  );
}
