// Who sees and writes which activity reports and beneficiaries. Pure predicates over the actor.
// Advisors: their own reports and people (and people shared within their structure). Structure
// managers: the structure's reports, identities only where shared. Coordinators, the Préfecture and
// admins: anonymised reports and figures, never an identity.
import type { RoleAssignment } from "../organisation/organisation.ts";

export interface ActivityActor {
  userId: string;
  roles: RoleAssignment[];
  /** The advisor records linked to the account (usually zero or one), with their employer. */
  advisors: { id: string; structureId: string }[];
}

export interface BeneficiaryAccess {
  advisorId: string;
  structureId: string;
  sharedWithStructure: boolean;
}

/** Which reports an actor may list: its own, some structures', or the whole network (anonymised). */
export type ReportScope =
  | { kind: "advisor"; advisorIds: string[] }
  | { kind: "structures"; structureIds: string[]; advisorIds: string[] }
  | { kind: "network" };

export function isNetworkReader(actor: ActivityActor): boolean {
  return actor.roles.some((r) => r.role === "admin" || r.role === "coordinator" || r.role === "state_reader");
}

export function managedStructureIds(actor: ActivityActor): string[] {
  return actor.roles.flatMap((r) => (r.role === "structure_manager" && r.structureId ? [r.structureId] : []));
}

/**
 * The structures whose shared records the actor may open. Coordination, the Préfecture and admins
 * never see identities, even when the same account also manages a structure.
 */
function identityStructureIds(actor: ActivityActor): string[] {
  return isNetworkReader(actor) ? [] : managedStructureIds(actor);
}

export function ownAdvisorIds(actor: ActivityActor): string[] {
  return actor.roles.some((r) => r.role === "advisor") ? actor.advisors.map((a) => a.id) : [];
}

/** Only advisors write reports, always as themselves. */
export function canWriteReports(actor: ActivityActor): boolean {
  return ownAdvisorIds(actor).length > 0;
}

export function reportScope(actor: ActivityActor): ReportScope | null {
  if (isNetworkReader(actor)) return { kind: "network" };
  const managed = managedStructureIds(actor);
  if (managed.length > 0) return { kind: "structures", structureIds: managed, advisorIds: ownAdvisorIds(actor) };
  const own = ownAdvisorIds(actor);
  return own.length > 0 ? { kind: "advisor", advisorIds: own } : null;
}

export function canSeeReport(actor: ActivityActor, report: { advisorId: string; structureId: string }): boolean {
  const scope = reportScope(actor);
  if (scope === null) return false;
  if (scope.kind === "network") return true;
  if (scope.advisorIds.includes(report.advisorId)) return true;
  return scope.kind === "structures" && scope.structureIds.includes(report.structureId);
}

/** Edit, duplicate, delete: the author only. */
export function canChangeReport(actor: ActivityActor, report: { advisorId: string }): boolean {
  return ownAdvisorIds(actor).includes(report.advisorId);
}

/** Names and contact details: the owner, and the structure's advisors and managers when shared. */
export function canSeeIdentity(actor: ActivityActor, beneficiary: BeneficiaryAccess): boolean {
  if (ownAdvisorIds(actor).includes(beneficiary.advisorId)) return true;
  if (!beneficiary.sharedWithStructure || isNetworkReader(actor)) return false;
  if (identityStructureIds(actor).includes(beneficiary.structureId)) return true;
  return actor.roles.some((r) => r.role === "advisor") && actor.advisors.some((a) => a.structureId === beneficiary.structureId);
}

/** Edit, share, merge, export, erase: the owner; the structure's managers when shared. */
export function canManageBeneficiary(actor: ActivityActor, beneficiary: BeneficiaryAccess): boolean {
  if (ownAdvisorIds(actor).includes(beneficiary.advisorId)) return true;
  return beneficiary.sharedWithStructure && identityStructureIds(actor).includes(beneficiary.structureId);
}

/** The structures whose shared records (and read log) the actor may open: none for network readers. */
export function sharedRecordStructureIds(actor: ActivityActor): string[] {
  return identityStructureIds(actor);
}

/** The log of reads of identified records: the structure's managers (and the owner for their own people). */
export function canSeeReadLog(actor: ActivityActor, structureId: string): boolean {
  return identityStructureIds(actor).includes(structureId);
}
