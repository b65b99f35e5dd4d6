// The demo requests the coordination recorded (phone, letter, meeting, e-mail) for communes without an agent:
// where nobody helps yet, and communes already answered by one of their permanences.
import { addDays } from "../calendar/paris-time.ts";
import type { DemoRequest, DemoRequestInputs, PlanContext } from "./demo.requests.ts";

export function recordedRequests(input: DemoRequestInputs, ctx: PlanContext): DemoRequest[] {
  const today = ctx.today;
  const { at, coordinator, base } = ctx;
  const plans: DemoRequest[] = [];
  const [bigUnserved, midUnserved, smallUnserved] = input.unservedCommunes;
  const [servedA, servedB] = input.servedCommunes;
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
  }  return plans;
}
