// Fictional people who book appointments and workshop seats in the demo: first names, a name or an
// initial, mobile numbers 06 12 34 56 xx and e-mails @example.org (some have only one of the two).
import { emailLocalPart, generateNames, hashString } from "./demo.data.ts";

export interface DemoPerson {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
}

export const DEMO_PEOPLE_COUNT = 80;

/** Same list on every load. About 4 in 10 give only a phone, 1 in 7 only an e-mail. */
export function demoPeople(): DemoPerson[] {
  return generateNames(DEMO_PEOPLE_COUNT, hashString("demo:people")).map((name, i) => {
    const contact = i % 7;
    const phone = contact === 3 ? null : `06 12 34 56 ${String(i).padStart(2, "0")}`;
    const email = contact <= 2 ? null : `${emailLocalPart(name)}@example.org`;
    return {
      firstName: name.firstName,
      lastName: i % 4 === 0 ? `${name.lastName.charAt(0)}.` : name.lastName,
      phone,
      email,
      birthYear: i % 3 === 0 ? null : 1940 + ((i * 7) % 65),
    };
  });
}
