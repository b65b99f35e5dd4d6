// Writes the demo's referrals inside the demo transaction. Finds (or adds) the three partners with an
// agent account each: the CAF and France Travail of the network, and a CCAS of the main town; reads the
// booking demo's appointments, the places with an advisor account and the « orienté » reports; then
// writes the plan of demo.referrals.ts with its timelines. No e-mail is queued: it all happened before.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { parisToInstant } from "../calendar/paris-time.ts";
import { type DemoPartner, planDemoReferrals } from "./demo.referrals.ts";

async function partnerAgent(trx: DbOrTx, structureId: string): Promise<string | null> {
  const row = await trx
    .selectFrom("role_assignments")
    .select("user_id")
    .where("role", "=", "partner_agent")
    .where("structure_id", "=", structureId)
    .orderBy("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** A partner structure found by its name's start, or added with its agent (`local@domain`). */
async function ensurePartner(
  trx: DbOrTx,
  spec: { key: DemoPartner["key"]; prefix: string; name: string; slug: string; local: string; agent: [string, string] },
  at: { communeCode: string; domain: string; now: Date },
): Promise<DemoPartner> {
  const found = await trx.selectFrom("structures").select("id").where("kind", "=", "partner").where("name", "like", `${spec.prefix}%`).orderBy("name").executeTakeFirst();
  const structureId =
    found?.id ??
    (
      await trx
        .insertInto("structures")
        .values({ slug: spec.slug, name: spec.name, kind: "partner", siret: null, commune_code: at.communeCode, epci_code: null, is_demo: true, created_at: at.now })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  let agentUserId = await partnerAgent(trx, structureId);
  if (agentUserId === null) {
    const user = await trx
      .insertInto("users")
      .values({ email: `${spec.local}@${at.domain}`, first_name: spec.agent[0], last_name: spec.agent[1], is_demo: true, created_at: at.now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("role_assignments").values({ user_id: user.id, role: "partner_agent", structure_id: structureId }).execute();
    agentUserId = user.id;
  }
  return { key: spec.key, structureId, agentUserId };
}

export async function loadDemoReferrals(trx: DbOrTx, options: { now: Date; domain: string }): Promise<number> {
  const { now, domain } = options;
  const caf = await trx.selectFrom("structures").select(["commune_code", "name"]).where("kind", "=", "partner").where("name", "like", "CAF%").executeTakeFirst();
  const communeCode = caf?.commune_code ?? null;
  if (communeCode === null) return 0;
  const town = await trx.selectFrom("communes").select("name").where("code", "=", communeCode).executeTakeFirstOrThrow();
  const at = { communeCode, domain, now };
  const partners = [
    await ensurePartner(trx, { key: "caf", prefix: "CAF", name: caf?.name ?? "CAF", slug: "caf", local: "caf", agent: ["Agent", "CAF"] }, at),
    await ensurePartner(trx, { key: "france-travail", prefix: "France Travail", name: "France Travail", slug: "france-travail", local: "francetravail", agent: ["Agent", "France Travail"] }, at),
    await ensurePartner(trx, { key: "ccas", prefix: "CCAS", name: `CCAS ${/^[AEIOUYÉÈÊÎÔ]/i.test(town.name) ? "d'" : "de "}${town.name}`, slug: "ccas", local: "ccas", agent: ["Sophie", "Marquès"] }, at),
  ];

  const appointments = await trx
    .selectFrom("appointments as a")
    .innerJoin("places as p", "p.id", "a.place_id")
    .innerJoin("advisors as ad", "ad.id", "a.advisor_id")
    .select([
      "a.id",
      "a.status",
      "a.starts_at",
      "a.created_at",
      "a.place_id",
      "p.structure_id",
      "ad.user_id",
      "a.first_name",
      "a.last_name",
      "a.phone",
      "a.email",
      "a.themes",
      sql<boolean>`exists (select 1 from activity_reports r where r.appointment_id = a.id and r.deleted_at is null)`.as("has_report"),
    ])
    .where("a.status", "in", ["planned", "attended", "no_show"])
    .where("a.anonymised_at", "is", null)
    .where((eb) => eb.or([eb("a.phone", "is not", null), eb("a.email", "is not", null)]))
    .orderBy("a.starts_at", "desc")
    .orderBy("a.id")
    .execute();
  const places = await trx
    .selectFrom("places as p")
    .select([
      "p.id",
      "p.structure_id",
      sql<string | null>`(select ad.user_id from advisors ad where ad.structure_id = p.structure_id and ad.active and ad.user_id is not null order by ad.user_id limit 1)`.as("receiver"),
    ])
    .where("p.is_public", "=", true)
    .orderBy("p.slug")
    .execute();
  const reports = await trx
    .selectFrom("activity_reports as r")
    .innerJoin("advisors as ad", "ad.id", "r.advisor_id")
    .leftJoin("beneficiaries as b", "b.id", "r.beneficiary_id")
    .select(["r.id", "r.structure_id", "ad.user_id", "r.date", "r.themes", "r.beneficiary_commune_code", "b.first_name", "b.last_name", "b.phone", "b.email"])
    .where("r.type", "=", "individuel")
    .where("r.oriented", "=", true)
    .where("r.deleted_at", "is", null)
    .orderBy("r.date", "desc")
    .orderBy("r.id")
    .execute();

  const plans = planDemoReferrals({
    now,
    partners,
    appointments: appointments.map((a) => ({
      id: a.id,
      status: a.status as "planned" | "attended" | "no_show",
      hasReport: a.has_report,
      start: new Date(a.starts_at),
      bookedAt: new Date(a.created_at),
      placeId: a.place_id as string,
      structureId: a.structure_id,
      advisorUserId: a.user_id,
      person: { firstName: a.first_name, lastName: a.last_name, phone: a.phone, email: a.email },
      themes: a.themes,
    })),
    places: places.map((p) => ({ id: p.id, structureId: p.structure_id, receiverUserId: p.receiver })),
    reports: reports.map((r) => ({
      id: r.id,
      structureId: r.structure_id,
      advisorUserId: r.user_id,
      at: parisToInstant(r.date, "00:00"),
      themes: r.themes,
      person: r.first_name && r.last_name ? { firstName: r.first_name, lastName: r.last_name, phone: r.phone, email: r.email } : null,
      communeCode: r.beneficiary_commune_code,
    })),
  });
  for (const plan of plans) {
    const last = plan.events.at(-1);
    const answered = plan.events.find((e) => e.from !== null && e.to !== "expired");
    const reason = plan.events.find((e) => e.reason !== null)?.reason ?? null;
    const { id } = await trx
      .insertInto("referrals")
      .values({
        source: plan.source,
        from_structure_id: plan.fromStructureId,
        created_by_user_id: plan.createdByUserId,
        target_structure_id: plan.targetStructureId,
        target_place_id: plan.targetPlaceId,
        activity_report_id: plan.activityReportId,
        appointment_id: plan.appointmentId,
        status: plan.status,
        themes: plan.themes,
        needs: plan.needs,
        urgency: plan.urgency,
        first_name: plan.person.firstName,
        last_name: plan.person.lastName,
        phone: plan.person.phone,
        email: plan.person.email,
        contact_preference: plan.contactPreference,
        commune_code: null,
        consent_mode: plan.consentMode,
        consent_at: plan.createdAt,
        consent_by_user_id: plan.createdByUserId,
        decision_reason: reason,
        status_changed_at: last?.at ?? plan.createdAt,
        answered_at: answered?.at ?? null,
        reminded_at: plan.remindedAt,
        is_demo: true,
        created_at: plan.createdAt,
        updated_at: last?.at ?? plan.createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("referral_events")
      .values(plan.events.map((e) => ({ referral_id: id, from_status: e.from, to_status: e.to, reason: e.reason, actor_user_id: e.actorUserId, at: e.at, is_demo: true })))
      .execute();
  }
  return plans.length;
}
