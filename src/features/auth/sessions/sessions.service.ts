// The person's own sessions: list them, end one, end all the others. Each ending is in the audit log.
import type { Db } from "../../../db/schema.ts";
import { recordAudit } from "../../audit/audit.repository.ts";
import type { Viewer } from "../viewer.ts";
import * as repo from "./sessions.repository.ts";
import { describeUserAgent } from "./user-agent.ts";

export interface SessionsDeps {
  db: Db;
  now: () => Date;
}

export interface SessionRow {
  id: string;
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export async function listSessions(deps: SessionsDeps, viewer: Viewer): Promise<SessionRow[]> {
  const rows = await repo.listUserSessions(deps.db, viewer.userId, deps.now());
  return rows
    .map((r) => ({
      id: r.public_id,
      device: describeUserAgent(r.user_agent),
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      current: r.id_hash === viewer.sessionHash,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export async function revokeSession(deps: SessionsDeps, viewer: Viewer, publicId: string): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await repo.deleteOwnSession(trx, viewer.userId, publicId);
    if (ended) {
      await recordAudit(trx, { at: deps.now(), actorUserId: viewer.userId, action: "auth.session_revoked", subjectType: "user", subjectId: viewer.userId });
    }
    return ended;
  });
}

export async function revokeOtherSessions(deps: SessionsDeps, viewer: Viewer): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await repo.deleteOtherSessions(trx, viewer.userId, viewer.sessionHash);
    await recordAudit(trx, {
      at: deps.now(),
      actorUserId: viewer.userId,
      action: "auth.other_sessions_revoked",
      subjectType: "user",
      subjectId: viewer.userId,
      details: { sessions: ended },
    });
    return ended;
  });
}
