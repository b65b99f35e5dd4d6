// Account administration use cases, shared by the CLI and (later) the back office.
import type { Db } from "../../db/schema.ts";
import { recordAudit } from "../audit/audit.repository.ts";
import { addRole, ensureAdvisorRecord, findStructureBySlug, findUserByEmail, insertUser } from "./organisation.repository.ts";
import { checkRoleAssignment, isPlausibleEmail, isRole, normalizeEmail, ROLES, type Role, roleFitsStructure } from "./organisation.ts";

export interface CreateUserInput {
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  structureSlug: string | null;
}

export type CreateUserResult =
  | { ok: true; userId: string; created: boolean; rolesAdded: Role[] }
  | { ok: false; errors: string[] };

/** Creates the account if needed and adds the roles; an existing account keeps its other roles. */
export async function createUserWithRoles(
  db: Db,
  input: CreateUserInput,
  context: { actorUserId: string | null; via: "cli" | "web"; now: Date },
): Promise<CreateUserResult> {
  const errors: string[] = [];
  const email = normalizeEmail(input.email);
  if (!isPlausibleEmail(email)) errors.push(`adresse électronique invalide : « ${input.email} »`);
  if (input.roles.length === 0) errors.push("indiquez au moins un rôle (--role)");
  const roles: Role[] = [];
  for (const role of input.roles) {
    if (isRole(role)) roles.push(role);
    else errors.push(`rôle inconnu : « ${role} »`);
  }
  let structureId: string | null = null;
  if (input.structureSlug) {
    const structure = await findStructureBySlug(db, input.structureSlug);
    if (structure) {
      structureId = structure.id;
      for (const role of roles) {
        const misfit = ROLES[role].scoped ? roleFitsStructure(role, structure.kind) : null;
        if (misfit) errors.push(misfit);
      }
    } else errors.push(`structure inconnue : « ${input.structureSlug} »`);
  }
  // Network-wide roles ignore --structure; scoped roles need it.
  const assignments = roles.map((role) => ({ role, structureId: ROLES[role].scoped ? structureId : null }));
  if (!input.structureSlug || structureId) {
    for (const assignment of assignments) {
      const problem = checkRoleAssignment(assignment);
      if (problem) errors.push(problem);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    const userId =
      existing?.id ??
      (await insertUser(trx, { email, firstName: input.firstName.trim() || email.split("@")[0]!, lastName: input.lastName.trim() }));
    const rolesAdded: Role[] = [];
    for (const { role, structureId: scope } of assignments) {
      if (await addRole(trx, userId, role, scope)) rolesAdded.push(role);
      if (role === "advisor" && scope) await ensureAdvisorRecord(trx, userId, scope);
    }
    await recordAudit(trx, {
      at: context.now,
      actorUserId: context.actorUserId,
      action: existing ? "user.roles_added" : "user.created",
      subjectType: "user",
      subjectId: userId,
      details: { via: context.via, roles: rolesAdded, structure: input.structureSlug },
    });
    return { ok: true as const, userId, created: !existing, rolesAdded };
  });
}
