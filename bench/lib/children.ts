// Child processes started by benchmarks: spawn, wait until an HTTP endpoint answers, stop.
// Every child is registered so that run.ts can kill whatever is left on error, SIGINT or timeout.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

const running = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL: this is the emergency path). */
export function killAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  running.clear();
}

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  /** Wall-clock time (Date.now()) of the spawn, to compare with the child's log timestamps. */
  readonly spawnedAt: number;
  /** Milliseconds from spawn until the readiness URL answered 200. */
  readonly readyMs: number;
  /** Lines the process wrote to stdout/stderr (the last ones, bounded). */
  output(): string[];
  /** Resident memory in MB from /proc, or null where unavailable. */
  rssMb(): Promise<number | null>;
  /** SIGTERM, then SIGKILL after graceMs; resolves with how it ended. */
  stop(graceMs?: number): Promise<{ ms: number; code: number | null; signal: string | null; killed: boolean }>;
}

export interface StartOptions {
  name: string;
  /** Arguments for `node` (e.g. ["--import", "tsx", "src/main.ts"]). */
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Polled every pollMs until it answers 200. */
  readyUrl: string;
  readyTimeoutMs: number;
  pollMs?: number;
}

const MAX_LINES = 400;

export class StartError extends Error {
  constructor(
    message: string,
    readonly output: string[],
  ) {
    super(message);
    this.name = "StartError";
  }
}

/** Starts `node <args>` and resolves once readyUrl answers 200 (or rejects, with the process killed). */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const pollMs = options.pollMs ?? 50;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > MAX_LINES) lines.shift();
    }
  };

  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit").then(() => {
    running.delete(child);
  });

  const fail = async (message: string): Promise<never> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await Promise.race([exited, sleep(5_000)]);
    throw new StartError(message, [...lines]);
  };

  let readyMs: number | null = null;
  while (readyMs === null) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`${options.name}: exited before it was ready (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    const elapsed = performance.now() - started;
    if (elapsed > options.readyTimeoutMs) {
      return fail(`${options.name}: not ready after ${Math.round(elapsed)} ms`);
    }
    try {
      const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) readyMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (readyMs === null) await sleep(pollMs);
  }

  const pid = child.pid ?? -1;
  return {
    name: options.name,
    pid,
    spawnedAt,
    readyMs,
    output: () => [...lines],
    rssMb: () => readRssMb(pid),
    async stop(graceMs = 10_000) {
      const t0 = performance.now();
      let killed = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
        if (timedOut) {
          killed = true;
          child.kill("SIGKILL");
          await Promise.race([exited, sleep(5_000)]);
        }
      }
      running.delete(child);
      return { ms: performance.now() - t0, code: child.exitCode, signal: child.signalCode, killed };
    },
  };
}

async function readRssMb(pid: number): Promise<number | null> {
  if (process.platform !== "linux" || pid <= 0) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
