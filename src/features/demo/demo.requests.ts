// The demo's commune requests: eight requests from several communes, in every status, with their thread.
// Pure: the seed finds the communes (those with a commune agent, those already served, those with no place
// at all) and writes the plan. Dates count back from the demo's « now ».
import { addDays, parisToInstant, toParis } from "../calendar/paris-time.ts";
import type { RequestChannel, RequestKind, RequestRhythm, RequestSide, RequestStatus } from "../requests/requests.ts";

export interface DemoRequestInputs {
  now: Date;
  /** Communes whose structure has a commune agent (Nérac and Duras in Lot-et-Garonne), in a stable order. */
  agentCommunes: { structureId: string; communeCode: string; agentUserId: string; agentName: string; agentEmail: string; placeId: string | null }[];
  /** Other communes with a permanence today, most populated first. */
  servedCommunes: { code: string; permanenceId: string }[];
  /** Communes with no place at all, most populated first: where people wait for help. */
  unservedCommunes: { code: string }[];
  coordinatorUserId: string | null;
}

export interface DemoRequestEvent {
  kind: "created" | "status" | "message";
  side: RequestSide;
  from: RequestStatus | null;
  to: RequestStatus | null;
  /** The outcome's description is written by the seed when `outcome` is true. */
  body: string | null;
  outcome?: boolean;
  actorUserId: string | null;
  at: Date;
}

export interface DemoRequest {
  kind: RequestKind;
  status: RequestStatus;
  communeCode: string;
  structureId: string | null;
  placeId: string | null;
  address: string | null;
  weekdays: number[];
  startTime: string | null;
  endTime: string | null;
  rhythm: RequestRhythm | null;
  startDate: string | null;
  publics: string[];
  publicDetails: string | null;
  expectedPeople: number | null;
  details: string;
  contactName: string;
  contactRole: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  channel: RequestChannel;
  createdBy: string | null;
  assignedTo: string | null;
  decisionReason: string | null;
  permanenceId: string | null;
  createdAt: Date;
  answeredAt: Date | null;
  decidedAt: Date | null;
  statusChangedAt: Date;
  events: DemoRequestEvent[];
}

export function planDemoRequests(input: DemoRequestInputs): DemoRequest[] {
  const today = toParis(input.now).date;
  const at = (daysAgo: number, time: string) => parisToInstant(addDays(today, -daysAgo), time);
  const firstOfNextMonth = `${addDays(`${today.slice(0, 7)}-28`, 7).slice(0, 7)}-01`;
  const coordinator = input.coordinatorUserId;
  const plans: DemoRequest[] = [];
  const base = { address: null, publicDetails: null, contactRole: null, contactEmail: null, contactPhone: null, decisionReason: null, permanenceId: null, answeredAt: null, decidedAt: null };
  const [first, second] = input.agentCommunes;
  const [bigUnserved, midUnserved, smallUnserved] = input.unservedCommunes;
  const [servedA, servedB] = input.servedCommunes;

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

  if (bigUnserved) {
    // Recorded by phone, waiting for almost a month: the top of the queue.
    const created = at(26, "11:40");
    plans.push({
      ...base,
      kind: "permanence",
      status: "new",
      communeCode: bigUnserved.code,
      structureId: null,
      placeId: null,
      address: "Salle polyvalente, rue de la Mairie",
      weekdays: [2],
      startTime: "09:00",
      endTime: "12:00",
      rhythm: "fortnightly",
      startDate: null,
      publics: [],
      expectedPeople: 12,
      details: "Le maire a appelé : aucun lieu d'aide à moins de 15 km, beaucoup d'habitants sans voiture. Une permanence tous les quinze jours serait un début.",
      contactName: "Monique Darrieux",
      contactRole: "Maire",
      contactPhone: "05 53 00 12 34",
      channel: "phone",
      createdBy: coordinator,
      assignedTo: coordinator,
      answeredAt: created,
      createdAt: created,
      statusChangedAt: created,
      events: [{ kind: "created", side: "coordination", from: null, to: null, body: null, actorUserId: coordinator, at: created }],
    });
  }

  if (midUnserved) {
    // Help for the residents of a nursing home, refused with its reason.
    const created = at(35, "15:00");
    const refused = at(21, "10:30");
    plans.push({
      ...base,
      kind: "public",
      status: "refused",
      communeCode: midUnserved.code,
      structureId: null,
      placeId: null,
      address: "EHPAD Les Tilleuls",
      weekdays: [],
      startTime: null,
      endTime: null,
      rhythm: "monthly",
      startDate: null,
      publics: ["seniors"],
      publicDetails: "Résidents de l'EHPAD et leurs familles",
      expectedPeople: 15,
      details: "Courrier de la mairie : les résidents voudraient garder le contact avec leurs proches en visio et gérer leurs démarches de retraite.",
      contactName: "Gérard Lestrade",
      contactRole: "Directeur de l'EHPAD",
      contactEmail: "direction.ehpad@exemple.fr",
      channel: "letter",
      createdBy: coordinator,
      assignedTo: coordinator,
      decisionReason: "Aucun conseiller n'est disponible pour des visites en établissement ce trimestre. Nous reprendrons contact en début d'année.",
      answeredAt: created,
      decidedAt: refused,
      createdAt: created,
      statusChangedAt: refused,
      events: [
        { kind: "created", side: "coordination", from: null, to: null, body: null, actorUserId: coordinator, at: created },
        {
          kind: "status",
          side: "coordination",
          from: "new",
          to: "refused",
          body: "Aucun conseiller n'est disponible pour des visites en établissement ce trimestre. Nous reprendrons contact en début d'année.",
          actorUserId: coordinator,
          at: refused,
        },
      ],
    });
  }

  if (smallUnserved) {
    // Met at the mayors' assembly: an intervention being studied.
    const created = at(6, "17:00");
    plans.push({
      ...base,
      kind: "intervention",
      status: "in_review",
      communeCode: smallUnserved.code,
      structureId: null,
      placeId: null,
      address: "Foyer rural",
      weekdays: [],
      startTime: "14:00",
      endTime: "17:00",
      rhythm: "once",
      startDate: addDays(today, 30),
      publics: [],
      expectedPeople: 30,
      details: "Rencontré à l'assemblée des maires : une après-midi « arnaques en ligne » au foyer rural, avec la gendarmerie.",
      contactName: "Anne Sarrazin",
      contactRole: "Conseillère municipale",
      contactEmail: "mairie@exemple.fr",
      channel: "meeting",
      createdBy: coordinator,
      assignedTo: coordinator,
      answeredAt: created,
      createdAt: created,
      statusChangedAt: at(5, "09:00"),
      events: [
        { kind: "created", side: "coordination", from: null, to: null, body: null, actorUserId: coordinator, at: created },
        { kind: "status", side: "coordination", from: "new", to: "in_review", body: null, actorUserId: coordinator, at: at(5, "09:00") },
      ],
    });
  }

  for (const [served, closed] of [
    [servedA, false],
    [servedB, true],
  ] as const) {
    if (!served) continue;
    // Answered by a permanence that exists; the second one is over and closed since.
    const created = at(closed ? 120 : 50, "09:00");
    const accepted = at(closed ? 100 : 31, "15:30");
    plans.push({
      ...base,
      kind: "permanence",
      status: closed ? "closed" : "accepted",
      communeCode: served.code,
      structureId: null,
      placeId: null,
      weekdays: [3],
      startTime: "09:00",
      endTime: "12:00",
      rhythm: "weekly",
      startDate: null,
      publics: [],
      expectedPeople: null,
      details: "Demande reçue par courriel : une permanence en centre-bourg, pour les démarches administratives.",
      contactName: "Secrétariat de mairie",
      contactEmail: "secretariat@exemple.fr",
      channel: "email",
      createdBy: coordinator,
      assignedTo: coordinator,
      permanenceId: served.permanenceId,
      answeredAt: created,
      decidedAt: accepted,
      createdAt: created,
      statusChangedAt: closed ? at(10, "11:00") : accepted,
      events: [
        { kind: "created", side: "coordination", from: null, to: null, body: null, actorUserId: coordinator, at: created },
        { kind: "status", side: "coordination", from: "new", to: "accepted", body: null, outcome: true, actorUserId: coordinator, at: accepted },
        ...(closed
          ? [{ kind: "status" as const, side: "coordination" as const, from: "accepted" as const, to: "closed" as const, body: "La permanence est en place : demande clôturée.", actorUserId: coordinator, at: at(10, "11:00") }]
          : []),
      ],
    });
  }
  return plans;
}
