// Organisation of the network: employer structures, people's roles and the scope of each role.

export const ROLES = {
  admin: { label: "Administrateur ou administratrice", scoped: false },
  coordinator: { label: "Coordination départementale", scoped: false },
  state_reader: { label: "Lecture État (préfecture)", scoped: false },
  structure_manager: { label: "Responsable de structure", scoped: true },
  advisor: { label: "Conseiller ou conseillère numérique", scoped: true },
  commune_agent: { label: "Agent de mairie", scoped: true },
  partner_agent: { label: "Agent d'un partenaire", scoped: true },
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export const STRUCTURE_KINDS = {
  departement: "Département",
  public_body: "Établissement public",
  commune: "Commune",
  epci: "Intercommunalité",
  association: "Association",
  company: "Entreprise",
  prefecture: "Préfecture (État)",
  partner: "Partenaire (organisme)",
} as const;

export type StructureKind = keyof typeof STRUCTURE_KINDS;

/** Kinds that employ advisors, as the national programme counts them. */
export const EMPLOYER_KINDS: StructureKind[] = ["departement", "public_body", "commune", "epci", "association", "company"];

export function isStructureKind(value: string): value is StructureKind {
  return Object.hasOwn(STRUCTURE_KINDS, value);
}

export interface RoleAssignment {
  role: Role;
  structureId: string | null;
}

/** A scoped role needs a structure; a network-wide role must not carry one. */
export function checkRoleAssignment(assignment: RoleAssignment): string | null {
  const scoped = ROLES[assignment.role].scoped;
  if (scoped && assignment.structureId === null) return `Le rôle « ${ROLES[assignment.role].label} » doit être rattaché à une structure.`;
  if (!scoped && assignment.structureId !== null) return `Le rôle « ${ROLES[assignment.role].label} » couvre tout le réseau : pas de structure.`;
  return null;
}

export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** The Luhn check that SIREN (9 digits) and SIRET (14 digits) numbers carry. */
export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits) % 10 === 0;
}

/**
 * A SIRET is 14 digits passing the Luhn check. La Poste's establishments (SIREN 356 000 000)
 * are the documented exception: their digits add up to a multiple of 5 instead.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith("356000000") && value !== "35600000000048") {
    return [...value].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  return isLuhnValid(value);
}

export function normalizeSiret(value: string): string {
  return value.replace(/[\s.]/g, "");
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

/** URL-safe, readable identifiers: "Médiathèque d'Agen" → "mediatheque-d-agen". */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A partner's agents belong to a partner structure, and a partner structure has no advisors nor managers in
 * the network: the role decides which referrals someone sees (referrals.policy.ts), so the pair must fit.
 * Returns the French reason when it does not.
 */
export function roleFitsStructure(role: Role, kind: StructureKind): string | null {
  if (role === "partner_agent" && kind !== "partner") return "Un agent de partenaire est rattaché à une structure partenaire (CAF, France Travail, CCAS…).";
  if ((role === "advisor" || role === "structure_manager") && kind === "partner") {
    return `Une structure partenaire n'a ni conseiller ni responsable dans le réseau : donnez le rôle « ${ROLES.partner_agent.label} ».`;
  }
  return null;
}
