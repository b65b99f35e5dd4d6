// Small pieces shared by the request pages: the status tag, dates and the days of the week in words.
import { formatNumber } from "../../web/components.tsx";
import { clockTimeOf } from "../../web/french-format.ts";
import type { SafeHtml } from "../../web/html/jsx-runtime.ts";
import { DAY_NAMES } from "../places/admin/opening-hours-editor.ts";
import { REQUEST_STATUSES, type RequestStatus } from "./requests.ts";

export function StatusTag(props: { status: RequestStatus }): SafeHtml {
  return <span class={`tag request-status request-status--${props.status}`}>{REQUEST_STATUSES[props.status].label}</span>;
}

/** « les mardis et jeudis » from [2, 4]. */
export function weekdaysText(weekdays: readonly number[]): string {
  const names = weekdays.map((d) => `${DAY_NAMES[d - 1]?.toLowerCase()}s`);
  if (names.length === 0) return "";
  if (names.length === 1) return `les ${names[0]}`;
  return `les ${names.slice(0, -1).join(", ")} et ${names[names.length - 1]}`;
}

/** « de 9 h à 12 h » from 09:00 and 12:00. */
export function timeRangeText(start: string | null, end: string | null): string {
  if (start === null || end === null) return "";
  return `de ${clockTimeOf(start)} à ${clockTimeOf(end)}`;
}

/** « 1 demande », « 3 demandes ». */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n > 1 ? many : one}`;
}
