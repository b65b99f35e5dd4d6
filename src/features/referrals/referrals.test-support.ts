// Shared steps of the referral tests: a receiving world (a structure, a place and an advisor with an
// account, from the booking tests' world), the referral form as posted, hidden fields of a page.
import assert from "node:assert/strict";
import type { TestApp } from "../../../test/support/app.ts";
import { type BookingWorld, createBookingWorld } from "../booking/booking.test-support.ts";
import { addRole, insertUser } from "../organisation/organisation.repository.ts";

export const CAF_AGENT = "caf@declic47.example";
export const FRANCE_TRAVAIL_AGENT = "francetravail@declic47.example";

let worlds = 0;

export interface ReceivingWorld extends BookingWorld {
  advisorEmail: string;
  advisorUserId: string;
}

/** A structure with a place, an advisor holding a weekday-morning permanence by appointment, and their account. */
export async function createReceivingWorld(t: TestApp): Promise<ReceivingWorld> {
  worlds++;
  const world = await createBookingWorld(t.handle.db);
  const advisorEmail = `camille.referral${worlds}@exemple.fr`;
  const advisorUserId = await insertUser(t.handle.db, { email: advisorEmail, firstName: "Camille", lastName: "Testeur" });
  await addRole(t.handle.db, advisorUserId, "advisor", world.structureId);
  await t.handle.db.updateTable("advisors").set({ user_id: advisorUserId }).where("id", "=", world.advisorId).execute();
  return { ...world, advisorEmail, advisorUserId };
}

/** The referral form as a partner agent fills it. */
export function referralFields(placeId: string, changes: Record<string, string | string[]> = {}): [string, string][] {
  const fields: Record<string, string | string[]> = {
    lieu: placeId,
    besoin: ["e-mail", "sante"],
    besoins: "A besoin d'aide pour son espace personnel en ligne.",
    urgence: "normal",
    prenom: "Marcelle",
    nom: "Dubosc",
    telephone: "06 45 67 89 01",
    courriel: "",
    contact: "phone",
    commune: "Agen",
    consentement: "oui",
    mode_consentement: "oral",
    ...changes,
  };
  return Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value]]));
}

const decode = (html: string) => html.replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"');

export function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].filter((m) => m[1] !== "_csrf").map((m) => [m[1]!, decode(m[2]!)]);
}

export function firstSlotLink(html: string): string {
  const href = /<a class="slot" href="([^"]+)"/.exec(html)?.[1];
  assert.ok(href, "a slot link is offered");
  return decode(href);
}

export function referralIdFrom(location: unknown): string {
  const id = /^\/orientations\/([0-9a-f-]{36})\?message=envoyee$/.exec(String(location))?.[1];
  assert.ok(id, `redirected to the referral: ${String(location)}`);
  return id;
}
