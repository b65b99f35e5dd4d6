// The demo's commune requests: eight requests from several communes, in every status, with their thread.
// Pure: the seed finds the communes (those with a commune agent, those already served, those with no place
// at all) and writes the plan. Dates count back from the demo's « now ».
import { addDays, parisToInstant, toParis } from "../calendar/paris-time.ts";
import type { RequestChannel, RequestKind, RequestRhythm, RequestSide, RequestStatus } from "../requests/requests.ts";
import { agentRequests } from "./demo.requests.agents.ts";
import { recordedRequests } from "./demo.requests.recorded.ts";

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

/** What every part of the plan shares: the dates, the coordinator, the empty fields. */
export interface PlanContext {
  today: string;
  at: (daysAgo: number, time: string) => Date;
  firstOfNextMonth: string;
  coordinator: string | null;
  base: Pick<DemoRequest, "address" | "publicDetails" | "contactRole" | "contactEmail" | "contactPhone" | "decisionReason" | "permanenceId" | "answeredAt" | "decidedAt">;
}

export function planDemoRequests(input: DemoRequestInputs): DemoRequest[] {
  const today = toParis(input.now).date;
  const ctx: PlanContext = {
    today,
    at: (daysAgo, time) => parisToInstant(addDays(today, -daysAgo), time),
    firstOfNextMonth: `${addDays(`${today.slice(0, 7)}-28`, 7).slice(0, 7)}-01`,
    coordinator: input.coordinatorUserId,
    base: { address: null, publicDetails: null, contactRole: null, contactEmail: null, contactPhone: null, decisionReason: null, permanenceId: null, answeredAt: null, decidedAt: null },
  };
  return [...agentRequests(input, ctx), ...recordedRequests(input, ctx)];
}
