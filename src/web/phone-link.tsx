// A phone number as a link that dials it, written the one French way (« 06 12 34 56 78 »).
import { phoneText } from "./french-format.ts";
import type { SafeHtml } from "./html/jsx-runtime.ts";

/** « tel:0612345678 »: the digits (and a leading +) only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export function PhoneLink(props: { phone: string }): SafeHtml {
  return (
    <a class="phone-link" href={telHref(props.phone)}>
      {phoneText(props.phone)}
    </a>
  );
}
