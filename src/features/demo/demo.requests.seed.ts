// Writes the demo's commune requests inside the demo transaction: finds the communes the plan needs (with a
// commune agent, already served, with no place at all), then the requests and their timelines. No e-mail is
// queued: the demo's history happened before it was loaded.
import { sql } from "kysely";
import type { DbOrTx } from "../../db/schema.ts";
import { toParis } from "../calendar/paris-time.ts";
import { outcomeText, permanenceOutcome } from "../requests/request-outcome.ts";
import { findPermanenceOutcome } from "../requests/request-outcomes.repository.ts";
import { planDemoRequests } from "./demo.requests.ts";

export async function loadDemoRequests(trx: DbOrTx, options: { departement: string; now: Date }): Promise<number> {
  const { now, departement } = options;
  const today = toParis(now).date;
  const agents = await trx
    .selectFrom("role_assignments as ra")
    .innerJoin("users as u", "u.id", "ra.user_id")
    .innerJoin("structures as s", "s.id", "ra.structure_id")
    .select([
      "s.id as structure_id",
      "s.commune_code",
      "u.id as user_id",
      "u.email",
      sql<string>`u.first_name || ' ' || u.last_name`.as("name"),
      sql<string | null>`(select p.id from places p where p.structure_id = s.id order by p.name desc limit 1)`.as("place_id"),
    ])
    .where("ra.role", "=", "commune_agent")
    .where("s.commune_code", "is not", null)
    .orderBy("s.slug")
    .execute();
  const agentCodes = agents.map((a) => a.commune_code as string);
  const served = await trx
    .selectFrom("permanences as p")
    .innerJoin("places as pl", "pl.id", "p.place_id")
    .innerJoin("communes as c", "c.code", "pl.commune_code")
    .select(["c.code", sql<string>`min(p.id::text)`.as("permanence_id")])
    .where("c.departement", "=", departement)
    .where("p.valid_from", "<=", today)
    .where((eb) => eb.or([eb("p.valid_to", "is", null), eb("p.valid_to", ">=", today)]))
    .$if(agentCodes.length > 0, (q) => q.where("c.code", "not in", agentCodes))
    .groupBy(["c.code", "c.population"])
    .orderBy("c.population", "desc")
    .orderBy("c.code")
    .limit(2)
    .execute();
  const unserved = await trx
    .selectFrom("communes as c")
    .select("c.code")
    .where("c.departement", "=", departement)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("places as pl").select("pl.id").whereRef("pl.commune_code", "=", "c.code"))))
    .$if(agentCodes.length > 0, (q) => q.where("c.code", "not in", agentCodes))
    .orderBy("c.population", "desc")
    .orderBy("c.code")
    .limit(3)
    .execute();
  const coordinator = await trx
    .selectFrom("role_assignments")
    .innerJoin("users", "users.id", "role_assignments.user_id")
    .select("users.id")
    .where("role_assignments.role", "=", "coordinator")
    .orderBy("users.email")
    .executeTakeFirst();

  const plans = planDemoRequests({
    now,
    agentCommunes: agents.map((a) => ({
      structureId: a.structure_id,
      communeCode: a.commune_code as string,
      agentUserId: a.user_id,
      agentName: a.name,
      agentEmail: a.email,
      placeId: a.place_id,
    })),
    servedCommunes: served.map((s) => ({ code: s.code, permanenceId: s.permanence_id })),
    unservedCommunes: unserved,
    coordinatorUserId: coordinator?.id ?? null,
  });
  for (const plan of plans) {
    const { id } = await trx
      .insertInto("commune_requests")
      .values({
        kind: plan.kind,
        status: plan.status,
        commune_code: plan.communeCode,
        structure_id: plan.structureId,
        place_id: plan.placeId,
        address: plan.address,
        weekdays: plan.weekdays,
        start_time: plan.startTime,
        end_time: plan.endTime,
        rhythm: plan.rhythm,
        start_date: plan.startDate,
        publics: plan.publics,
        public_details: plan.publicDetails,
        expected_people: plan.expectedPeople,
        details: plan.details,
        contact_name: plan.contactName,
        contact_role: plan.contactRole,
        contact_email: plan.contactEmail,
        contact_phone: plan.contactPhone,
        channel: plan.channel,
        created_by_user_id: plan.createdBy,
        assigned_user_id: plan.assignedTo,
        decision_reason: plan.decisionReason,
        permanence_id: plan.permanenceId,
        status_changed_at: plan.statusChangedAt,
        answered_at: plan.answeredAt,
        decided_at: plan.decidedAt,
        is_demo: true,
        created_at: plan.createdAt,
        updated_at: plan.statusChangedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const outcome = plan.permanenceId ? await findPermanenceOutcome(trx, plan.permanenceId) : undefined;
    for (const event of plan.events) {
      const body = event.outcome && outcome ? outcomeText(permanenceOutcome(outcome, event.at, departement)) : event.body;
      await trx
        .insertInto("commune_request_events")
        .values({ request_id: id, kind: event.kind, side: event.side, from_status: event.from, to_status: event.to, body, actor_user_id: event.actorUserId, at: event.at, is_demo: true })
        .execute();
    }
  }
  return plans.length;
}
