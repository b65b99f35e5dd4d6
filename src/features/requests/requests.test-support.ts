// Shared steps of the request tests: the demo accounts involved, a complete request form, the e-mails
// queued for someone, and requests written straight into the database for scoping tests.
import type { TestApp } from "../../../test/support/app.ts";
import type { RequestKind, RequestStatus } from "./requests.ts";

export const NERAC_AGENT = "mairie.nerac@declic47.example";
export const DURAS_AGENT = "mairie.duras@declic47.example";
export const COORDINATOR = "coordination@declic47.example";
export const NERAC_MANAGER = "responsable.nerac@declic47.example";
export const NOW = new Date("2026-11-20T10:00:00Z");

/** A Nérac request as the form posts it: a Tuesday-morning permanence at the town hall from January. */
export async function neracRequestFields(t: TestApp, changes: Record<string, string | string[]> = {}): Promise<[string, string][]> {
  const mairie = await placeId(t, "Mairie de Nérac");
  const fields: Record<string, string | string[]> = {
    kind: "permanence",
    place_id: mairie,
    address: "",
    weekdays: ["2"],
    start_time: "09:00",
    end_time: "12:00",
    rhythm: "weekly",
    start_date: "2027-01-05",
    publics: ["seniors"],
    public_details: "",
    expected_people: "15",
    details: "Les habitants des hameaux nous demandent de l'aide pour leurs démarches en ligne.",
    contact_name: "Sylvie Laborde",
    contact_role: "Secrétaire de mairie",
    contact_email: "accueil@mairie-nerac.example",
    contact_phone: "05 53 65 00 00",
    ...changes,
  };
  return Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value]]));
}

export async function placeId(t: TestApp, name: string): Promise<string> {
  return (await t.handle.db.selectFrom("places").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}

export async function structureId(t: TestApp, slug: string): Promise<string> {
  return (await t.handle.db.selectFrom("structures").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, email: string): Promise<string> {
  return (await t.handle.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

/** E-mails queued in the outbox for an address, oldest first. */
export async function mailsTo(t: TestApp, recipient: string) {
  return t.handle.db.selectFrom("outbox").select(["subject", "body_text", "idempotency_key"]).where("recipient", "=", recipient).where("idempotency_key", "like", "request-event:%").orderBy("id").execute();
}

/** A request written directly (no e-mail), for scoping and list tests. */
export async function insertRequestRow(
  t: TestApp,
  values: { communeCode: string; structureSlug: string | null; kind?: RequestKind; status?: RequestStatus; createdAt?: Date; permanenceId?: string },
): Promise<string> {
  const createdAt = values.createdAt ?? NOW;
  const row = await t.handle.db
    .insertInto("commune_requests")
    .values({
      kind: values.kind ?? "permanence",
      status: values.status ?? "new",
      commune_code: values.communeCode,
      structure_id: values.structureSlug ? await structureId(t, values.structureSlug) : null,
      details: "Demande de test.",
      contact_name: "Contact de test",
      contact_email: "contact@mairie.example",
      channel: values.structureSlug ? "online" : "phone",
      decision_reason: values.status === "refused" ? "Motif de test." : null,
      permanence_id: values.permanenceId ?? null,
      status_changed_at: createdAt,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.handle.db.insertInto("commune_request_events").values({ request_id: row.id, kind: "created", side: "commune", at: createdAt }).execute();
  return row.id;
}
