// What a benchmark suite is, and the clean-up registry shared by suites and the runner.

export interface SuiteContext {
  /** The project root (where package.json is). */
  root: string;
  /** Where suites write their JSON results (gitignored). */
  resultsDir: string;
}

export interface Suite {
  /** Short name, used on the command line: `npm run bench -- <name>`. */
  name: string;
  description: string;
  /** Prints its own section; returns the path of the JSON it wrote, if any. */
  run(context: SuiteContext): Promise<string | null>;
}

const cleanups = new Set<() => void>();

/** Registers a synchronous clean-up (kill, remove a temp folder) run on exit, error or Ctrl-C. */
export function onCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function runCleanups(): void {
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
    } catch {
      // Best effort: the next clean-up still runs.
    }
  }
  cleanups.clear();
}
