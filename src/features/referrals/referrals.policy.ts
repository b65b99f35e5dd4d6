// Who sees and does what with referrals (orientations). Pure predicates over the actor's roles.
//
// - A partner agent refers people for its structure and follows its structure's referrals: the steps, never
//   what was done with the person. Any other referral answers 404.
// - The receiving side (the target structure's managers and advisors) sees the referrals sent to their
//   structure, answers them, books and declines.
// - An advisor refers a person to a partner structure from an activity report: the partner's agents then
//   hold the receiving side (they answer), the advisor's structure (its advisors and managers) follows the
//   steps and dates. Membership of a structure is what counts: any member sees the referrals sent from
//   or to it; the side depends on which end of the referral the structure is.
// - The coordination (coordinators and admins) and the Préfecture read every referral, for the figures;
//   they do not act on them.
// - Commune agents have nothing to do here (403).
import type { RoleAssignment } from "../organisation/organisation.ts";

export interface ReferralActor {
  userId: string;
  name: string;
  email: string;
  roles: RoleAssignment[];
}

export type ReferralScope = { all: true } | { all: false; fromStructureIds: string[]; targetStructureIds: string[] };

function structuresWith(actor: ReferralActor, roles: RoleAssignment["role"][]): string[] {
  return [...new Set(actor.roles.flatMap((r) => (roles.includes(r.role) && r.structureId !== null ? [r.structureId] : [])))];
}

export function isNetworkReader(actor: ReferralActor): boolean {
  return actor.roles.some((r) => r.role === "admin" || r.role === "coordinator" || r.role === "state_reader");
}

/** Structures the actor refers people for. */
export function referringStructureIds(actor: ReferralActor): string[] {
  return structuresWith(actor, ["partner_agent"]);
}

/** Structures whose received referrals the actor answers. */
export function receivingStructureIds(actor: ReferralActor): string[] {
  return structuresWith(actor, ["structure_manager", "advisor"]);
}

/** Every structure the actor works for on referrals: as a partner agent, a manager or an advisor. */
export function memberStructureIds(actor: ReferralActor): string[] {
  return structuresWith(actor, ["partner_agent", "structure_manager", "advisor"]);
}

export function canUseReferrals(actor: ReferralActor): boolean {
  return isNetworkReader(actor) || referringStructureIds(actor).length > 0 || receivingStructureIds(actor).length > 0;
}

export function canRefer(actor: ReferralActor): boolean {
  return referringStructureIds(actor).length > 0;
}

export function referralScope(actor: ReferralActor): ReferralScope {
  if (isNetworkReader(actor)) return { all: true };
  const member = memberStructureIds(actor);
  return { all: false, fromStructureIds: member, targetStructureIds: member };
}

/** The side the actor holds on this referral: the receiving side acts, the referrer follows, others read. */
export function sideOn(actor: ReferralActor, referral: { fromStructureId: string; targetStructureId: string }): "receiver" | "referrer" | "reader" {
  const member = memberStructureIds(actor);
  if (member.includes(referral.targetStructureId)) return "receiver";
  if (member.includes(referral.fromStructureId)) return "referrer";
  return "reader";
}

/**
 * Whether the actor sees who the person is (names, phone, e-mail). The receiving side must contact them; a
 * partner's agents referred them together. A referral an advisor sent from an activity report carries the
 * person's record: on the sending side only its author sees the person, like the record itself (colleagues see
 * the steps and dates). Network readers never see people.
 */
export function seesPerson(actor: ReferralActor, referral: { source: string; fromStructureId: string; targetStructureId: string; createdByUserId: string | null }): boolean {
  const side = sideOn(actor, referral);
  if (side === "receiver") return true;
  if (side === "reader") return false;
  return referral.source === "partner" || referral.createdByUserId === actor.userId;
}
