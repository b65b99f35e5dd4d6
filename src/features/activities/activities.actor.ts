// Loads the actor of the activity slices: the signed-in person, their roles and advisor records.
import type { Db } from "../../db/schema.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { ActivityActor } from "./activities.policy.ts";

export async function loadActivityActor(db: Db, viewer: Viewer): Promise<ActivityActor> {
  const advisors = viewer.roles.some((r) => r.role === "advisor")
    ? await db.selectFrom("advisors").select(["id", "structure_id"]).where("user_id", "=", viewer.userId).where("active", "=", true).execute()
    : [];
  return { userId: viewer.userId, roles: viewer.roles, advisors: advisors.map((a) => ({ id: a.id, structureId: a.structure_id })) };
}
