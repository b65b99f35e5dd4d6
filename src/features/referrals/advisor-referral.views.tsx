// The report form's part that refers the person to a partner structure: the partner, the person's
// consent, and their contact details when the report names no one (or their record has none). Pure view.
import { TextField } from "../../web/components.tsx";
import { ChoiceGroup, SelectField } from "../../web/form-controls.tsx";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { type AdvisorReferralValues, ADVISOR_REFERRAL_FIELDS as F } from "./advisor-referral.ts";
import type { PartnerTarget } from "./referral-targets.repository.ts";
import { CONSENT_MODES, REFERRAL_STATUSES, type ReferralStatus, referralTitle } from "./referrals.ts";

/** The referral already made from this report: shown instead of the fields, never made twice. */
export interface SentReferral {
  id: string;
  number: number;
  status: ReferralStatus;
  targetName: string;
}

/** The partners whose zone covers the advisor's structure come first; say which, in one sentence. */
function coveringHint(partners: PartnerTarget[]): string | undefined {
  const covering = partners.filter((p) => p.covers);
  if (covering.length === 0 || covering.length === partners.length) return undefined;
  return `En tête de liste, celles qui interviennent sur votre secteur : ${covering.map((p) => p.name).join(", ")}.`;
}

export function PartnerReferralFields(props: { v: AdvisorReferralValues; e: Record<string, string>; partners: PartnerTarget[]; sent: SentReferral | null }): SafeHtml {
  const { v, e, sent } = props;
  if (sent) {
    return (
      <section class="activity-form__referral" aria-labelledby="orientation-titre">
        <h2 id="orientation-titre">Orientation vers un partenaire</h2>
        <p>
          <a href={`/orientations/${sent.id}`}>{referralTitle(sent.number)}</a> envoyée à {sent.targetName} : {REFERRAL_STATUSES[sent.status].label.toLowerCase()}. Modifier le
          compte rendu ne l'envoie pas une seconde fois.
        </p>
      </section>
    );
  }
  if (props.partners.length === 0) return <></>;
  return (
    <section class="activity-form__referral" aria-labelledby="orientation-titre">
      <h2 id="orientation-titre">Orienter vers une structure partenaire (facultatif)</h2>
      <p class="hint">
        Si vous avez répondu « Oui » à l'orientation, la structure partenaire peut recevoir une orientation dans Déclic : elle prend contact avec la personne et vous
        tient informé·e de chaque étape. Elle ne voit pas ce compte rendu.
      </p>
      <SelectField
        name={F.partnerId}
        label="Structure partenaire"
        placeholder="Aucune : ne pas envoyer d'orientation"
        hint={coveringHint(props.partners)}
        choices={props.partners.map((p) => ({ value: p.id, label: p.name }))}
        value={v.partnerId}
        error={e[F.partnerId]}
      />
      <ChoiceGroup
        name={F.consent}
        legend="Accord de la personne"
        type="checkbox"
        hint="Obligatoire pour envoyer l'orientation."
        choices={[{ value: "oui", label: "La personne accepte que ses coordonnées et ses besoins soient transmis à la structure partenaire." }]}
        selected={v.consent === "oui" ? ["oui"] : []}
        error={e[F.consent]}
      />
      <ChoiceGroup
        name={F.consentMode}
        legend="Comment a-t-elle donné son accord ?"
        type="radio"
        choices={Object.entries(CONSENT_MODES).map(([value, label]) => ({ value, label }))}
        selected={[v.consentMode]}
        error={e[F.consentMode]}
      />
      <p class="hint">L'accord est enregistré avec la date d'aujourd'hui et votre nom.</p>
      <p class="hint">
        Les coordonnées viennent du dossier de la personne choisie plus haut. Sans personne choisie, ou si son dossier n'a ni téléphone ni courriel, indiquez-les ici.
      </p>
      <TextField name={F.firstName} label="Prénom de la personne" value={v.firstName} error={e[F.firstName]} width="medium" extra={{ autocomplete: "off" }} />
      <TextField name={F.lastName} label="Nom de la personne" value={v.lastName} error={e[F.lastName]} width="medium" extra={{ autocomplete: "off" }} />
      <TextField name={F.phone} label="Téléphone" type="tel" value={v.phone} error={e[F.phone]} width="medium" extra={{ autocomplete: "off" }} />
      <TextField name={F.email} label="Adresse électronique" type="email" value={v.email} error={e[F.email]} width="medium" extra={{ autocomplete: "off" }} />
    </section>
  );
}
