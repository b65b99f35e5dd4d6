// The demo requests filed online by the communes that have an agent: a fresh one, a withdrawn forum, and
// workshops being studied with a question and its answer.
import { addDays } from "../calendar/paris-time.ts";
import type { DemoRequest, DemoRequestInputs, PlanContext } from "./demo.requests.ts";

export function agentRequests(input: DemoRequestInputs, ctx: PlanContext): DemoRequest[] {
  const today = ctx.today;
  const { at, firstOfNextMonth, coordinator, base } = ctx;
  const plans: DemoRequest[] = [];
  const [first, second] = input.agentCommunes;
  if (first) {
    // A commune agent's fresh request for a weekly permanence at its media library.
    const created = at(3, "10:15");
    plans.push({
      ...base,
      kind: "permanence",
      status: "new",
      communeCode: first.communeCode,
      structureId: first.structureId,
      placeId: first.placeId,
      weekdays: [4],
      startTime: "14:00",
      endTime: "17:00",
      rhythm: "weekly",
      startDate: firstOfNextMonth,
      publics: ["seniors"],
      expectedPeople: 20,
      details:
        "Depuis la fermeture de la trésorerie, beaucoup d'habitants âgés viennent en mairie pour leurs démarches en ligne. Nous aimerions une permanence le jeudi après-midi, quand la salle est libre.",
      contactName: first.agentName,
      contactRole: "Secrétaire générale de mairie",
      contactEmail: first.agentEmail,
      channel: "online",
      createdBy: first.agentUserId,
      assignedTo: null,
      createdAt: created,
      statusChangedAt: created,
      events: [{ kind: "created", side: "commune", from: null, to: null, body: null, actorUserId: first.agentUserId, at: created }],
    });
    // An older request for a forum, withdrawn by the commune.
    const forum = at(60, "09:30");
    const withdrawn = at(41, "16:00");
    plans.push({
      ...base,
      kind: "intervention",
      status: "closed",
      communeCode: first.communeCode,
      structureId: first.structureId,
      placeId: null,
      address: "Salle des fêtes, place du Marché",
      weekdays: [6],
      startTime: "09:00",
      endTime: "13:00",
      rhythm: "once",
      startDate: addDays(today, -20),
      publics: [],
      expectedPeople: 80,
      details: "Forum des associations : un stand « numérique facile » pour présenter les permanences et répondre aux questions.",
      contactName: first.agentName,
      contactEmail: first.agentEmail,
      channel: "online",
      createdBy: first.agentUserId,
      assignedTo: coordinator,
      answeredAt: at(57, "11:00"),
      createdAt: forum,
      statusChangedAt: withdrawn,
      events: [
        { kind: "created", side: "commune", from: null, to: null, body: null, actorUserId: first.agentUserId, at: forum },
        { kind: "status", side: "coordination", from: "new", to: "in_review", body: null, actorUserId: coordinator, at: at(57, "11:00") },
        { kind: "status", side: "commune", from: "in_review", to: "closed", body: "Le forum est reporté à l'an prochain : nous reviendrons vers vous.", actorUserId: first.agentUserId, at: withdrawn },
      ],
    });
  }

  if (second) {
    // A series of workshops being studied, with a question and its answer.
    const created = at(12, "08:45");
    plans.push({
      ...base,
      kind: "workshops",
      status: "in_review",
      communeCode: second.communeCode,
      structureId: second.structureId,
      placeId: second.placeId,
      weekdays: [5],
      startTime: "10:00",
      endTime: "12:00",
      rhythm: "monthly",
      startDate: firstOfNextMonth,
      publics: ["familles-enfants"],
      expectedPeople: 10,
      details: "Des parents nous demandent de l'aide pour Pronote, l'ENT et les inscriptions en ligne. Une série d'ateliers le vendredi matin conviendrait.",
      contactName: second.agentName,
      contactRole: "Adjointe aux affaires scolaires",
      contactEmail: second.agentEmail,
      channel: "online",
      createdBy: second.agentUserId,
      assignedTo: coordinator,
      answeredAt: at(9, "14:20"),
      createdAt: created,
      statusChangedAt: at(9, "14:20"),
      events: [
        { kind: "created", side: "commune", from: null, to: null, body: null, actorUserId: second.agentUserId, at: created },
        { kind: "status", side: "coordination", from: "new", to: "in_review", body: null, actorUserId: coordinator, at: at(9, "14:20") },
        {
          kind: "message",
          side: "coordination",
          from: null,
          to: null,
          body: "Bonjour, la salle dispose-t-elle d'une connexion internet et de quelques ordinateurs ? Sinon, le conseiller apportera des tablettes.",
          actorUserId: coordinator,
          at: at(9, "14:25"),
        },
        { kind: "message", side: "commune", from: null, to: null, body: "Bonjour, il y a le wifi de la mairie mais pas d'ordinateurs. Les tablettes seraient parfaites.", actorUserId: second.agentUserId, at: at(8, "09:10") },
      ],
    });
  }
  return plans;
}
