// The embedded database folder belongs to one process at a time: two PGlite instances writing the
// same files would corrupt them. A lock file, created atomically, names the holder; a lock left by a
// process that no longer exists on this machine is taken over.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `Le dossier de données ${dataDir} est déjà utilisé par un autre processus ` +
        `(pid ${holder.pid} sur ${holder.host}, « ${holder.command} », depuis ${holder.startedAt}). ` +
        "Arrêtez-le d'abord, ou utilisez PostgreSQL (DATABASE_URL) pour plusieurs processus.\n" +
        `The data folder ${dataDir} is in use by another process ` +
        `(pid ${holder.pid} on ${holder.host}, "${holder.command}", since ${holder.startedAt}). ` +
        "Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.",
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockHolder;
  } catch {
    return null;
  }
}

function tryLink(candidate: string, path: string): boolean {
  try {
    linkSync(candidate, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Takes the folder's lock or throws DataDirLockedError; returns the function that releases it. */
export function lockDataDir(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "declic.lock");
  const me: LockHolder = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
  // Written aside, then hard-linked into place: the lock appears atomically, with its content.
  const candidate = `${path}.${process.pid}`;
  writeFileSync(candidate, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryLink(candidate, path)) {
        return () => {
          const holder = readHolder(path);
          if (holder?.pid === me.pid && holder.host === me.host) rmSync(path, { force: true });
        };
      }
      const holder = readHolder(path);
      const stale = holder === null || (holder.host === me.host && !isAlive(holder.pid));
      if (!stale) throw new DataDirLockedError(dataDir, holder);
      rmSync(path, { force: true });
    }
    throw new Error(`Could not take the lock on ${dataDir}`);
  } finally {
    rmSync(candidate, { force: true });
  }
}
