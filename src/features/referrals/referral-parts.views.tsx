// Small pieces shared by the referral pages: the status tag and dates in words.
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { toParis } from "../calendar/paris-time.ts";
import { frenchDate } from "../network/network.ts";
import { REFERRAL_STATUSES, type ReferralStatus } from "./referrals.ts";

export function ReferralStatusTag(props: { status: ReferralStatus }): SafeHtml {
  return <span class={`tag referral-status referral-status--${props.status}`}>{REFERRAL_STATUSES[props.status].label}</span>;
}

/** « 12 décembre 2026 ». */
export function dayText(at: Date): string {
  return frenchDate(toParis(at).date);
}

/** « 12 décembre 2026 à 14 h 30 ». */
export function dateTimeText(at: Date): string {
  const p = toParis(at);
  const [h, m] = p.time.split(":") as [string, string];
  return `${frenchDate(p.date)} à ${Number(h)} h${m === "00" ? "" : ` ${m}`}`;
}
