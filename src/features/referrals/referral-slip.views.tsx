// The printable referral slip (fiche d'orientation) the person takes away: where to go, when, and a QR
// code of the place's page. No needs, no contact details: it may be lost.
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../web/layout.tsx";
import { dateTimeText } from "./referral-parts.views.tsx";
import type { ReferralDetail } from "./referrals.repository.ts";
import { referralTitle } from "./referrals.ts";

export function ReferralSlipPage(props: { ctx: PageContext; referral: ReferralDetail; placeUrl: string | null; qr: SafeHtml | null }): SafeHtml {
  const r = props.referral;
  return (
    <Layout ctx={props.ctx} title={`Fiche d'orientation – ${referralTitle(r.number)}`}>
      <article class="referral-slip">
        <h1>Fiche d'orientation</h1>
        <p>
          {r.anonymised_at === null ? `${r.first_name} ${r.last_name}, ` : ""}
          {r.from_name} vous oriente vers :
        </p>
        <p class="referral-slip__place">
          <strong>{r.place_name ?? r.target_name}</strong>
          {r.place_address ? <span>{r.place_address}</span> : null}
        </p>
        {r.appointment_at && (r.status === "booked" || r.status === "attended") ? (
          <p>
            Votre rendez-vous : <strong>{dateTimeText(r.appointment_at)}</strong>
          </p>
        ) : (
          <p>Le lieu vous contacte pour fixer un rendez-vous. Vous pouvez aussi vous y présenter ou l'appeler.</p>
        )}
        {props.qr ? (
          <figure>
            {props.qr}
            <figcaption class="poster-url">Horaires et accès : {props.placeUrl}</figcaption>
          </figure>
        ) : null}
        <p class="hint">{referralTitle(r.number)} – l'aide est gratuite.</p>
      </article>
    </Layout>
  );
}
